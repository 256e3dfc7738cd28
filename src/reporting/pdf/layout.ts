import type { PdfContext } from './context';
import { FONT } from './fonts';
import { COLOUR, CONTENT_WIDTH, MARGIN, SIZE } from './theme';

export const bottomOf = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

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
  doc.font(FONT.bold).fontSize(SIZE.h1).fillColor(COLOUR.accent).text(title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
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
  ensureSpace(ctx, doc.heightOfString(title, { width: CONTENT_WIDTH }) + (options.space ?? 60));
  if (options.toc) {
    ctx.toc.push({ title, level: 2, page: currentPage(doc) });
    (ctx.outline ?? doc.outline).addItem(title);
  }
  doc.y += size * 0.5;
  doc.fillColor(COLOUR.ink).text(title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
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
  doc.fillColor(style.colour ?? COLOUR.ink).text(text, MARGIN.left + indent, doc.y, { width: CONTENT_WIDTH - indent, lineGap: 1.5 });
  doc.y += style.gap ?? 6;
}

/** Small grey text under a table or chart: footnotes, sources, test results. */
export function note(ctx: PdfContext, text: string): void {
  paragraph(ctx, text, { size: SIZE.small, colour: COLOUR.muted, gap: 3 });
}

/** A list item with a hanging marker ("1.", "•"), kept together on one page. */
export function listItem(ctx: PdfContext, marker: string, text: string, style: { size?: number; markerWidth?: number } = {}): void {
  const { doc } = ctx;
  const size = style.size ?? SIZE.body;
  const markerWidth = style.markerWidth ?? 22;
  doc.font(FONT.regular).fontSize(size);
  const width = CONTENT_WIDTH - markerWidth;
  ensureSpace(ctx, doc.heightOfString(text, { width, lineGap: 1.2 }));
  const y = doc.y;
  doc.fillColor(COLOUR.ink).font(FONT.bold).text(marker, MARGIN.left, y, { width: markerWidth - 4, align: 'right', lineBreak: false });
  doc.font(FONT.regular).text(text, MARGIN.left + markerWidth, y, { width, lineGap: 1.2 });
  doc.y += 3;
}
