/**
 * Deliberately naive raw-data implementations, written straight from the textbook definitions, that the
 * count-based code in src/analysis/stats is checked against. Slow and memory-hungry on purpose: they
 * share no code with what they check.
 */

/** Rank of x among all values: (number below) + (number equal + 1) / 2, the definition of a mid-rank. */
export function rawMidRank(all: readonly number[], x: number): number {
  const below = all.filter((value) => value < x).length;
  const equal = all.filter((value) => value === x).length;
  return below + (equal + 1) / 2;
}

/** Classic Kruskal-Wallis: 12/(N(N+1)) * sum R_g^2/n_g - 3(N+1), divided by 1 - sum(t^3 - t)/(N^3 - N). */
export function rawKruskalH(groups: readonly (readonly number[])[]): number {
  const used = groups.filter((group) => group.length > 0);
  const all = used.flat();
  const n = all.length;
  const rankSumSquares = used.reduce((total, group) => {
    const rankSum = group.reduce((sum, value) => sum + rawMidRank(all, value), 0);
    return total + (rankSum * rankSum) / group.length;
  }, 0);
  const h = (12 / (n * (n + 1))) * rankSumSquares - 3 * (n + 1);
  const tieSizes = [...new Set(all)].map((value) => all.filter((other) => other === value).length);
  const correction = 1 - tieSizes.reduce((sum, t) => sum + t ** 3 - t, 0) / (n ** 3 - n);
  return h / correction;
}

/** U of A counted pair by pair: 1 when a > b, 0.5 when tied. */
export function rawMannWhitneyU(a: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

/** R's quantile type 7 on a sorted copy of the raw values. */
export function rawQuantile7(values: readonly number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? Number.NaN;
  return lower + (position - below) * (upper - lower);
}

/** Two-pass sample variance of raw values. */
export function rawVariance(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
}

/** Cronbach's alpha from the raw respondent x item matrix. */
export function rawCronbachAlpha(rows: readonly (readonly number[])[]): number {
  const k = rows[0]?.length ?? 0;
  const itemVariances = Array.from({ length: k }, (_, item) => rawVariance(rows.map((row) => row[item] ?? 0)));
  const totals = rows.map((row) => row.reduce((sum, value) => sum + value, 0));
  return (k / (k - 1)) * (1 - itemVariances.reduce((sum, v) => sum + v, 0) / rawVariance(totals));
}

/** Group x value count table over the given ascending values. */
export function tableFromGroups(groups: readonly (readonly number[])[], values: readonly number[]): number[][] {
  return groups.map((group) => values.map((value) => group.filter((answer) => answer === value).length));
}

/** Distinct values of all groups, ascending: the shared columns of a table built from raw data. */
export function distinctSorted(groups: readonly (readonly number[])[]): number[] {
  return [...new Set(groups.flat())].sort((x, y) => x - y);
}
