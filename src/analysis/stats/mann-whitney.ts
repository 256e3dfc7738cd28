/**
 * Mann-Whitney U for two groups of one ordered answer, pairwise across many groups with Holm's
 * correction (METHODOLOGY section 3). Matches R's wilcox.test(exact = FALSE, correct = TRUE).
 */
import { assertCounts, CountTable, sumOf, tieSum } from './counts';
import { normalTwoSidedP } from './distributions';
import { midRanksOfCounts } from './ranks';

export interface MannWhitneyResult {
  /** U of group A: pairs where A is higher, plus half the tied pairs (R's W). */
  u: number;
  /** Normal approximation with tie and continuity correction; > 0 when A tends higher. NaN when undefined. */
  z: number;
  /** Two-sided p-value. */
  p: number;
  /** Effect size z / sqrt(n1 + n2), keeping the sign of z: > 0 when A tends higher. */
  r: number;
  n1: number;
  n2: number;
}

export interface PairwiseMannWhitney extends MannWhitneyResult {
  a: string;
  b: string;
  /** Holm-adjusted p over all pairs compared. */
  pAdjusted: number;
}

/** Counts of groups A and B over the same ascending values. */
export function mannWhitney(countsA: readonly number[], countsB: readonly number[]): MannWhitneyResult {
  assertCounts(countsA, 'mannWhitney A');
  assertCounts(countsB, 'mannWhitney B');
  if (countsA.length !== countsB.length) throw new RangeError('mannWhitney: both groups need the same columns');
  const n1 = sumOf(countsA);
  const n2 = sumOf(countsB);
  const pooled = countsA.map((count, column) => count + (countsB[column] ?? 0));
  const ranks = midRanksOfCounts(pooled);
  const rankSumA = countsA.reduce((total, count, column) => total + count * (ranks[column] ?? 0), 0);
  const u = rankSumA - (n1 * (n1 + 1)) / 2;

  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieSum(pooled) / (n * (n - 1)));
  const deviation = u - (n1 * n2) / 2;
  // sd 0 (one group empty, or every answer identical) leaves the test undefined, as in R (p = NA).
  const z = variance > 0 ? (deviation - 0.5 * Math.sign(deviation)) / Math.sqrt(variance) : Number.NaN;
  return { u, z, p: normalTwoSidedP(z), r: z / Math.sqrt(n), n1, n2 };
}

/**
 * Holm's step-down adjustment: the i-th smallest of m p-values is multiplied by (m - i + 1), made monotone
 * and capped at 1; results come back in the input order. NaN stays NaN and is not counted in m (as
 * R's p.adjust does with NA).
 */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry) => !Number.isNaN(entry.p))
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = pValues.map(() => Number.NaN);
  let runningMax = 0;
  order.forEach((entry, position) => {
    runningMax = Math.max(runningMax, Math.min(1, (order.length - position) * entry.p));
    adjusted[entry.index] = runningMax;
  });
  return adjusted;
}

/**
 * Every pair of groups with answers (table[g] in `labels[g]` order; empty groups are skipped, as in
 * kruskalWallis), with Holm-adjusted p over those pairs.
 */
export function pairwiseMannWhitney(table: CountTable, labels: readonly string[]): PairwiseMannWhitney[] {
  if (table.length !== labels.length) throw new RangeError('pairwiseMannWhitney: one label per table row');
  const withAnswers = table
    .map((counts, index) => ({ counts, label: labels[index] ?? '' }))
    .filter((group) => group.counts.some((count) => count > 0));
  const pairs: Omit<PairwiseMannWhitney, 'pAdjusted'>[] = [];
  withAnswers.forEach((first, i) => {
    withAnswers.slice(i + 1).forEach((second) => {
      pairs.push({ a: first.label, b: second.label, ...mannWhitney(first.counts, second.counts) });
    });
  });
  const adjusted = holm(pairs.map((pair) => pair.p));
  return pairs.map((pair, index) => ({ ...pair, pAdjusted: adjusted[index] ?? Number.NaN }));
}
