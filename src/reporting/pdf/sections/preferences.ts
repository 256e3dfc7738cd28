import { isSuppressed } from '../../../analysis/suppressed';
import type { Frequency } from '../../../analysis/schema';
import { OKABE_ITO } from '../../charts';
import type { PdfContext } from '../context';
import { FONT } from '../fonts';
import { cleanText, DASH } from '../format';
import { drawText, ensureSpace, heading, note, section, textHeight } from '../layout';
import { COLOUR, CONTENT_WIDTH, MARGIN, SIZE } from '../theme';

const LABEL = 0.42;
const BAR = 0.3;

/** One question: per option its label, a bar of the share with the Wilson 95% interval as a whisker, and the figures. */
function frequencyBars(ctx: PdfContext, question: Frequency): void {
  const { doc, t, fmt } = ctx;
  heading(ctx, cleanText(question.label), { size: SIZE.h3, space: 50 });
  const labelWidth = CONTENT_WIDTH * LABEL - 8;
  const barX = MARGIN.left + CONTENT_WIDTH * LABEL;
  const barWidth = CONTENT_WIDTH * BAR;
  const textX = barX + barWidth + 8;
  const textWidth = CONTENT_WIDTH - (textX - MARGIN.left);
  for (const option of question.options) {
    doc.font(FONT.regular).fontSize(SIZE.table);
    const label = cleanText(option.label);
    const height = Math.max(textHeight(ctx, label, { width: labelWidth }), 10) + 4;
    ensureSpace(ctx, height);
    const y = doc.y;
    doc.font(FONT.regular).fontSize(SIZE.table).fillColor(COLOUR.ink);
    drawText(ctx, label, MARGIN.left, y, { width: labelWidth });
    doc.rect(barX, y + 1, barWidth, 8).fill(COLOUR.faint);
    let figures: string;
    if (isSuppressed(option.share)) figures = `${fmt.count(option.count)}`;
    else {
      doc.rect(barX, y + 1, barWidth * option.share, 8).fill(OKABE_ITO.blue);
      const ci = isSuppressed(option.ci95) ? null : option.ci95;
      if (ci) {
        const [lo, hi] = [barX + barWidth * ci[0], barX + barWidth * ci[1]];
        doc.moveTo(lo, y + 5).lineTo(hi, y + 5).moveTo(lo, y + 2.5).lineTo(lo, y + 7.5).moveTo(hi, y + 2.5).lineTo(hi, y + 7.5).lineWidth(0.8).strokeColor(COLOUR.ink).stroke();
      }
      figures = t('preferences.figures', { share: fmt.pct0(option.share), ci: ci ? fmt.interval(ci, fmt.pct0) : DASH, n: fmt.count(option.count) });
    }
    doc.font(FONT.condensed).fontSize(SIZE.table).fillColor(COLOUR.ink);
    drawText(ctx, figures, textX, y, { width: textWidth, lineBreak: false });
    doc.x = MARGIN.left;
    doc.y = y + height;
  }
  note(ctx, t(question.type === 'multiple' ? 'preferences.noteMultiple' : 'preferences.note', { n: fmt.int(question.n) }));
}

/** Respondent profile and training preferences: every background and preference question, by questionnaire page. */
export function preferences(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  if (report.frequencies.length === 0) return;
  section(ctx, t('preferences.title'));
  note(ctx, t('preferences.intro', { min: fmt.int(report.thresholds.minCell) }));
  const pages = [...new Set(report.frequencies.map((f) => f.page))];
  for (const page of pages) {
    heading(ctx, cleanText(page) || t('preferences.title'), { toc: true });
    for (const question of report.frequencies.filter((f) => f.page === page)) frequencyBars(ctx, question);
  }
}
