import { isSuppressed } from '../../../analysis/suppressed';
import type { FunnelRow } from '../../../analysis/schema';
import type { PdfContext } from '../context';
import { cleanText, DASH } from '../format';
import { heading, note, paragraph, section } from '../layout';
import { CONTENT_WIDTH } from '../theme';
import { table, tableSpace, type Cell, type Column } from '../table';
import { describeFilters } from './cover';

/** The overall funnel row, only when no collector's figure is withheld (a total would let a reader recover it). */
function overall(rows: FunnelRow[]): { invited: number | null; started: number; completed: number } | null {
  const started: number[] = [];
  const completed: number[] = [];
  for (const row of rows) {
    if (isSuppressed(row.started) || isSuppressed(row.completed)) return null;
    started.push(row.started);
    completed.push(row.completed);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const invited = rows.every((r) => r.invited !== null) ? sum(rows.map((r) => r.invited!)) : null;
  return { invited, started: sum(started), completed: sum(completed) };
}

function funnelTable(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  const rows = report.sample.funnel;
  if (rows.length === 0) {
    heading(ctx, t('method.funnel.title'));
    return paragraph(ctx, t('method.noCollectors'));
  }
  const rate = (r: FunnelRow['completionRate']) => (r === null ? DASH : fmt.disclosed(r, fmt.pct0));
  const body = rows.map((r) => [cleanText(r.label), r.invited === null ? DASH : fmt.int(r.invited), fmt.count(r.started), fmt.count(r.completed), rate(r.completionRate), rate(r.responseRate)]);
  const total = overall(rows);
  if (total) {
    body.push([
      t('method.funnel.overall'),
      total.invited === null ? DASH : fmt.int(total.invited),
      fmt.int(total.started),
      fmt.int(total.completed),
      total.started ? fmt.pct0(total.completed / total.started) : DASH,
      total.invited ? fmt.pct0(total.completed / total.invited) : DASH,
    ]);
  }
  const columns: Column[] = [
    { header: t('method.funnel.collector'), width: 30 },
    { header: t('method.funnel.invited'), width: 12, align: 'right' },
    { header: t('method.funnel.started'), width: 12, align: 'right' },
    { header: t('method.funnel.completed'), width: 12, align: 'right' },
    { header: t('method.funnel.completionRate'), width: 14, align: 'right' },
    { header: t('method.funnel.responseRate'), width: 14, align: 'right' },
  ];
  const options = { boldRows: total ? new Set([body.length - 1]) : undefined };
  heading(ctx, t('method.funnel.title'), { space: tableSpace(ctx, columns, body, options) + 40 });
  paragraph(ctx, t('method.funnel.intro'));
  table(ctx, columns, body, options);
  note(ctx, t('method.funnel.note', { min: fmt.int(report.thresholds.minCell) }));
}

/** Method and sample: who answered, how needs are scored, what is withheld and why, and the response rates. */
export function methodAndSample(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  const { minCell, minGroup } = report.thresholds;
  section(ctx, t('method.title'));

  heading(ctx, t('method.sample'));
  paragraph(ctx, t('method.sampleText', { count: typeof report.sample.n === 'number' ? report.sample.n : minGroup, n: fmt.count(report.sample.n), languages: fmt.int(report.sample.languages.length) }));
  const filters = describeFilters(ctx);
  if (filters.length) paragraph(ctx, t('method.filtered', { filters: filters.join('; ') }));
  if (report.survey.isDemo) paragraph(ctx, t('demo.explanation'));

  heading(ctx, t('method.scoring'));
  paragraph(ctx, t('method.borich', { points: ctx.report.scalePoints, na: report.scaleLabels?.notApplicable ?? t('table.notApplicable') }));
  paragraph(ctx, t('method.borichCheck'));
  paragraph(ctx, t('method.locus'));
  paragraph(ctx, t('method.areas'));
  if (report.comparison) paragraph(ctx, t('method.groups'));
  paragraph(ctx, t('method.intervals'));
  paragraph(ctx, t('method.tests'));

  heading(ctx, t('method.disclosure.title'));
  paragraph(ctx, t('method.disclosure.text', { minCell: fmt.int(minCell), minGroup: fmt.int(minGroup) }));
  paragraph(ctx, t('method.disclosure.perturbation', { minGroup: fmt.int(minGroup) }));

  const columns: Column[] = [
    { header: t('method.language'), width: 50 },
    { header: t('table.n'), width: 25, align: 'right' },
    { header: t('table.share'), width: 25, align: 'right' },
  ];
  const rows = report.sample.languages.map((l): Cell[] => [cleanText(l.label), fmt.count(l.n), isSuppressed(l.n) || typeof report.sample.n !== 'number' || !report.sample.n ? DASH : fmt.pct1(l.n / report.sample.n)]);
  const narrow = { width: CONTENT_WIDTH * 0.55 };
  heading(ctx, t('method.languages'), { space: tableSpace(ctx, columns, rows, narrow) });
  table(ctx, columns, rows, narrow);

  funnelTable(ctx);
}
