import {
  averageRanks,
  ALPHA_FLAG_BELOW,
  cronbachAlpha,
  histogramMoments,
  histogramStats,
  locusCentre,
  locusQuadrant,
  momentsStats,
  mwds,
  wilcoxonSignedRank,
  wilsonInterval,
  valuesHistogram,
  type Histogram,
} from './stats';
import type { Accumulated, GroupCounts } from './accumulate';
import type { AreaSummary, Disclosed, Distribution, ItemSummary, ScaleScore, Suppressed } from './schema';

export const SMALL_GROUP: Suppressed = { suppressed: true, reason: 'small_group' };

/** Histogram views into the count arrays of a group, for competence scales of `points` points (K). */
export const ratingHistogram = (points: number, counts: Uint32Array, item: number): Histogram => ({
  min: 1,
  step: 1,
  counts: Array.from(counts.subarray(item * (points + 1) + 1, (item + 1) * (points + 1))),
});
export const gapHistogram = (points: number, g: GroupCounts, item: number): Histogram => ({
  min: 1 - points,
  step: 1,
  counts: Array.from(g.gap.subarray(item * (2 * points - 1), (item + 1) * (2 * points - 1))),
});
/** Area scores (the mean of a respondent's rated items) over the values they can take. */
export const areaRatingHistogram = (acc: Pick<Accumulated, 'axes'>, counts: Uint32Array[], area: number): Histogram => valuesHistogram(acc.axes.areas[area]!.rating.values, counts[area]!);
export const areaGapHistogram = (acc: Pick<Accumulated, 'axes'>, g: GroupCounts, area: number): Histogram => valuesHistogram(acc.axes.areas[area]!.gap.values, g.areaGap[area]!);

function distribution(h: Histogram): Distribution {
  const s = histogramStats(h);
  return { mean: s.mean, sd: s.sd, median: s.median, q1: s.q1, q3: s.q3, ci95: momentsStats(histogramMoments(h)).ci95, counts: [...h.counts] };
}

export function scaleScore(h: Histogram): ScaleScore {
  const s = histogramStats(h);
  const m = momentsStats(histogramMoments(h));
  return { n: s.n, mean: s.mean, sd: s.sd, median: s.median, ci95: m.ci95 };
}

/** Mean gap x mean importance of one item in one group, or NaN when nobody rated it. */
export function itemMwds(points: number, g: GroupCounts, item: number): { n: number; mwds: number } {
  const imp = histogramMoments(ratingHistogram(points, g.importance, item));
  const gap = histogramMoments(gapHistogram(points, g, item));
  return { n: gap.n, mwds: gap.n ? mwds(gap.sum / gap.n, imp.sum / imp.n) : NaN };
}

/** Per-item Borich diagnosis: descriptive statistics, MWDS, rank and Locus-for-Focus quadrant. */
export function summarizeItems(acc: Accumulated, total: GroupCounts, labels: Map<string, string>, minGroup: number): { items: ItemSummary[]; locus: Disclosed<{ grandImportance: number; grandGap: number }> } {
  const points = acc.plan.points;
  const rows = acc.plan.items.map((field, i) => {
    const gap = gapHistogram(points, total, i);
    const gapStats = histogramStats(gap);
    const imp = ratingHistogram(points, total.importance, i);
    // gap bins run from -(K-1): bin K holds a gap of 1
    const positive = gap.counts.slice(points).reduce((a, b) => a + b, 0);
    return { field, i, n: gapStats.n, imp, gap, gapStats, positive, meanImportance: histogramStats(imp).mean, score: itemMwds(points, total, i).mwds };
  });
  const shown = rows.filter((r) => r.n >= minGroup);
  const centre = shown.length ? locusCentre(shown.map((r) => ({ meanImportance: r.meanImportance, meanGap: r.gapStats.mean }))) : undefined;
  const ranks = averageRanks(shown.map((r) => Math.round(r.score * 1e9) / 1e9), 'desc');
  const rankOf = new Map(shown.map((r, k) => [r.i, ranks[k]!]));

  const items = rows.map((r): ItemSummary => {
    const base = { id: r.field.question.id, area: r.field.area, label: labels.get(r.field.question.id) ?? r.field.question.id, n: r.n, notApplicable: total.importance[r.i * (points + 1)]! };
    if (r.n < minGroup || !centre) {
      return { ...base, importance: SMALL_GROUP, proficiency: SMALL_GROUP, gap: SMALL_GROUP, mwds: SMALL_GROUP, rank: SMALL_GROUP, quadrant: SMALL_GROUP, wilcoxon: SMALL_GROUP };
    }
    const w = wilcoxonSignedRank(r.gap);
    return {
      ...base,
      importance: distribution(r.imp),
      proficiency: distribution(ratingHistogram(points, total.proficiency, r.i)),
      gap: {
        mean: r.gapStats.mean,
        sd: r.gapStats.sd,
        ci95: momentsStats(histogramMoments(r.gap)).ci95,
        positiveShare: r.positive / r.n,
        positiveCi: wilsonInterval(r.positive, r.n),
      },
      mwds: r.score,
      rank: rankOf.get(r.i)!,
      quadrant: locusQuadrant(r.meanImportance, r.gapStats.mean, centre.grandImportance, centre.grandGap) ?? SMALL_GROUP,
      wilcoxon: { z: w.z, p: w.p, r: w.r },
    };
  });
  return { items, locus: centre ?? SMALL_GROUP };
}

/** Area scores (mean of a respondent's rated items) and Cronbach's alpha per area and scale. */
export function summarizeAreas(acc: Accumulated, total: GroupCounts, labels: Map<string, string>, minGroup: number): AreaSummary[] {
  return acc.plan.areas.map((area, a) => {
    const gap = areaGapHistogram(acc, total, a);
    const imp = areaRatingHistogram(acc, total.areaImportance, a);
    const gapScore = scaleScore(gap);
    const enough = gapScore.n >= minGroup;
    const alphaImp = cronbachAlpha({ ...acc.alpha.importance[a]!, k: area.items.length, itemSum: [...acc.alpha.importance[a]!.itemSum], itemSumSq: [...acc.alpha.importance[a]!.itemSumSq] });
    const alphaProf = cronbachAlpha({ ...acc.alpha.proficiency[a]!, k: area.items.length, itemSum: [...acc.alpha.proficiency[a]!.itemSum], itemSumSq: [...acc.alpha.proficiency[a]!.itemSumSq] });
    const alphaN = acc.alpha.importance[a]!.n;
    const alphaShown = alphaN >= minGroup;
    const impScore = scaleScore(imp);
    return {
      id: area.id,
      label: labels.get(area.id) ?? area.id,
      itemIds: area.items.map((i) => acc.plan.items[i]!.question.id),
      importance: enough ? impScore : SMALL_GROUP,
      proficiency: enough ? scaleScore(areaRatingHistogram(acc, total.areaProficiency, a)) : SMALL_GROUP,
      gap: enough ? gapScore : SMALL_GROUP,
      mwds: enough ? mwds(gapScore.mean, impScore.mean) : SMALL_GROUP,
      alpha: {
        importance: alphaShown ? alphaImp : null,
        proficiency: alphaShown ? alphaProf : null,
        n: alphaN,
        flagged: alphaShown && [alphaImp, alphaProf].some((x) => x !== null && x < ALPHA_FLAG_BELOW),
      },
    };
  });
}
