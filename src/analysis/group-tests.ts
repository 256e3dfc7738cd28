import { kruskalWallis, pairwiseMannWhitney } from './stats';
import type { Disclosed, GroupTest, PairwiseTest } from './schema';

const SMALL_GROUP = { suppressed: true as const, reason: 'small_group' as const };

/** Drops values nobody gave: rank tests only see the order of values, and area scores use few of their values. */
export function compact(table: number[][]): number[][] {
  const used = table[0]?.map((_, c) => table.some((row) => row[c]! > 0)) ?? [];
  return table.map((row) => row.filter((_, c) => used[c]));
}

/** Kruskal-Wallis across the columns with at least minGroup answers (METHODOLOGY section 3). */
export function kruskalTest(table: number[][], minGroup: number): Disclosed<GroupTest> {
  const usable = table.filter((row) => row.reduce((a, b) => a + b, 0) >= minGroup);
  if (usable.length < 2) return SMALL_GROUP;
  const k = kruskalWallis(usable);
  // H is undefined when every answer is the same: nothing to compare, which is not a small group
  return Number.isFinite(k.h) ? { h: k.h, df: k.df, p: k.p, epsilonSquared: k.epsilonSquared } : { suppressed: true, reason: 'no_variation' };
}

/**
 * Pairwise Mann-Whitney tests with Holm's correction, only after a significant omnibus test, as is usual (and 16
 * groups make 120 pairs). Columns under minGroup answers take no part: their figures are not shown either.
 */
export function posthocPairs(table: number[][], keys: readonly string[], test: Disclosed<GroupTest>, minGroup: number): PairwiseTest[] {
  if ('suppressed' in test || table.length < 2 || test.p >= 0.05) return [];
  const usable = table.flatMap((row, k) => (row.reduce((a, b) => a + b, 0) >= minGroup ? [{ row, key: keys[k]! }] : []));
  return pairwiseMannWhitney(
    usable.map((u) => u.row),
    usable.map((u) => u.key),
  )
    .filter((p) => Number.isFinite(p.pAdjusted))
    .map((p) => ({ a: p.a, b: p.b, pAdjusted: p.pAdjusted, r: p.r }));
}
