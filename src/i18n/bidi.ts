import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/** Scripts written right to left: fontkit (inside pdfkit) reverses a word whose first letter is in one of them. */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** A letter of some script; digits, spaces and punctuation are "Common" and do not decide a word's direction. */
const SCRIPT_LETTER = /[^\p{Script=Common}\p{Script=Inherited}]/u;

const reverse = (s: string) => [...s].reverse().join('');
/** Whether fontkit will lay `word` out right to left, which it does by the script of its first letter. */
const laidOutRtl = (word: string) => RTL_SCRIPT.test(SCRIPT_LETTER.exec(word)?.[0] ?? '');

export const hasRtlText = (text: string) => RTL_SCRIPT.test(text);

/**
 * One line of text in the order pdfkit must draw it, left to right, for the Unicode bidirectional algorithm's
 * visual order (bidi-js) to come out on the page. pdfkit does no bidi reordering, but its font engine (fontkit)
 * shapes each word and reverses a word written in a right-to-left script. So the words are put in visual order,
 * and each right-to-left word is given in reading order (fontkit turns it round and joins its letters); brackets
 * are already mirrored. Draw the result with `PDF_BIDI_OPTIONS`, one line at a time: wrap first, in reading order
 * (`wrapLines`, measuring with `doc.widthOfString`), then reorder each line. Left-to-right text in a left-to-right paragraph comes back unchanged.
 *
 * @example visualOrder('السؤال 3 من 12', 'rtl') === '12 من 3 السؤال'
 */
export function visualOrder(text: string, baseDir: 'ltr' | 'rtl'): string {
  if (baseDir === 'ltr' && !hasRtlText(text)) return text;
  const levels = bidi.getEmbeddingLevels(text, baseDir);
  const visual = bidi.getReorderedString(text, levels);
  return visual
    .split(/(\s+)/)
    .map((word) => (/^\s*$/.test(word) || !laidOutRtl(reverse(word)) ? word : reverse(word)))
    .join('');
}

/**
 * Options for pdfkit's `text()` with a visually ordered line. Any word spacing makes pdfkit lay out each word on
 * its own and add the space after the word's last glyph; without it a right-to-left word carries its trailing
 * space to its left side. The amount itself (a thousandth of a point) is invisible. Pass no `width`: pdfkit wraps
 * whenever it has one, which would break a reordered line in the wrong place; place the line yourself, e.g.
 * right-aligned at `right - doc.widthOfString(line, PDF_BIDI_OPTIONS)`.
 */
export const PDF_BIDI_OPTIONS = { wordSpacing: 0.001, lineBreak: false } as const;

/** Greedy line breaking in reading order (the only order in which a line's words are known); one line per '\n' at least. */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && measure(candidate) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/** `text` wrapped to `width` and each line visually ordered: what a PDF writer draws, line by line. */
export const visualLines = (text: string, baseDir: 'ltr' | 'rtl', width: number, measure: (s: string) => number) =>
  wrapLines(text, width, measure).map((line) => visualOrder(line, baseDir));
