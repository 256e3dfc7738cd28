import type { PdfContext } from './context';
import { FONT } from './fonts';
import { cleanText } from './format';
import { drawText, isRtlReport } from './layout';
import { COLOUR, CONTENT_WIDTH, MARGIN, PAGE, SIZE } from './theme';

/**
 * Running header, the demo banner and "page X of Y" on every buffered page, drawn once all pages exist. Margins are
 * lifted while drawing, or pdfkit would start a new page for text below the bottom margin.
 */
export function drawPageFurniture(ctx: PdfContext): void {
  const { doc, report, t, fmt } = ctx;
  const range = doc.bufferedPageRange();
  const title = t('meta.title', { survey: cleanText(report.survey.title) });
  // a right-to-left report puts the date on the right and the page number on the left
  const rtl = isRtlReport(ctx);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const cover = i === range.start;
    if (report.survey.isDemo) {
      doc.rect(0, 0, PAGE.width, 20).fill(COLOUR.demo);
      doc.font(FONT.bold).fontSize(SIZE.small).fillColor(COLOUR.demoInk);
      drawText(ctx, t('demo.banner'), 0, 6.5, { width: PAGE.width, align: 'center', lineBreak: false });
    }
    if (!cover) {
      doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.muted);
      drawText(ctx, title, MARGIN.left, 38, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true });
      doc.moveTo(MARGIN.left, 50).lineTo(MARGIN.left + CONTENT_WIDTH, 50).lineWidth(0.4).strokeColor(COLOUR.rule).stroke();
    }
    const footerY = PAGE.height - 40;
    doc.moveTo(MARGIN.left, footerY - 6).lineTo(MARGIN.left + CONTENT_WIDTH, footerY - 6).lineWidth(0.4).strokeColor(COLOUR.rule).stroke();
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.muted);
    const [dateX, pageX] = rtl ? [MARGIN.left + CONTENT_WIDTH / 2, MARGIN.left] : [MARGIN.left, MARGIN.left + CONTENT_WIDTH / 2];
    drawText(ctx, fmt.date(report.generatedOn), dateX, footerY, { width: CONTENT_WIDTH / 2, lineBreak: false });
    const page = t('footer.page', { page: fmt.int(i - range.start + 1), total: fmt.int(range.count) });
    drawText(ctx, page, pageX, footerY, { width: CONTENT_WIDTH / 2, align: rtl ? 'left' : 'right', lineBreak: false });
    doc.page.margins = margins;
  }
}
