import { isSuppressed } from '../../../analysis/suppressed';
import type { Comparison, Disclosed, GroupCell, PairwiseTest } from '../../../analysis/schema';
import { pairsInWords } from '../../pairs';
import { heatmapCells } from '../../charts';
import type { PdfContext } from '../context';
import { FONT } from '../fonts';
import { cleanText, DASH } from '../format';
import { ensureSpace, heading, note, paragraph, section } from '../layout';
import { table, tableSpace, type Cell, type Column } from '../table';
import { COLOUR, MARGIN, SIZE } from '../theme';

function groupsTable(ctx: PdfContext, comparison: Comparison): void {
  const { t, fmt } = ctx;
  table(
    ctx,
    [
      { header: t('comparison.group'), width: 50 },
      { header: t('table.n'), width: 20, align: 'right' },
      { header: t('comparison.status'), width: 30 },
    ],
    comparison.groups.map((g) => [cleanText(g.label), fmt.count(g.n), t(`comparison.groupStatus.${g.status}`)]),
  );
}

/** Groups down, areas across (areas are few, groups are not capped), each cell coloured by the mean gap. */
function heatmap(ctx: PdfContext, comparison: Comparison): void {
  const { report, t, fmt, doc } = ctx;
  const map = heatmapCells(report);
  if (!map) return;
  const rows = map.columns.map((column, c): Cell[] => [
    `${cleanText(column.label)} (${fmt.int(column.n)})`,
    ...map.rows.map((row) => {
      const cell = row.cells[c]!;
      return { text: cell.text, fill: cell.colour, colour: cell.textColour };
    }),
  ]);
  const columns: Column[] = [{ header: t('comparison.group'), width: 22 }, ...map.rows.map((row) => ({ header: cleanText(row.label), width: 7.8, align: 'center' as const }))];
  const options = { rotatedHeader: 118 };
  heading(ctx, t('comparison.heatmap'), { space: tableSpace(ctx, columns, rows, options) + 70 });
  paragraph(ctx, t('comparison.heatmapIntro'));
  table(ctx, columns, rows, options);
  // colour key
  ensureSpace(ctx, 24);
  const y = doc.y;
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.muted).text(t('comparison.heatmapKey'), MARGIN.left, y + 2, { lineBreak: false });
  let x = MARGIN.left + doc.widthOfString(t('comparison.heatmapKey')) + 8;
  for (const stop of map.scale.stops) {
    doc.rect(x, y, 30, 11).fill(stop.colour);
    doc.fillColor(COLOUR.ink).text(stop.text, x + 33, y + 2, { lineBreak: false });
    x += 33 + doc.widthOfString(stop.text) + 10;
  }
  doc.x = MARGIN.left;
  doc.y = y + 18;
  if (map.anySuppressed || comparison.groups.some((g) => g.status !== 'shown')) note(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));
}

/** Per area: n, means, SD and the interval of the gap per group, and the Kruskal-Wallis test across groups. */
function areaTables(ctx: PdfContext, comparison: Comparison): void {
  const { t, fmt } = ctx;
  const columns: Column[] = [
    { header: t('comparison.group'), width: 26 },
    { header: t('table.n'), width: 8, align: 'right' },
    { header: t('table.importance'), width: 12, align: 'right' },
    { header: t('table.proficiency'), width: 12, align: 'right' },
    { header: t('table.gap'), width: 10, align: 'right' },
    { header: t('table.sd'), width: 9, align: 'right' },
    { header: t('table.ci'), width: 18, align: 'right' },
  ];
  const mean = (cell: Disclosed<GroupCell>) => (isSuppressed(cell) ? DASH : fmt.n2(cell.mean));
  comparison.areas.forEach((area, index) => {
    const rows = comparison.columns.map((column, c): Cell[] => {
      const gap = area.gap[c]!;
      return [
        cleanText(column.label),
        isSuppressed(gap) ? fmt.int(column.n) : fmt.int(gap.n),
        mean(area.importance[c]!),
        mean(area.proficiency[c]!),
        { text: mean(gap), bold: true },
        isSuppressed(gap) ? DASH : fmt.n2(gap.sd),
        isSuppressed(gap) ? DASH : fmt.interval(gap.ci95),
      ];
    });
    // a heading stays with the (kept-together) table under it
    const space = tableSpace(ctx, columns, rows) + 30;
    if (index === 0) {
      heading(ctx, t('comparison.areas'), { space: space + 60 });
      paragraph(ctx, t('comparison.areasIntro'));
    }
    heading(ctx, cleanText(area.label), { size: SIZE.h3, space });
    table(ctx, columns, rows);
    const k = area.kruskal;
    note(ctx, isSuppressed(k) ? t('comparison.kruskalSuppressed') : t('comparison.kruskal', { h: fmt.n2(k.h), df: fmt.int(k.df), p: fmt.p(k.p), epsilon: fmt.n3(k.epsilonSquared) }));
    if ([...area.gap, ...area.importance, ...area.proficiency].some(isSuppressed)) note(ctx, t('notes.suppressed', { min: fmt.int(ctx.report.thresholds.minGroup) }));
    pairsTable(ctx, comparison, area.pairwise, 'comparison.pairHigher');
  });
}

