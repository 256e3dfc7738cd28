import { locusChart } from '../../charts';
import { drawChart } from '../chart';
import type { PdfContext } from '../context';
import { note, paragraph, section } from '../layout';
import { CONTENT_WIDTH } from '../theme';

/** The Locus-for-Focus chart (vector), with how to read it. */
export function locus(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  section(ctx, t('locus.title'));
  paragraph(ctx, t('locus.intro'));
  const chart = locusChart(report, t);
  if (!chart) return paragraph(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));
  drawChart(ctx, chart, CONTENT_WIDTH * 0.95);
  note(ctx, t('locus.note'));
}
