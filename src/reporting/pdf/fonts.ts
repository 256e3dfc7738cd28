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
/** The family name chart.js writes in its font strings; the chart context draws every family in DejaVu Sans. */
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

/** Enough of pdfkit's embedded font to lay text out without fontkit's shaping and adjust its ToUnicode map (not in @types/pdfkit). */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): Run;
  /** Width of `text` at `size` points, in points. */
  widthOfString(text: string, size: number, features?: unknown): number;
  /** The fontkit font, and font units to text space. */
  font: { glyphForCodePoint(codePoint: number): FontkitGlyph; glyphsForString(text: string): FontkitGlyph[] };
  scale: number;
  /** The glyphs of the document's subset of the font. */
  subset: { includeGlyph(id: number): number };
  /** Glyph ids (4 hex digits) of `text` as drawn; records each new glyph's characters in `unicode`. */
  encode(text: string, features?: unknown): [string[], Position[]];
  /** The characters of each subset glyph, written to the font's ToUnicode map. */
  unicode: number[][];
  /** Advance widths of the subset glyphs, in text space. */
  widths: number[];
}

const NO_LIGATURES = { liga: false, clig: false, dlig: false };

/** Combining marks and scripts that need shaping (Hebrew, Arabic, Indic): such text is shaped by fontkit as before. */
const NEEDS_SHAPING = /\p{M}|[\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/** Whether `text` is laid out glyph by glyph from the character map (Latin, Greek, Cyrillic without combining marks). */
const isSimple = (text: string) => !hasRtlText(text) && !NEEDS_SHAPING.test(text);

/** A character's glyph in one font: its id, advance in text space (1000 per em) and the position pdfkit draws it with. */
interface GlyphMetric {
  id: number;
  advance: number;
  position: Readonly<Position>;
}

/**
 * Glyph ids and advance widths by code point, per font file, kept for the life of the process: measuring a string
 * is a sum of cached advances, and drawing it looks its glyphs up, with no glyph objects, runs or strings made for it
 * (fontkit's layout of every word measured was most of the PDF's text time).
 */
const METRICS = new Map<string, Map<number, GlyphMetric>>();

function metricsOf(font: EmbeddedFont, key: string): (codePoint: number) => GlyphMetric {
  let cache = METRICS.get(key);
  if (!cache) METRICS.set(key, (cache = new Map()));
  const known = cache;
  return (codePoint) => {
    let metric = known.get(codePoint);
    if (!metric) {
      const glyph = simpleGlyph(font.font as unknown as FontkitFont, codePoint);
      const advance = glyph.advanceWidth * font.scale;
      metric = { id: glyph.id, advance, position: Object.freeze({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance }) };
      known.set(codePoint, metric);
    }
    return metric;
  };
}

/**
 * A run of Latin, Greek or Cyrillic text without combining marks, laid out glyph by glyph from the character map and
 * advance widths, without fontkit's OpenType shaping (which, with ligatures off, only adds kerning here and was most
 * of the PDF's drawing time). Same shape as pdfkit's own runs: positions in text space.
 */
function simpleRun(font: EmbeddedFont, text: string): Run {
  const glyphs = Array.from(text, (char) => simpleGlyph(font.font as unknown as FontkitFont, char.codePointAt(0)!));
  let advanceWidth = 0;
  const positions = glyphs.map((g) => {
    const x = g.advanceWidth * font.scale;
    advanceWidth += x;
    return { xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: x };
  });
  return { glyphs, positions, advanceWidth };
}

interface FontkitFont {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
  /** fontkit's character map; absent in another fontkit, then glyphs are looked up through glyphForCodePoint. */
  _cmapProcessor?: { lookup(codePoint: number): number };
  getGlyph(id: number): FontkitGlyph;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
}

/**
 * The glyph of a character of simple text (isSimple: no combining marks). fontkit's glyphForCodePoint makes the glyph
 * ask unicode-properties whether its characters are marks, and loading that module decodes an 11 ms data trie (it is
 * deferred, pdfkit.ts): the glyph is made without characters instead and given its character after, as fontkit would
 * have (the first character a glyph is made for stays its character; pdfkit writes it to the ToUnicode map). Not a
 * mark, as no character of simple text is one.
 */
function simpleGlyph(font: FontkitFont, codePoint: number): FontkitGlyph {
  if (!font._cmapProcessor) return font.glyphForCodePoint(codePoint);
  const glyph = font.getGlyph(font._cmapProcessor.lookup(codePoint));
  if (!glyph.codePoints.length) glyph.codePoints = [codePoint];
  return glyph;
}

/**
 * The header of the font's `post` table, read from its bytes (PostScript's table: version, italic angle, underline,
 * fixed pitch, memory hints). pdfkit reads only the fixed-pitch flag and the italic angle when it embeds the font,
 * but fontkit decodes the whole table for them: with DejaVu's names of six thousand glyphs, that was a quarter of the
 * time the four fonts took to embed. Glyph names are not used for TrueType subsets.
 */
function postHeader(font: FontkitFont): void {
  const table = font.directory.tables.post;
  if (!table || table.length < 32 || 'post' in font._tables) return;
  const bytes = font.stream.buffer;
  const view = new DataView(bytes.buffer, bytes.byteOffset + table.offset, 32);
  font._tables.post = {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
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
    postHeader(font.font as unknown as FontkitFont);
    const metric = metricsOf(font, file);
    const widthOfString = font.widthOfString.bind(font);
    font.widthOfString = (text, size, features) => {
      if (features !== undefined || !isSimple(text)) return widthOfString(text, size, features);
      let width = 0;
      for (const char of text) width += metric(char.codePointAt(0)!).advance;
      return (width * size) / 1000;
    };
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
    const hex: string[] = [];
    font.encode = (text, features) => {
      if (features === undefined && isSimple(text)) {
        const ids: string[] = [];
        const positions: Position[] = [];
        for (const char of text) {
          const codePoint = char.codePointAt(0)!;
          const glyph = metric(codePoint);
          const gid = font.subset.includeGlyph(glyph.id);
          ids.push((hex[gid] ??= `0000${gid.toString(16)}`.slice(-4)));
          font.widths[gid] ??= glyph.advance;
          font.unicode[gid] ??= [codePoint];
          positions.push(glyph.position);
        }
        return [ids, positions];
      }
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