/**
 * The post-hoc pairs of a significant Kruskal-Wallis test that differ after Holm's adjustment, the higher group named
 * in words (`higherKey`), with a note of how many pairs were compared; the JSON and the dashboard list all of them.
 */
export function pairsTable(ctx: PdfContext, comparison: Comparison, pairwise: PairwiseTest[], higherKey: string): void {
  if (pairwise.length === 0) return;
  const { t, fmt } = ctx;
  const label = new Map(comparison.columns.map((c) => [c.key, cleanText(c.label)]));
  const pairs = pairsInWords(pairwise, (key) => label.get(key) ?? key);
  const differ = pairs.filter((p) => p.significant);
  if (differ.length === 0) return note(ctx, t('comparison.pairsNone', { total: fmt.int(pairs.length) }));
  table(
    ctx,
    [
      { header: t('scores.pair'), width: 64 },
      { header: t('scores.pHolm'), width: 18, align: 'right' },
      { header: t('scores.r'), width: 18, align: 'right' },
    ],
    differ.map((p): Cell[] => [t(higherKey, { higher: p.higher, lower: p.lower }), fmt.p(p.pAdjusted).replace(/^=\s*/, ''), fmt.n2(p.r)]),
  );
  note(ctx, t('comparison.pairsNote', { shown: fmt.int(differ.length), total: fmt.int(pairs.length) }));
}

function topNeeds(ctx: PdfContext, comparison: Comparison): void {
  const { t, fmt } = ctx;
  const label = new Map(comparison.columns.map((c) => [c.key, `${cleanText(c.label)} (${fmt.int(c.n)})`]));
  const columns: Column[] = [
    { header: t('comparison.group'), width: 20 },
    { header: t('comparison.needs'), width: 80 },
  ];
  const rows = comparison.topNeeds.map((group): Cell[] => [
    { text: label.get(group.column) ?? group.column, bold: true },
    group.items.map((item, i) => t('comparison.need', { position: fmt.int(i + 1), item: cleanText(item.label), mwds: fmt.n2(item.mwds) })).join('\n') || DASH,
  ]);
  heading(ctx, t('comparison.topNeeds'), { space: tableSpace(ctx, columns, rows) + 30 });
  paragraph(ctx, t('comparison.topNeedsIntro'));
  table(ctx, columns, rows);
}

/** Group comparison: who is in which group, the heat map, per-area tests and each group's five highest needs. */
export function comparisonSection(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  const comparison = report.comparison;
  if (!comparison) return;
  const by = cleanText(comparison.by.label);
  section(ctx, t('comparison.title'));
  paragraph(ctx, t('comparison.intro', { by, count: comparison.columns.length, minGroup: fmt.int(report.thresholds.minGroup) }));
  // the heat map lists every shown group with its n; the status table is only needed when some group is not shown
  if (comparison.groups.some((g) => g.status !== 'shown')) groupsTable(ctx, comparison);
  heatmap(ctx, comparison);
  areaTables(ctx, comparison);
  topNeeds(ctx, comparison);
}
