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

/** Quantile of Student's t; NaN when df < 1. */
export function studentTQuantile(p: number, df: number): number {
  if (!(df >= 1)) return Number.NaN;
  return jStat.studentt.inv(p, df);
}

function clampProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}
