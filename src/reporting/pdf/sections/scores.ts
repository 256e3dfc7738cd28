import { isSuppressed } from '../../../analysis/suppressed';
import type { Disclosed, ScoreStats } from '../../../analysis/schema';
import type { PdfContext } from '../context';
import { cleanText, DASH } from '../format';
import { heading, note, paragraph, section } from '../layout';
import { table, tableSpace, type Cell, type Column } from '../table';
import { SIZE } from '../theme';
import { pairsTable } from './comparison';

/** n, mean, SD, median, quartiles and the interval of the mean; dashes when withheld. */
function statCells(ctx: PdfContext, stats: Disclosed<ScoreStats>, n: Cell): Cell[] {
  const { fmt } = ctx;
  if (isSuppressed(stats)) return [n, DASH, DASH, DASH, DASH, DASH];
  return [n, fmt.n2(stats.mean), fmt.n2(stats.sd), fmt.n2(stats.median), `${fmt.n2(stats.q1)}–${fmt.n2(stats.q3)}`, fmt.interval(stats.ci95)];
}

function statColumns(ctx: PdfContext, first: string): Column[] {
  const { t } = ctx;
  return [
    { header: first, width: 31 },
    { header: t('table.n'), width: 8, align: 'right' },
    { header: t('table.mean'), width: 10, align: 'right' },
    { header: t('table.sd'), width: 9, align: 'right' },
    { header: t('table.median'), width: 10, align: 'right' },
    { header: t('scores.quartiles'), width: 14, align: 'right' },
    { header: t('table.ci'), width: 18, align: 'right' },
  ];
}

/** Per question, its figures in each group, the Kruskal-Wallis test and the Holm-adjusted pairs. */
function byGroup(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  const comparison = report.comparison;
  if (!comparison || comparison.scores.length === 0) return;
  const columns = statColumns(ctx, t('comparison.group'));
  comparison.scores.forEach((score, index) => {
    const rows = comparison.columns.map((column, c): Cell[] => {
      const cell = score.cells[c]!;
      return [cleanText(column.label), ...statCells(ctx, cell, isSuppressed(cell) ? DASH : fmt.int(cell.n))];
    });
    const space = tableSpace(ctx, columns, rows) + 30;
    if (index === 0) {
      heading(ctx, t('scores.byGroup'), { space: space + 60 });
      paragraph(ctx, t('scores.byGroupIntro'));
    }
    heading(ctx, cleanText(score.label), { size: SIZE.h3, space });
    table(ctx, columns, rows);
    const k = score.kruskal;
    note(ctx, isSuppressed(k) ? t('comparison.kruskalSuppressed') : t('scores.kruskal', { h: fmt.n2(k.h), df: fmt.int(k.df), p: fmt.p(k.p), epsilon: fmt.n3(k.epsilonSquared) }));
    if (score.cells.some(isSuppressed)) note(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));
    pairsTable(ctx, comparison, score.pairwise, 'scores.pairHigher');
  });
}

/** Single Likert and number questions: mean (SD), median (quartiles) overall, then by group when compared. */
export function scoresSection(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  if (report.scores.length === 0) return;
  section(ctx, t('scores.title'));
  paragraph(ctx, t('scores.intro'));
  table(
    ctx,
    statColumns(ctx, t('scores.question')),
    report.scores.map((s): Cell[] => [cleanText(s.label), ...statCells(ctx, s.stats, fmt.int(s.n))]),
  );
  if (report.scores.some((s) => isSuppressed(s.stats))) note(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));
  byGroup(ctx);
}
