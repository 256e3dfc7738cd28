import type { PdfContext } from '../context';
import { FONT } from '../fonts';
import { drawText, isRtlReport, newPage } from '../layout';
import { COLOUR, CONTENT_WIDTH, MARGIN, SIZE } from '../theme';

/** Keeps a page for the contents; it is filled in at the end, when the page of every section is known. */
export function reserveContents(ctx: PdfContext): number {
  newPage(ctx);
  const range = ctx.doc.bufferedPageRange();
  return range.start + range.count - 1;
}

export function drawContents(ctx: PdfContext, page: number): void {
  const { doc, t, fmt } = ctx;
  doc.switchToPage(page);
  doc.font(FONT.bold).fontSize(SIZE.h1).fillColor(COLOUR.accent);
  drawText(ctx, t('contents.title'), MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH });
  let y = doc.y + 16;
  // a right-to-left report mirrors the lines: title on the right, page number on the left
  const rtl = isRtlReport(ctx);
  const step = ctx.toc.length > 34 ? 14 : 18;
  ctx.toc.forEach((entry, i) => {
    const indent = entry.level === 1 ? 0 : 16;
    const number = fmt.int(entry.page + 1);
    doc.font(entry.level === 1 ? FONT.bold : FONT.regular).fontSize(entry.level === 1 ? 10.5 : SIZE.body).fillColor(COLOUR.ink);
    if (entry.level === 1 && i > 0) y += 5;
    const numberWidth = doc.widthOfString(number);
    const titleWidth = Math.min(doc.widthOfString(entry.title), CONTENT_WIDTH - indent - 60);
    drawText(ctx, entry.title, MARGIN.left + (rtl ? 60 : indent), y, { width: CONTENT_WIDTH - indent - 60, lineBreak: false, ellipsis: true });
    doc.text(number, rtl ? MARGIN.left : MARGIN.left + CONTENT_WIDTH - numberWidth, y, { lineBreak: false });
    const leaderStart = rtl ? MARGIN.left + numberWidth + 6 : MARGIN.left + indent + titleWidth + 6;
    const leaderEnd = rtl ? MARGIN.left + CONTENT_WIDTH - indent - titleWidth - 6 : MARGIN.left + CONTENT_WIDTH - numberWidth - 6;
    if (leaderEnd > leaderStart) {
      const base = y + doc.currentLineHeight() * 0.8;
      doc.moveTo(leaderStart, base).lineTo(leaderEnd, base).lineWidth(0.6).dash(0.6, { space: 2.4 }).strokeColor(COLOUR.rule).stroke().undash();
    }
    y += step;
  });
}
