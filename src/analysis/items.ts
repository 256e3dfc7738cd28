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
  type Histogram,
} from './stats';
import { AREA_GAP_BINS, AREA_RATING_BINS, AREA_SCALE, GAP_BINS, RATING_BINS, type Accumulated, type GroupCounts } from './accumulate';
import type { AreaSummary, Disclosed, Distribution, ItemSummary, ScaleScore, Suppressed } from './schema';

export const SMALL_GROUP: Suppressed = { suppressed: true, reason: 'small_group' };

/** Histogram views into the flat count arrays of a group. */
export const ratingHistogram = (counts: Uint32Array, item: number): Histogram => ({
  min: 1,
  step: 1,
  counts: Array.from(counts.subarray(item * RATING_BINS + 1, (item + 1) * RATING_BINS)),
});
export const gapHistogram = (g: GroupCounts, item: number): Histogram => ({ min: -4, step: 1, counts: Array.from(g.gap.subarray(item * GAP_BINS, (item + 1) * GAP_BINS)) });
export const areaRatingHistogram = (counts: Uint32Array, area: number): Histogram => ({
  min: 1,
  step: 1 / AREA_SCALE,
  counts: Array.from(counts.subarray(area * AREA_RATING_BINS, (area + 1) * AREA_RATING_BINS)),
});
export const areaGapHistogram = (g: GroupCounts, area: number): Histogram => ({
  min: -4,
  step: 1 / AREA_SCALE,
  counts: Array.from(g.areaGap.subarray(area * AREA_GAP_BINS, (area + 1) * AREA_GAP_BINS)),
});

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
export function itemMwds(g: GroupCounts, item: number): { n: number; mwds: number } {
  const imp = histogramMoments(ratingHistogram(g.importance, item));
  const gap = histogramMoments(gapHistogram(g, item));
  return { n: gap.n, mwds: gap.n ? mwds(gap.sum / gap.n, imp.sum / imp.n) : NaN };
}

/** Per-item Borich diagnosis: descriptive statistics, MWDS, rank and Locus-for-Focus quadrant. */
export function summarizeItems(acc: Accumulated, total: GroupCounts, labels: Map<string, string>, minGroup: number): { items: ItemSummary[]; locus: Disclosed<{ grandImportance: number; grandGap: number }> } {
  const rows = acc.plan.items.map((field, i) => {
    const gap = gapHistogram(total, i);
    const gapStats = histogramStats(gap);
    const imp = ratingHistogram(total.importance, i);
    const positive = gap.counts.slice(5).reduce((a, b) => a + b, 0);
    return { field, i, n: gapStats.n, imp, gap, gapStats, positive, meanImportance: histogramStats(imp).mean, score: itemMwds(total, i).mwds };
  });
  const shown = rows.filter((r) => r.n >= minGroup);
  const centre = shown.length ? locusCentre(shown.map((r) => ({ meanImportance: r.meanImportance, meanGap: r.gapStats.mean }))) : undefined;
  const ranks = averageRanks(shown.map((r) => Math.round(r.score * 1e9) / 1e9), 'desc');
  const rankOf = new Map(shown.map((r, k) => [r.i, ranks[k]!]));

  const items = rows.map((r): ItemSummary => {
    const base = { id: r.field.question.id, area: r.field.area, label: labels.get(r.field.question.id) ?? r.field.question.id, n: r.n, notApplicable: total.importance[r.i * RATING_BINS]! };
    if (r.n < minGroup || !centre) {
      return { ...base, importance: SMALL_GROUP, proficiency: SMALL_GROUP, gap: SMALL_GROUP, mwds: SMALL_GROUP, rank: SMALL_GROUP, quadrant: SMALL_GROUP, wilcoxon: SMALL_GROUP };
    }
    const w = wilcoxonSignedRank(r.gap);
    return {
      ...base,
      importance: distribution(r.imp),
      proficiency: distribution(ratingHistogram(total.proficiency, r.i)),
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
    const gap = areaGapHistogram(total, a);
    const imp = areaRatingHistogram(total.areaImportance, a);
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
      proficiency: enough ? scaleScore(areaRatingHistogram(total.areaProficiency, a)) : SMALL_GROUP,
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
