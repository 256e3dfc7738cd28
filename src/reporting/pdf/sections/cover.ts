import { isSuppressed } from '../../../analysis/suppressed';
import type { PdfContext } from '../context';
import { FONT } from '../fonts';
import { cleanText } from '../format';
import { drawText, isRtlReport, textHeight } from '../layout';
import { COLOUR, CONTENT_WIDTH, MARGIN, PAGE, SIZE } from '../theme';

/** "Country: Slovenia" for each filter: the questionnaire's question and option labels in the report language. */
export function describeFilters(ctx: PdfContext): string[] {
  return ctx.report.filters.map((filter) => ctx.t('cover.filter', { question: cleanText(filter.label), values: filter.valueLabels.map(cleanText).join(', ') }));
}

/** Title page: a coloured band with the title, then the facts a reader needs to place the report. */
export function cover(ctx: PdfContext): void {
  const { doc, report, t, fmt } = ctx;
  const band = 330;
  doc.rect(0, 0, PAGE.width, band).fill(COLOUR.accent);
  doc.font(FONT.bold).fontSize(11).fillColor('#bcd7ea');
  // The report language's own rules (Greek drops its accents in capitals, Turkish i becomes İ).
  drawText(ctx, t('cover.kicker').toLocaleUpperCase(report.lang), MARGIN.left, 150, { width: CONTENT_WIDTH, characterSpacing: 1.2 });
  doc.moveDown(0.6).font(FONT.bold).fontSize(SIZE.title).fillColor('#ffffff');
  drawText(ctx, cleanText(report.survey.title), doc.x, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.moveDown(0.5).font(FONT.regular).fontSize(12).fillColor('#e3eef6');
  drawText(ctx, t('cover.subtitle'), doc.x, doc.y, { width: CONTENT_WIDTH });

  const languages = new Intl.DisplayNames([report.lang], { type: 'language' });
  const facts: [string, string][] = [
    [t('cover.date'), fmt.date(report.generatedOn)],
    [t('cover.respondents'), fmt.count(report.sample.n)],
    [t('cover.responseLanguages'), fmt.int(report.sample.languages.filter((l) => isSuppressed(l.n) || l.n > 0).length)],
    [t('cover.reportLanguage'), languages.of(report.lang) ?? report.lang],
  ];
  if (report.comparison) facts.push([t('cover.groupedBy'), cleanText(report.comparison.by.label)]);
  const filters = describeFilters(ctx);
  facts.push([t('cover.selection'), filters.length ? filters.join('; ') : t('cover.allResponses')]);
  facts.push([t('cover.surveyId'), `${report.survey.id} (${t('cover.versions', { count: report.survey.versions.length, versions: report.survey.versions.join(', ') })})`]);

  let y = band + 48;
  const labelWidth = 150;
  // labels on the side lines start: on the right in a right-to-left report
  const rtl = isRtlReport(ctx);
  for (const [label, value] of facts) {
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOUR.muted);
    drawText(ctx, label, rtl ? MARGIN.left + CONTENT_WIDTH - labelWidth + 10 : MARGIN.left, y, { width: labelWidth - 10 });
    const labelBottom = doc.y;
    doc.font(FONT.bold).fillColor(COLOUR.ink);
    drawText(ctx, value, rtl ? MARGIN.left : MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
    y = Math.max(rtl ? Math.max(doc.y, labelBottom) : doc.y, y + 14) + 8;
  }

  if (report.survey.isDemo) {
    y += 16;
    doc.font(FONT.regular).fontSize(SIZE.body);
    const text = t('demo.explanation');
    const height = textHeight(ctx, text, { width: CONTENT_WIDTH - 24 }) + 34;
    doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill(COLOUR.demo);
    doc.font(FONT.bold).fontSize(10).fillColor(COLOUR.demoInk);
    drawText(ctx, t('demo.banner'), MARGIN.left + 12, y + 10, { width: CONTENT_WIDTH - 24 });
    doc.font(FONT.regular).fontSize(SIZE.body);
    drawText(ctx, text, MARGIN.left + 12, doc.y + 3, { width: CONTENT_WIDTH - 24 });
  }

  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.muted);
  drawText(ctx, t('cover.producedBy'), MARGIN.left, PAGE.height - MARGIN.bottom - 30, { width: CONTENT_WIDTH, lineBreak: false });
}
