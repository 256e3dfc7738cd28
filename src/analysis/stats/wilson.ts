/** Wilson score interval for a proportion (METHODOLOGY section 3), used for every percentage shown. */

/** z for a two-sided 95% interval: the 0.975 normal quantile. */
export const Z_95 = 1.959963984540054;

/**
 * (p + z^2/2n +- z * sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n) with p = k/n. Null when n = 0 (no
 * proportion exists). Unlike the Wald interval it stays inside [0, 1] and is not degenerate at 0 or n.
 */
export function wilsonInterval(k: number, n: number, z: number = Z_95): [lo: number, hi: number] | null {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`wilsonInterval: need integers 0 <= k <= n, got k=${k}, n=${n}`);
  }
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`wilsonInterval: z must be a positive number, got ${z}`);
  if (n === 0) return null;
  const p = k / n;
  const zSquared = z * z;
  const centre = p + zSquared / (2 * n);
  const halfWidth = z * Math.sqrt((p * (1 - p)) / n + zSquared / (4 * n * n));
  const denominator = 1 + zSquared / n;
  // At k = 0 and k = n the bound is exactly 0 or 1 in theory; rounding could leave p a hair outside.
  const lo = k === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator);
  const hi = k === n ? 1 : Math.min(1, (centre + halfWidth) / denominator);
  return [lo, hi];
}
