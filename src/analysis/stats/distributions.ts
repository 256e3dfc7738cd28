/**
 * The only door to jStat: every p-value and quantile in the stats folder goes through here, so a
 * change of library (e.g. to @stdlib) touches one file.
 */
import { jStat } from 'jstat';

/** P(X >= x) for a chi-square with `df` degrees of freedom; NaN when undefined (df < 1, x NaN). */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!Number.isFinite(x) || !(df >= 1)) return Number.NaN;
  if (x <= 0) return 1;
  return clampProbability(1 - jStat.chisquare.cdf(x, df));
}

/** Two-sided p-value of a standard normal z. Uses the lower tail of -|z| to keep precision for large |z|. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return clampProbability(2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/**
 * Quantiles already computed, by probability and df: a report asks for the same few (0.975 at each group's n - 1)
 * hundreds of times, and each is an iterative inverse of the incomplete beta function. Bounded; cleared when full.
 */
const tQuantiles = new Map<string, number>();

/** Quantile of Student's t; NaN when df < 1. */
export function studentTQuantile(p: number, df: number): number {
  if (!(df >= 1)) return Number.NaN;
  const key = `${p}:${df}`;
  let q = tQuantiles.get(key);
  if (q === undefined) {
    if (tQuantiles.size >= 4096) tQuantiles.clear();
    q = jStat.studentt.inv(p, df) as number;
    tQuantiles.set(key, q);
  }
  return q;
}

function clampProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}
