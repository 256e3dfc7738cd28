import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';
import { registerFonts } from '../../src/reporting/pdf/fonts';
import { PDF_BIDI_OPTIONS, hasRtlText, visualLines, visualOrder, wrapLines } from '../../src/i18n/bidi';
import { parseQuestionnaire } from '../../src/questionnaires/schema';
import { textUnits } from '../../src/translations/units';

const bidi = bidiFactory();

/** The Unicode bidirectional algorithm's visual order of one line, left to right, spaces normalised. */
const unicodeVisual = (text: string, dir: 'ltr' | 'rtl') => bidi.getReorderedString(text, bidi.getEmbeddingLevels(text, dir)).trim().split(/\s+/).join(' ');

/** The part of pdfkit's embedded font (not in @types/pdfkit) that turns a word into glyphs. */
interface EmbeddedFont {
  layout(text: string): { glyphs: { codePoints: number[] }[] };
}

/**
 * The characters pdfkit draws, left to right, for `text` drawn with PDF_BIDI_OPTIONS in the report's own fonts:
 * with word spacing it lays out each word on its own (src: pdfkit's _fragment), and fontkit shapes and, for a
 * right-to-left script, reverses it. A ligature glyph keeps its characters in reading order.
 */
function drawnOrder(text: string): string {
  const doc = new PDFDocument({ autoFirstPage: false });
  registerFonts(doc);
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  return text
    .trim()
    .split(/\s+/)
    .map((word) =>
      font
        .layout(word)
        .glyphs.map((g) => String.fromCodePoint(...(hasRtlText(word) ? [...g.codePoints].reverse() : g.codePoints)))
        .join(''),
    )
    .join(' ');
}

const arabic = parseQuestionnaire(fs.readFileSync(path.resolve(__dirname, '../fixtures/questionnaire-ar.json'), 'utf8'), 'questionnaire-ar.json');
const fixtureTexts = arabic.ok ? textUnits(arabic.questionnaire).map((u) => u.text.ar!) : [];

describe('visualOrder for pdfkit', () => {
  test.each([
    ['السؤال 3 من 12', 'rtl', '12 من 3 السؤال'],
    ['مرحبا بالعالم', 'rtl', 'بالعالم مرحبا'],
    ['تقرير Needsmap: الأولويات 2026', 'rtl', '2026 الأولويات :Needsmap تقرير'],
    ['Survey: السؤال الأول', 'ltr', 'Survey: الأول السؤال'],
    ['Needsmap report, page 3', 'ltr', 'Needsmap report, page 3'],
  ] as const)('%s (%s) → %s', (text, dir, expected) => {
    expect(visualOrder(text, dir)).toBe(expected);
  });

  test.each([
    'السؤال 3 من 12',
    'تقرير Needsmap: الأولويات 2026',
    'الإدماج (مهم جدًا) بنسبة 45٪ من 120 مشاركًا',
    'Survey: السؤال الأول (Arabic) and more',
    ...fixtureTexts,
  ])('when pdfkit draws visualOrder(%s), then the glyphs come out in the Unicode visual order', (text) => {
    expect(drawnOrder(visualOrder(text, 'rtl'))).toBe(unicodeVisual(text, 'rtl'));
  });

  test('when mixed text is drawn without visualOrder, then pdfkit gets the order wrong (why the function exists)', () => {
    const text = 'السؤال 3 من 12';
    expect(drawnOrder(text)).not.toBe(unicodeVisual(text, 'rtl'));
  });

  test('the drawing options make pdfkit lay out word by word and never wrap a reordered line', () => {
    expect(PDF_BIDI_OPTIONS).toEqual({ wordSpacing: expect.any(Number), lineBreak: false });
    expect(PDF_BIDI_OPTIONS.wordSpacing).toBeGreaterThan(0);
    expect(PDF_BIDI_OPTIONS.wordSpacing).toBeLessThan(0.01);
  });
});

const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((f) => fs.existsSync(f));

/** Draws each line right-aligned like a report would, and reads the words back from the PDF by position. */
async function wordsOnThePage(lines: string[]): Promise<string[]> {
  const doc = new PDFDocument({ size: 'A4', margin: 50 });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.fontSize(12);
  lines.forEach((line, i) => {
    const visual = visualOrder(line, 'rtl');
    doc.text(visual, 545 - doc.widthOfString(visual, PDF_BIDI_OPTIONS), 40 + i * 18, PDF_BIDI_OPTIONS);
  });
  doc.end();
  await done;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-bidi-')), 'ar.pdf');
  fs.writeFileSync(file, Buffer.concat(chunks));
  const xml = execFileSync(PDFTOTEXT!, ['-bbox', file, '-'], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Math.round(Number(m[2])), text: m[3]! }));
  const rows = [...new Set(words.map((w) => w.y))].sort((a, b) => a - b);
  return rows.map((y) => words.filter((w) => w.y === y).sort((a, b) => a.x - b.x).map((w) => w.text.replace(/&amp;/g, '&')).join(' '));
}

/**
 * The order of words and the letters each holds. pdftotext spells a lam-alef ligature glyph in reading order inside
 * a visually ordered word, so letters within a word are compared as a set here (their order is checked above).
 */
const unligate = (line: string) => line.split(' ').map((w) => [...w].sort().join('')).join(' ');

(PDFTOTEXT ? test : test.skip)('when a real PDF is drawn with visualOrder, then pdftotext reads the words back in visual order', async () => {
  const doc = new PDFDocument();
  registerFonts(doc);
  doc.fontSize(12);
  const lines = ['السؤال 3 من 12', 'الإدماج (مهم جدًا) بنسبة 45٪', ...fixtureTexts].slice(0, 30).flatMap((t) => wrapLines(t, 495, (s) => doc.widthOfString(s, PDF_BIDI_OPTIONS)));
  expect((await wordsOnThePage(lines)).map(unligate)).toEqual(lines.map((l) => unligate(unicodeVisual(l, 'rtl'))));
});

describe('wrapping before reordering', () => {
  const measure = (s: string) => s.length;
  test('when a paragraph is wrapped, then lines keep reading order and break between words', () => {
    expect(wrapLines('one two three four\nfive', 9, measure)).toEqual(['one two', 'three', 'four', 'five']);
  });
  test('when an Arabic paragraph wraps, then its first line holds the first words, each line reordered on its own', () => {
    expect(visualLines('السؤال الأول من 12 سؤالًا', 'rtl', 13, measure)).toEqual(['الأول السؤال', 'سؤالًا 12 من']);
  });
});
