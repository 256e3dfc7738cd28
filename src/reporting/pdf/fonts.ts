import path from 'node:path';

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

/** Enough of pdfkit's embedded font to turn ligatures off (not in @types/pdfkit). */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): unknown;
}

const NO_LIGATURES = { liga: false, clig: false, dlig: false };

/**
 * Embeds DejaVu Sans (regular and bold, and the condensed faces tables use) and selects the regular face. Ligatures are switched off: with them, "fi"
 * becomes one glyph that text extraction returns as "ﬁ", so "proficiency" could not be found in the PDF.
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
    font.layoutRun = (text, features) => layoutRun(text, features ?? NO_LIGATURES);
  }
}
