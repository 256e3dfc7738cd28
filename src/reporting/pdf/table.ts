import type { PdfContext } from './context';
import { FONT } from './fonts';
import { bottomOf, drawText, newPage, textHeight, type TextBox } from './layout';
import { COLOUR, CONTENT_WIDTH, MARGIN, SIZE } from './theme';

export interface Column {
  header: string;
  /** Relative width: widths are scaled to the text width, after every column got room for its longest word. */
  width: number;
  /** Without it, text starts on the reading side (the right in a right-to-left report). */
  align?: 'left' | 'right' | 'center';
}

export type Cell = string | { text: string; fill?: string; colour?: string; bold?: boolean };

export interface TableOptions {
  size?: number;
  /** Header labels of every column but the first are written upwards in a header this tall (for many narrow columns). */
  rotatedHeader?: number;
  /** Rows drawn bold with a rule above (totals). */
  boldRows?: Set<number>;
  /** Width in points of a table narrower than the text (few short columns). */
  width?: number;
}

/** Tables up to this tall move to the next page as a whole rather than split. */
const KEEP_TOGETHER = 260;
const PAD_X = 3.5;
const PAD_Y = 3;
const HEADER_SCALE = 0.92;

const cellOf = (cell: Cell) => (typeof cell === 'string' ? { text: cell } : cell);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * Column widths in points: first each column gets room for its longest word (header or body) so no word is ever
 * broken, then the rest of the text width is shared by the relative widths.
 */
function columnWidths(doc: PDFKit.PDFDocument, columns: Column[], rows: Cell[][], size: number, rotated: boolean, tableWidth: number): number[] {
  const longest = (font: string, fontSize: number, text: string) => {
    doc.font(font).fontSize(fontSize);
    return Math.max(0, ...words(text).map((w) => doc.widthOfString(w)));
  };
  const minimum = columns.map((column, i) => {
    let width = rotated && i > 0 ? size * 1.6 : longest(FONT.condensedBold, size * HEADER_SCALE, column.header);
    for (const row of rows) {
      const cell = row[i];
      if (cell !== undefined) width = Math.max(width, longest(cellOf(cell).bold ? FONT.condensedBold : FONT.condensed, size, cellOf(cell).text));
    }
    return width + 2 * PAD_X + 0.5;
  });
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * tableWidth);
  for (let pass = 0; pass < 4; pass++) {
    const deficit = widths.reduce((sum, w, i) => sum + Math.max(0, minimum[i]! - w), 0);
    if (deficit < 0.01) break;
    const slack = widths.map((w, i) => Math.max(0, w - minimum[i]!));
    const slackTotal = slack.reduce((a, b) => a + b, 0);
    if (slackTotal <= 0) break;
    const take = Math.min(1, deficit / slackTotal);
    widths.forEach((w, i) => (widths[i] = w < minimum[i]! ? minimum[i]! : w - slack[i]! * take));
  }
  const sum = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => (w * tableWidth) / sum);
}

interface Measured {
  widths: number[];
  headerHeight: number;
  heights: number[];
  /** Room needed on the current page to begin: the whole table when it is kept together, else header and 3 rows. */
  start: number;
}

const textBox = (widths: number[], columns: Column[], i: number): TextBox => ({ width: widths[i]! - 2 * PAD_X, align: columns[i]!.align, lineGap: 0.5 });

/**
 * The last measure of each rows array: `tableSpace` before a heading and `table` after it measure the same table
 * (every cell wrapped and every word measured), so the second gets the first's result.
 */
const measured = new WeakMap<Cell[][], { ctx: PdfContext; columns: Column[]; options: TableOptions; result: Measured }>();

const sameColumns = (a: Column[], b: Column[]) => a === b || (a.length === b.length && a.every((c, i) => c.header === b[i]!.header && c.width === b[i]!.width && c.align === b[i]!.align));
const sameOptions = (a: TableOptions, b: TableOptions) => a.size === b.size && a.rotatedHeader === b.rotatedHeader && a.boldRows === b.boldRows && a.width === b.width;

function measure(ctx: PdfContext, columns: Column[], rows: Cell[][], options: TableOptions): Measured {
  const known = measured.get(rows);
  if (known && known.ctx === ctx && sameColumns(known.columns, columns) && sameOptions(known.options, options)) return known.result;
  const result = measureTable(ctx, columns, rows, options);
  measured.set(rows, { ctx, columns, options, result });
  return result;
}

