import { PDF_BIDI_OPTIONS, hasRtlText, visualOrder, wrapLines } from '../../i18n/bidi';
import { textDirection } from '../../i18n/languages';
import type { PdfContext } from './context';
import { FONT } from './fonts';
import { COLOUR, CONTENT_WIDTH, MARGIN, SIZE } from './theme';

export const bottomOf = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Whether the report language is written right to left: start-aligned text then sits at the right of its box. */
export const isRtlReport = (ctx: PdfContext) => textDirection(ctx.report.lang) === 'rtl';

/**
 * A box to draw text in, in the current font: pdfkit's text options, handed to pdfkit unchanged for left-to-right
 * text in a left-to-right report. Without `align` text starts on the reading side: left, or right in a right-to-left
 * report; an explicit 'left', 'right' or 'center' is a place on the page and is kept in both.
 */
export interface TextBox {
  width: number;
  align?: 'left' | 'right' | 'center';
  lineGap?: number;
  characterSpacing?: number;
  /** false: one line, never wrapped (cut with an ellipsis when `ellipsis` is set and it is too wide). */
  lineBreak?: boolean;
  /** With `height` or `lineBreak: false`: end the last line that fits with "…" when text is left over. */
  ellipsis?: boolean;
  /** Draw only the lines that fit in this height. */
  height?: number;
}

/**
 * The base direction of a text drawn line by line, or null for today's path (pdfkit wraps and draws it), which all
 * text without right-to-left letters in a left-to-right report takes. In a right-to-left report text holding any
 * right-to-left letter is a right-to-left paragraph, and text without (numbers, untranslated English) keeps its own
 * order; in a left-to-right report a text with right-to-left letters takes the direction of its first letter (a bare
 * Arabic label reads right to left, an English sentence quoting one left to right).
 */
function bidiDirection(ctx: PdfContext, text: string): 'ltr' | 'rtl' | null {
  if (!hasRtlText(text)) return isRtlReport(ctx) ? 'ltr' : null;
  if (isRtlReport(ctx)) return 'rtl';
  return hasRtlText(/\p{L}/u.exec(text)?.[0] ?? '') ? 'rtl' : 'ltr';
}

const bidiOptions = (box: TextBox) => ({ ...PDF_BIDI_OPTIONS, ...(box.characterSpacing ? { characterSpacing: box.characterSpacing } : {}) });

/** The lines of `text` in reading order, wrapped to the box and cut to its height, as pdfkit would for a Latin text. */
function logicalLines(doc: PDFKit.PDFDocument, text: string, box: TextBox): string[] {
  const options = bidiOptions(box);
  const measure = (s: string) => doc.widthOfString(s, options);
  const lines = box.lineBreak === false ? [text.replace(/\s+/g, ' ').trim()] : wrapLines(text, box.width, measure);
  const lineHeight = doc.currentLineHeight(true);
  const max = box.height === undefined ? Infinity : Math.max(1, Math.floor((box.height - lineHeight) / (lineHeight + (box.lineGap ?? 0))) + 1);
  const cut = lines.length > max;
  const kept = lines.slice(0, max);
  const last = kept.length - 1;
  if (box.ellipsis && (cut || measure(kept[last]!) > box.width)) {
    let chars = [...kept[last]!.trimEnd()];
    while (chars.length && measure(`${chars.join('')}…`) > box.width) chars = [...chars.slice(0, -1).join('').trimEnd()];
    kept[last] = `${chars.join('')}…`;
  }
  return kept;
}

/** Mandatory line breaks (UAX #14 classes BK, CR, LF, NL): text holding one is never laid out as one line. */
// eslint-disable-next-line no-control-regex
const HARD_BREAK = /[\n\r\u000B\u000C\u0085\u2028\u2029]/;

/**
 * Whether pdfkit would lay `text` out as a single line in the box: no hard break, narrower than the box (by a hair,
 * for pdfkit's rounding) and nothing that changes how it wraps. Such text (most table cells: figures, short labels)
 * is measured and placed here, skipping pdfkit's line breaker (UAX #14 over each string, then each word measured);
 * the glyphs drawn are the same.
 */
function fitsOneLine(doc: PDFKit.PDFDocument, text: string, box: TextBox): boolean {
  if (text === '' || box.width <= 0 || box.height !== undefined || box.characterSpacing || HARD_BREAK.test(text)) return false;
  return doc.widthOfString(text) <= box.width - 0.01;
}

/** pdfkit's text machinery below its public methods: what heightOfString and text() run. */
interface TextInternals {
  _text(text: string, x: number, y: number, options: object, onLine: (line: string) => void): void;
  _font: { id: string };
  _fontSize: number;
}

