import { isSuppressed } from '../../../analysis/suppressed';
import type { AreaSummary, ScaleScore } from '../../../analysis/schema';
import { distributionChart } from '../../charts';
import type { PdfContext } from '../context';
import { cleanText, DASH } from '../format';
import { heading, newPage, note, paragraph, section } from '../layout';
import { drawStackedPanels } from '../stacked-bars';
import { table, tableSpace, type Cell, type Column } from '../table';
import { COLOUR } from '../theme';
import { rankText } from './ranking';

const ALPHA_FLOOR = 0.7;

function alphaCell(ctx: PdfContext, alpha: number | null): Cell {
  if (alpha === null) return DASH;
  return alpha < ALPHA_FLOOR ? { text: `${ctx.fmt.n2(alpha)} *`, colour: COLOUR.warn, bold: true } : ctx.fmt.n2(alpha);
}

/** Area scores (the mean of an area's items per respondent) with 95% intervals and Cronbach's alpha. */
function scoresTable(ctx: PdfContext, area: AreaSummary): void {
  const { t, fmt } = ctx;
  const row = (label: string, score: AreaSummary['importance'], alpha: Cell): Cell[] =>
    isSuppressed(score)
      ? [label, DASH, DASH, DASH, DASH, DASH, alpha]
      : [label, fmt.int(score.n), fmt.n2(score.mean), fmt.n2(score.sd), fmt.n2(score.median), fmt.interval((score as ScaleScore).ci95), alpha];
  table(
    ctx,
    [
      { header: t('areas.scale'), width: 30 },
      { header: t('table.n'), width: 9, align: 'right' },
      { header: t('table.mean'), width: 10, align: 'right' },
      { header: t('table.sd'), width: 10, align: 'right' },
      { header: t('table.median'), width: 10, align: 'right' },
      { header: t('table.ci'), width: 20, align: 'right' },
      { header: t('table.alpha'), width: 13, align: 'right' },
    ],
    [
      row(t('areas.importance'), area.importance, alphaCell(ctx, area.alpha.importance)),
      row(t('areas.proficiency'), area.proficiency, alphaCell(ctx, area.alpha.proficiency)),
      row(t('areas.gap'), area.gap, DASH),
    ],
  );
  const notes = [t('areas.mwds', { mwds: fmt.disclosed(area.mwds, fmt.n2) }), t('areas.alphaN', { n: fmt.int(area.alpha.n) })];
  if (area.alpha.flagged) notes.push(t('areas.alphaFlag', { floor: fmt.n2(ALPHA_FLOOR) }));
  note(ctx, notes.join(' '));
}

function itemsTable(ctx: PdfContext, area: AreaSummary): void {
  const { report, t, fmt } = ctx;
  const items = report.items.filter((i) => i.area === area.id);
  const meanSd = (d: (typeof items)[number]['importance']) => fmt.disclosed(d, (v) => t('format.meanSd', { mean: fmt.n2(v.mean), sd: fmt.n2(v.sd) }));
  const columns: Column[] = [
    { header: t('table.item'), width: 30 },
    { header: t('table.n'), width: 6, align: 'right' },
    { header: t('table.notApplicable'), width: 5.5, align: 'right' },
    { header: t('table.importanceSd'), width: 11, align: 'right' },
    { header: t('table.proficiencySd'), width: 11, align: 'right' },
    { header: t('table.gapCi'), width: 15, align: 'right' },
    { header: t('table.positiveGap'), width: 7.5, align: 'right' },
    { header: t('table.mwds'), width: 7, align: 'right' },
    { header: t('table.rank'), width: 5.5, align: 'right' },
  ];
  const rows = items.map((i): Cell[] => [
    cleanText(i.label),
    fmt.int(i.n),
    fmt.int(i.notApplicable),
    meanSd(i.importance),
    meanSd(i.proficiency),
    fmt.disclosed(i.gap, (g) => `${fmt.n2(g.mean)} ${fmt.interval(g.ci95)}`),
    fmt.disclosed(i.gap, (g) => fmt.pct0(g.positiveShare)),
    { text: fmt.disclosed(i.mwds, fmt.n2), bold: true },
    fmt.disclosed(i.rank, (r) => rankText(fmt, r)),
  ]);
  heading(ctx, t('areas.items'), { size: 10.5, space: tableSpace(ctx, columns, rows) });
  table(ctx, columns, rows);
  if (items.some((i) => isSuppressed(i.mwds))) note(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));
}

/** An overview of all areas, then one page per area: scores, items, and the distribution of both ratings. */
export function areas(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  section(ctx, t('areas.title'));
  paragraph(ctx, t('areas.intro'));
  table(
    ctx,
    [
      { header: t('table.area'), width: 34 },
      { header: t('table.items'), width: 7, align: 'right' },
      { header: t('table.importance'), width: 11, align: 'right' },
      { header: t('table.proficiency'), width: 11, align: 'right' },
      { header: t('table.gapCi'), width: 19, align: 'right' },
      { header: t('table.mwds'), width: 9, align: 'right' },
    ],
    report.areas.map((a): Cell[] => [
      cleanText(a.label),
      fmt.int(a.itemIds.length),
      fmt.disclosed(a.importance, (s) => fmt.n2(s.mean)),
      fmt.disclosed(a.proficiency, (s) => fmt.n2(s.mean)),
      fmt.disclosed(a.gap, (s) => `${fmt.n2(s.mean)} ${fmt.interval(s.ci95)}`),
      { text: fmt.disclosed(a.mwds, fmt.n2), bold: true },
    ]),
  );
  if (report.areas.some((a) => isSuppressed(a.mwds))) note(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));

  report.areas.forEach((area, index) => {
    newPage(ctx);
    note(ctx, t('areas.kicker', { index: fmt.int(index + 1), count: fmt.int(report.areas.length) }).toLocaleUpperCase(report.lang));
    heading(ctx, t('areas.heading', { area: cleanText(area.label) }), { toc: true, size: 13.5 });
    scoresTable(ctx, area);
    itemsTable(ctx, area);
    const shown = report.items.filter((i) => i.area === area.id && !isSuppressed(i.importance)).length;
    if (shown === 0) return;
    heading(ctx, t('areas.distribution'), { size: 10.5, space: 60 + shown * 22 });
    drawStackedPanels(ctx, (['importance', 'proficiency'] as const).map((scale) => distributionChart(report, t, scale, { by: 'item', area: area.id })));
    note(ctx, t('areas.distributionNote'));
  });
}