function measureTable(ctx: PdfContext, columns: Column[], rows: Cell[][], options: TableOptions): Measured {
  const { doc } = ctx;
  const size = options.size ?? SIZE.table;
  const widths = columnWidths(doc, columns, rows, size, Boolean(options.rotatedHeader), options.width ?? CONTENT_WIDTH);
  const textOptions = (i: number) => textBox(widths, columns, i);
  doc.font(FONT.condensedBold).fontSize(size * HEADER_SCALE);
  const flat = Math.max(...columns.map((c, i) => (options.rotatedHeader && i > 0 ? 0 : textHeight(ctx, c.header, textOptions(i)))));
  const headerHeight = Math.max(flat, options.rotatedHeader ?? 0) + 2 * PAD_Y;
  const heights = rows.map((row, r) => {
    const bold = options.boldRows?.has(r) ?? false;
    return (
      Math.max(
        ...row.map((raw, i) => {
          const cell = cellOf(raw);
          doc.font(cell.bold || bold ? FONT.condensedBold : FONT.condensed).fontSize(size);
          return textHeight(ctx, cell.text || ' ', textOptions(i));
        }),
      ) +
      2 * PAD_Y
    );
  });
  const whole = headerHeight + heights.reduce((a, b) => a + b, 0);
  const start = whole <= KEEP_TOGETHER ? whole : headerHeight + heights.slice(0, 3).reduce((a, b) => a + b, 0);
  return { widths, headerHeight, heights, start };
}

/** The room a table needs to begin on this page: give it to the heading above, so the two stay together. */
export function tableSpace(ctx: PdfContext, columns: Column[], rows: Cell[][], options: TableOptions = {}): number {
  return measure(ctx, columns, rows, options).start + 6;
}

/**
 * A table in the booktabs style (rules, light stripes, no grid) in DejaVu Sans Condensed that flows across pages: a
 * row never splits, short tables are kept whole, and the header row is repeated on every page the table continues on.
 */
export function table(ctx: PdfContext, columns: Column[], rows: Cell[][], options: TableOptions = {}): void {
  const { doc } = ctx;
  const size = options.size ?? SIZE.table;
  const headerSize = size * HEADER_SCALE;
  const { widths, headerHeight, heights, start } = measure(ctx, columns, rows, options);
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const tableWidth = options.width ?? CONTENT_WIDTH;
  const right = MARGIN.left + tableWidth;
  const textOptions = (i: number) => textBox(widths, columns, i);

  const rule = (y: number, weight: number) => doc.moveTo(MARGIN.left, y).lineTo(right, y).lineWidth(weight).strokeColor(COLOUR.ink).stroke();

  const drawHeader = () => {
    const top = doc.y;
    rule(top, 0.9);
    doc.font(FONT.condensedBold).fontSize(headerSize).fillColor(COLOUR.muted);
    columns.forEach((column, i) => {
      if (options.rotatedHeader && i > 0) {
        // the lines of a rotated header stack across the column: as many as its width holds, centred in it
        const room = widths[i]! - 2;
        const lineHeight = doc.currentLineHeight(true);
        const lines = Math.min(Math.max(1, Math.floor(room / lineHeight)), Math.round(textHeight(ctx, column.header, { width: options.rotatedHeader, lineGap: 0 }) / lineHeight));
        const x = xs[i]! + (widths[i]! - lines * lineHeight) / 2;
        const y = top + headerHeight - PAD_Y;
        doc.save().rotate(-90, { origin: [x, y] });
        // written upwards from the body, in either reading direction
        drawText(ctx, column.header, x, y, { width: options.rotatedHeader, align: 'left', lineGap: 0, height: lines * lineHeight, ellipsis: true });
        doc.restore();
      } else {
        const h = textHeight(ctx, column.header, textOptions(i));
        drawText(ctx, column.header, xs[i]! + PAD_X, top + headerHeight - PAD_Y - h, textOptions(i));
      }
    });
    rule(top + headerHeight, 0.5);
    doc.y = top + headerHeight;
  };

  if (doc.y + start > bottomOf(doc)) newPage(ctx);
  drawHeader();
  rows.forEach((row, r) => {
    const bold = options.boldRows?.has(r) ?? false;
    const height = heights[r]!;
    if (doc.y + height > bottomOf(doc)) {
      rule(doc.y, 0.9);
      newPage(ctx);
      drawHeader();
    }
    const top = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN.left, top, tableWidth, height).fill(COLOUR.faint);
    if (bold) rule(top, 0.5);
    row.forEach((raw, i) => {
      const cell = cellOf(raw);
      if (cell.fill) doc.rect(xs[i]! + 0.5, top + 0.5, widths[i]! - 1, height - 1).fill(cell.fill);
      doc.font(cell.bold || bold ? FONT.condensedBold : FONT.condensed).fontSize(size).fillColor(cell.colour ?? COLOUR.ink);
      drawText(ctx, cell.text, xs[i]! + PAD_X, top + PAD_Y, textOptions(i));
    });
    doc.y = top + height;
  });
  rule(doc.y, 0.9);
  doc.x = MARGIN.left;
  doc.y += 6;
}