/**
 * Lines of text pdfkit wrapped to measure it (textHeight), kept for the document, so that a text is wrapped once in
 * the same font, size and box however often it is measured and drawn: table cells and list items are measured before
 * they are drawn, and the same item labels come back in table after table (the training plan's 20 units, the areas,
 * the comparison): 555 wraps of 218 distinct texts in a report by country. Only boxes pdfkit wraps plainly (no
 * height, ellipsis or letter spacing) are kept.
 */
const wrappedLines = new WeakMap<PDFKit.PDFDocument, Map<string, string[]>>();
const wrapKey = (doc: PDFKit.PDFDocument, text: string, box: TextBox) => {
  const pdf = doc as unknown as TextInternals;
  return `${pdf._font.id}\u0000${pdf._fontSize}\u0000${box.width}\u0000${box.lineGap ?? 0}\u0000${text}`;
};
const plainBox = (box: TextBox) => box.height === undefined && !box.ellipsis && !box.characterSpacing && box.width > 0;

/** The lines pdfkit breaks `text` into in the box (as heightOfString does), remembered for drawText. */
function wrap(doc: PDFKit.PDFDocument, text: string, box: TextBox): string[] {
  let known = wrappedLines.get(doc);
  const key = wrapKey(doc, text, box);
  const found = known?.get(key);
  if (found) return found;
  const lines: string[] = [];
  const { x, y } = doc;
  (doc as unknown as TextInternals)._text(text, x, y, { ...box, height: Infinity }, (line) => lines.push(line));
  doc.x = x;
  doc.y = y;
  if (!known) wrappedLines.set(doc, (known = new Map()));
  known.set(key, lines);
  return lines;
}

/** The height `drawText` takes for `text` in the current font. */
export function textHeight(ctx: PdfContext, text: string, box: TextBox): number {
  const { doc } = ctx;
  if (!bidiDirection(ctx, text)) {
    if (fitsOneLine(doc, text, box)) return doc.currentLineHeight(true) + (box.lineGap ?? 0);
    if (plainBox(box)) return wrap(doc, text, box).length * (doc.currentLineHeight(true) + (box.lineGap ?? 0));
    return doc.heightOfString(text, box);
  }
  return logicalLines(doc, text, box).length * (doc.currentLineHeight(true) + (box.lineGap ?? 0));
}

/**
 * Draws questionnaire or report text in a box at (x, y) in the current font and colour and leaves doc.y under it:
 * every paragraph, heading and table cell goes through here. pdfkit does no bidirectional reordering, so text with
 * right-to-left letters (or any text in a right-to-left report) is wrapped here in reading order, then each line is put
 * in visual order and drawn on its own without a width (pdfkit would wrap it again), placed by its alignment;
 * it continues on a new page like pdfkit's text would. Other text goes to pdfkit's text() unchanged.
 */
export function drawText(ctx: PdfContext, text: string, x: number, y: number, box: TextBox): void {
  const { doc } = ctx;
  const dir = bidiDirection(ctx, text);
  if (!dir) {
    const lineHeight = doc.currentLineHeight(true);
    // one line that fits on this page: placed as pdfkit would (right: trailing spaces hang; centre: on the whole width)
    const step = lineHeight + (box.lineGap ?? 0);
    // lines already broken by textHeight, or one line that fits: placed as pdfkit places each line (right: trailing
    // spaces hang; centre: on the whole width), when all of them fit on this page (no page break to make)
    const key = plainBox(box) ? wrapKey(doc, text, box) : undefined;
    const lines = fitsOneLine(doc, text, box) ? [text] : key === undefined ? undefined : wrappedLines.get(doc)?.get(key);
    if (lines && lines.length && y + (lines.length - 1) * step + lineHeight <= bottomOf(doc) - 0.01) {
      lines.forEach((line, i) => {
        const width = box.align === 'right' ? doc.widthOfString(line.trimEnd()) : doc.widthOfString(line);
        const left = box.align === 'right' ? x + box.width - width : box.align === 'center' ? x + (box.width - width) / 2 : x;
        doc.text(line, left, y + i * step, { lineBreak: false });
      });
      doc.x = x;
      doc.y = y + lines.length * step;
      return;
    }
    doc.text(text, x, y, box);
    return;
  }
  const options = bidiOptions(box);
  const lineHeight = doc.currentLineHeight(true);
  const align = box.align ?? (isRtlReport(ctx) ? 'right' : 'left');
  let top = y;
  for (const logical of logicalLines(doc, text, box)) {
    if (box.height === undefined && top > MARGIN.top && top + lineHeight > bottomOf(doc)) {
      newPage(ctx);
      top = doc.y;
    }
    const line = visualOrder(logical, dir);
    if (line) {
      const width = doc.widthOfString(line, options);
      doc.text(line, align === 'right' ? x + box.width - width : align === 'center' ? x + (box.width - width) / 2 : x, top, options);
    }
    top += lineHeight + (box.lineGap ?? 0);
  }
  doc.x = x;
  doc.y = top;
}

