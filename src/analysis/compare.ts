import { chiSquareIndependence, foldSmallGroups, histogramMoments, histogramStats, momentsStats, suppressTable } from './stats';
import { totalOf, type Accumulated, type GroupCounts } from './accumulate';
import { areaGapHistogram, areaRatingHistogram, gapHistogram, itemMwds, SMALL_GROUP } from './items';
import { smallCount, type LabelSource } from './frequencies';
import { compact, kruskalTest, posthocPairs } from './group-tests';
import { compareScores } from './scores';
import type { Comparison, Count, Disclosed, GroupCell, GroupInfo } from './schema';
import type { Histogram } from './stats';

export interface GroupKey {
  key: string;
  label: string;
  /** Index of the group in the accumulator. */
  index: number;
}

const OTHER = '__other';

/** n, mean, SD and 95% interval of a group's area scores: moments are enough (no quantiles for a table cell). */
function cell(h: Histogram, minGroup: number): Disclosed<GroupCell> {
  const s = momentsStats(histogramMoments(h));
  return s.n >= minGroup ? { n: s.n, mean: s.mean, sd: s.sd, ci95: s.ci95 } : SMALL_GROUP;
}

/**
 * Compares groups (any single-choice question, the collector or the language) with no cap on their number.
 * Small groups are folded into "other groups" or suppressed before any statistic is computed.
 */
export function compareGroups(
  acc: Accumulated,
  keys: readonly GroupKey[],
  by: { id: string; label: string },
  labels: LabelSource & { area: (id: string) => string; otherGroups: string },
  thresholds: { minCell: number; minGroup: number },
): Comparison {
  const { minCell, minGroup } = thresholds;
  const sizes = keys.map((k) => ({ key: k.key, n: acc.groups[k.index]?.n ?? 0 })).filter((s) => s.n > 0);
  const fold = foldSmallGroups(sizes, minGroup);
  const index = new Map(keys.map((k) => [k.key, k.index]));
  const byKey = new Map(keys.map((k) => [k.key, k]));
  const status = (key: string): GroupInfo['status'] =>
    fold.shown.includes(key) ? 'shown' : fold.folded.includes(key) ? 'folded' : fold.withheld.includes(key) ? 'withheld' : 'suppressed';
  const groups: GroupInfo[] = sizes.map((s) => ({
    key: s.key,
    label: byKey.get(s.key)!.label,
    n: s.n < minCell ? smallCount(minCell) : s.n,
    status: status(s.key),
  }));

  const columnCounts: { key: string; label: string; counts: GroupCounts }[] = fold.shown.map((key) => ({
    key,
    label: byKey.get(key)!.label,
    counts: acc.groups[index.get(key)!]!,
  }));
  if (fold.folded.length) {
    columnCounts.push({ key: OTHER, label: labels.otherGroups, counts: totalOf(acc, fold.folded.map((k) => acc.groups[index.get(k)!])) });
  }
  const columns = columnCounts.map((c) => ({ key: c.key, label: c.label, n: c.counts.n }));

  const areas = acc.plan.areas.map((area, a) => {
    const gapTable = compact(columnCounts.map((c) => [...areaGapHistogram(acc, c.counts, a).counts]));
    const test = kruskalTest(gapTable, minGroup);
    const pairwise = posthocPairs(
      gapTable,
      columns.map((c) => c.key),
      test,
      minGroup,
    );
    return {
      id: area.id,
      label: labels.area(area.id),
      gap: columnCounts.map((c) => cell(areaGapHistogram(acc, c.counts, a), minGroup)),
      importance: columnCounts.map((c) => cell(areaRatingHistogram(acc, c.counts.areaImportance, a), minGroup)),
      proficiency: columnCounts.map((c) => cell(areaRatingHistogram(acc, c.counts.areaProficiency, a), minGroup)),
      kruskal: test,
      pairwise,
    };
  });

  const items = acc.plan.items.map((field, i) => ({
    id: field.question.id,
    label: labels.question(field.question.id),
    medianGap: columnCounts.map((c): Disclosed<number> => {
      const s = histogramStats(gapHistogram(acc.plan.points, c.counts, i));
      return s.n >= minGroup ? s.median : SMALL_GROUP;
    }),
    kruskal: kruskalTest(columnCounts.map((c) => [...gapHistogram(acc.plan.points, c.counts, i).counts]), minGroup),
  }));

  const topNeeds = columnCounts.map((c) => ({
    column: c.key,
    items: acc.plan.items
      .map((field, i) => ({ id: field.question.id, label: labels.question(field.question.id), ...itemMwds(acc.plan.points, c.counts, i) }))
      .filter((x) => x.n >= minGroup && Number.isFinite(x.mwds))
      .sort((x, y) => y.mwds - x.mwds)
      .slice(0, 5)
      .map(({ id, label, mwds }) => ({ id, label, mwds })),
  }));

  const categorical = acc.plan.choices
    .map((field, f) => ({ field, f }))
    .filter(({ field }) => field.question.id !== by.id && field.question.type !== 'likert')
    .map(({ field, f }) => {
      const raw = columnCounts.map((c) => Array.from(c.counts.choices[f]!.subarray(1)));
      const used = field.values.map((_, k) => raw.some((row) => row[k]! > 0));
      const table = raw.map((row) => row.filter((_, k) => used[k]));
      const disclosed = suppressTable(table, minCell);
      const n = table.flat().reduce((a, b) => a + b, 0);
      const chi = table.length >= 2 && n >= minGroup ? chiSquareIndependence(table) : undefined;
      return {
        questionId: field.question.id,
        label: labels.question(field.question.id),
        options: field.values.filter((_, k) => used[k]).map((v) => ({ id: String(v), label: labels.option(field.question.id, v) })),
        cells: disclosed.map((row) =>
          row.map((c): Count => (!c.suppressed ? c.value : c.reason === 'small' ? smallCount(minCell) : { suppressed: true, reason: 'secondary' })),
        ),
        test: chi && Number.isFinite(chi.chi2) ? { chi2: chi.chi2, df: chi.df, p: chi.p, cramersV: chi.cramersV, lowExpectedShare: chi.lowExpectedShare } : SMALL_GROUP,
      };
    });

  return { by, groups, columns, areas, scores: compareScores(acc, columnCounts, by.id, labels, minGroup), items, topNeeds, categorical };
}
