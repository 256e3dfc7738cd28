import path from 'node:path';
import { hasRtlText } from '../../i18n/bidi';

/** DejaVu Sans covers Latin Extended, Greek and Cyrillic: every report language prints with the same font. */
const TTF_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = {
  regular: path.join(TTF_DIR, 'DejaVuSans.ttf'),
  bold: path.join(TTF_DIR, 'DejaVuSans-Bold.ttf'),
  condensed: path.join(TTF_DIR, 'DejaVuSansCondensed.ttf'),
  condensedBold: path.join(TTF_DIR, 'DejaVuSansCondensed-Bold.ttf'),
} as const;

/** The names fonts are registered under on a document. */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', condensed: 'DejaVuSansCondensed', condensedBold: 'DejaVuSansCondensed-Bold' } as const;
/** The family name charts use on the canvas (registered in chart.ts). */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
interface Run {
  glyphs: FontkitGlyph[];
  positions: Position[];
  advanceWidth: number;
}

/** Enough of pdfkit's embedded font to turn ligatures off and adjust its ToUnicode map (not in @types/pdfkit). */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): Run;
  /** The fontkit font, and font units to text space. */
  font: { glyphsForString(text: string): FontkitGlyph[] };
  scale: number;
  /** Glyph ids (4 hex digits) of `text` as drawn; records each new glyph's characters in `unicode`. */
  encode(text: string, features?: unknown): [string[], unknown];
  /** The characters of each subset glyph, written to the font's ToUnicode map. */
  unicode: number[][];
}

const NO_LIGATURES = { liga: false, clig: false, dlig: false };

/** Combining marks and scripts that need shaping (Hebrew, Arabic, Indic): such text is shaped by fontkit as before. */
const NEEDS_SHAPING = /\p{M}|[\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/**
 * A run of Latin, Greek or Cyrillic text without combining marks, laid out glyph by glyph from the character map and
 * advance widths, without fontkit's OpenType shaping (which, with ligatures off, only adds kerning here and was most
 * of the PDF's drawing time). Same shape as pdfkit's own runs: positions in text space.
 */
function simpleRun(font: EmbeddedFont, text: string): Run {
  const glyphs = font.font.glyphsForString(text);
  let advanceWidth = 0;
  const positions = glyphs.map((g) => {
    const x = g.advanceWidth * font.scale;
    advanceWidth += x;
    return { xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: x };
  });
  return { glyphs, positions, advanceWidth };
}

/**
 * Embeds DejaVu Sans (regular and bold, and the condensed faces tables use) and selects the regular face. Ligatures are switched off: with them, "fi"
 * becomes one glyph that text extraction returns as "ﬁ", so "proficiency" could not be found in the PDF. They stay on
 * for text in a right-to-left script: DejaVu writes Arabic lam-alef as a ligature, which Arabic requires.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of [
    [FONT.condensedBold, FONT_FILES.condensedBold],
    [FONT.condensed, FONT_FILES.condensed],
    [FONT.bold, FONT_FILES.bold],
    [FONT.regular, FONT_FILES.regular],
  ] as const) {
    doc.registerFont(name, file);
    doc.font(name);
    const font = (doc as unknown as { _font: EmbeddedFont })._font;
    const layoutRun = font.layoutRun.bind(font);
    // a fresh object each time: fontkit writes into the features it is given
    font.layoutRun = (text, features) => {
      if (features === undefined && !hasRtlText(text) && !NEEDS_SHAPING.test(text)) return simpleRun(font, text);
      return layoutRun(text, features ?? (hasRtlText(text) ? undefined : { ...NO_LIGATURES }));
    };
    // A ligature in a right-to-left word (lam-alef) is drawn where its letters stand in visual order, and text
    // extraction (poppler, pdf.js) reverses a right-to-left word letter by letter: give its characters in visual
    // order, or "لا" would be read back as "ال".
    const encode = font.encode.bind(font);
    const reordered = new Set<number>();
    font.encode = (text, features) => {
      const result = encode(text, features);
      for (const hex of result[0]) {
        const gid = parseInt(hex, 16);
        const chars = font.unicode[gid];
        if (!chars || chars.length < 2 || reordered.has(gid) || !hasRtlText(String.fromCodePoint(...chars))) continue;
        font.unicode[gid] = [...chars].reverse();
        reordered.add(gid);
      }
      return result;
    };
  }
}