export function newPage(ctx: PdfContext): void {
  ctx.doc.addPage();
  ctx.doc.x = MARGIN.left;
  ctx.doc.y = MARGIN.top;
}

/** Starts a new page when fewer than `height` points are left on this one. */
export function ensureSpace(ctx: PdfContext, height: number): void {
  if (ctx.doc.y + height > bottomOf(ctx.doc)) newPage(ctx);
}

const currentPage = (doc: PDFKit.PDFDocument) => {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
};

/** A top-level section: a new page, a title in the contents and a bookmark. */
export function section(ctx: PdfContext, title: string): void {
  const { doc } = ctx;
  newPage(ctx);
  ctx.toc.push({ title, level: 1, page: currentPage(doc) });
  ctx.outline = doc.outline.addItem(title);
  doc.font(FONT.bold).fontSize(SIZE.h1).fillColor(COLOUR.accent);
  drawText(ctx, title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  const y = doc.y + 4;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(1.2).strokeColor(COLOUR.accent).stroke();
  doc.y = y + 14;
}

/** A sub-heading; `toc` puts it in the contents (area sections do) and bookmarks it. */
export function heading(ctx: PdfContext, title: string, options: { toc?: boolean; size?: number; space?: number } = {}): void {
  const { doc } = ctx;
  const size = options.size ?? SIZE.h2;
  doc.font(FONT.bold).fontSize(size);
  // keep a heading with at least a few lines of what follows
  ensureSpace(ctx, textHeight(ctx, title, { width: CONTENT_WIDTH }) + (options.space ?? 60));
  if (options.toc) {
    ctx.toc.push({ title, level: 2, page: currentPage(doc) });
    (ctx.outline ?? doc.outline).addItem(title);
  }
  doc.y += size * 0.5;
  doc.fillColor(COLOUR.ink);
  drawText(ctx, title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.y += size * 0.35;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: string;
  indent?: number;
  gap?: number;
}

export function paragraph(ctx: PdfContext, text: string, style: TextStyle = {}): void {
  const { doc } = ctx;
  const indent = style.indent ?? 0;
  doc.font(style.bold ? FONT.bold : FONT.regular).fontSize(style.size ?? SIZE.body);
  ensureSpace(ctx, doc.currentLineHeight(true) * 2);
  // colours after a possible page break: a new page starts with the PDF's default black
  doc.fillColor(style.colour ?? COLOUR.ink);
  // an indent is kept on the side where lines start
  drawText(ctx, text, MARGIN.left + (isRtlReport(ctx) ? 0 : indent), doc.y, { width: CONTENT_WIDTH - indent, lineGap: 1.5 });
  doc.y += style.gap ?? 6;
}

/** Small grey text under a table or chart: footnotes, sources, test results. */
export function note(ctx: PdfContext, text: string): void {
  paragraph(ctx, text, { size: SIZE.small, colour: COLOUR.muted, gap: 3 });
}

/** A list item with a hanging marker ("1.", "•") on the side lines start, kept together on one page. */
export function listItem(ctx: PdfContext, marker: string, text: string, style: { size?: number; markerWidth?: number } = {}): void {
  const { doc } = ctx;
  const size = style.size ?? SIZE.body;
  const markerWidth = style.markerWidth ?? 22;
  const rtl = isRtlReport(ctx);
  doc.font(FONT.regular).fontSize(size);
  const width = CONTENT_WIDTH - markerWidth;
  ensureSpace(ctx, textHeight(ctx, text, { width, lineGap: 1.2 }));
  const y = doc.y;
  doc.fillColor(COLOUR.ink).font(FONT.bold);
  drawText(ctx, marker, rtl ? MARGIN.left + width + 4 : MARGIN.left, y, { width: markerWidth - 4, align: rtl ? 'left' : 'right', lineBreak: false });
  doc.font(FONT.regular);
  drawText(ctx, text, rtl ? MARGIN.left : MARGIN.left + markerWidth, y, { width, lineGap: 1.2 });
  doc.y += 3;
}
