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
  type LocusQuadrant,
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

/** The priority of one item in one group: what ranking and Locus for Focus need, nothing more. */
export interface ItemPriority {
  /** Index into `plan.items`. */
  index: number;
  n: number;
  meanImportance: number;
  meanGap: number;
  mwds: number;
  /** Only for items rated by at least `minGroup` respondents (and when there is a centre). */
  rank?: number;
  quadrant?: LocusQuadrant | null;
}

/**
 * MWDS, rank and Locus-for-Focus quadrant of every item in one group, from moments only (no quantiles, intervals
 * or tests): what the training plan reads for every partner and group, and what `summarizeItems` builds upon, so the
 * two always agree.
 */
export function prioritizeItems(acc: Pick<Accumulated, 'plan'>, g: GroupCounts, minGroup: number): { items: ItemPriority[]; centre: { grandImportance: number; grandGap: number } | undefined } {
  const points = acc.plan.points;
  const items: ItemPriority[] = acc.plan.items.map((_, i) => {
    const imp = histogramMoments(ratingHistogram(points, g.importance, i));
    const gap = histogramMoments(gapHistogram(points, g, i));
    const meanImportance = imp.n > 0 ? imp.sum / imp.n : NaN;
    const meanGap = gap.n > 0 ? gap.sum / gap.n : NaN;
    return { index: i, n: gap.n, meanImportance, meanGap, mwds: gap.n ? mwds(meanGap, meanImportance) : NaN };
  });
  const shown = items.filter((r) => r.n >= minGroup);
  const centre = shown.length ? locusCentre(shown.map((r) => ({ meanImportance: r.meanImportance, meanGap: r.meanGap }))) : undefined;
  const ranks = averageRanks(shown.map((r) => Math.round(r.mwds * 1e9) / 1e9), 'desc');
  shown.forEach((r, k) => {
    if (!centre) return;
    r.rank = ranks[k]!;
    r.quadrant = locusQuadrant(r.meanImportance, r.meanGap, centre.grandImportance, centre.grandGap);
  });
  return { items, centre };
}

/** Per-item Borich diagnosis: descriptive statistics, MWDS, rank and Locus-for-Focus quadrant. */
export function summarizeItems(acc: Accumulated, total: GroupCounts, labels: Map<string, string>, minGroup: number): { items: ItemSummary[]; locus: Disclosed<{ grandImportance: number; grandGap: number }> } {
  const points = acc.plan.points;
  const { items: priorities, centre } = prioritizeItems(acc, total, minGroup);
  const items = acc.plan.items.map((field, i): ItemSummary => {
    const p = priorities[i]!;
    const base = { id: field.question.id, area: field.area, label: labels.get(field.question.id) ?? field.question.id, n: p.n, notApplicable: total.importance[i * (points + 1)]! };
    if (p.n < minGroup || !centre) {
      return { ...base, importance: SMALL_GROUP, proficiency: SMALL_GROUP, gap: SMALL_GROUP, mwds: SMALL_GROUP, rank: SMALL_GROUP, quadrant: SMALL_GROUP, wilcoxon: SMALL_GROUP };
    }
    const gap = gapHistogram(points, total, i);
    const gapStats = histogramStats(gap);
    // gap bins run from -(K-1): bin K holds a gap of 1
    const positive = gap.counts.slice(points).reduce((a, b) => a + b, 0);
    const w = wilcoxonSignedRank(gap);
    return {
      ...base,
      importance: distribution(ratingHistogram(points, total.importance, i)),
      proficiency: distribution(ratingHistogram(points, total.proficiency, i)),
      gap: {
        mean: gapStats.mean,
        sd: gapStats.sd,
        ci95: momentsStats(histogramMoments(gap)).ci95,
        positiveShare: positive / p.n,
        positiveCi: wilsonInterval(positive, p.n),
      },
      mwds: p.mwds,
      rank: p.rank!,
      quadrant: p.quadrant ?? SMALL_GROUP,
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
    const exactN = acc.alpha.importance[a]!.n;
    const shownN = acc.alpha.importance[a]!.shownN;
    const alphaN = shownN ?? exactN;
    const alphaShown = alphaN >= minGroup && exactN >= minGroup;
    // perturbed reports: alpha from exact sums, to two decimals (see AlphaAccumulator.shownN)
    const published = (x: number | null) => (x === null || shownN === undefined ? x : Math.round(x * 100) / 100);
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
        importance: alphaShown ? published(alphaImp) : null,
        proficiency: alphaShown ? published(alphaProf) : null,
        n: alphaN,
        flagged: alphaShown && [alphaImp, alphaProf].some((x) => x !== null && x < ALPHA_FLAG_BELOW),
      },
    };
  });
}
