/**
 * Distributions of discrete answers as counts per value, so 100,000 responses cost the same memory as
 * ten. Every summary here is computed exactly from the counts, never from an expanded raw array.
 */
import { assertCounts } from './counts';
import { studentTQuantile } from './distributions';

/**
 * Counts per value; bin i holds the value `min + i * step` (Likert: min 1, step 1; gaps of a 5-point scale: min -4),
 * or `values[i]` when the values are listed (ascending), as for area scores and numbers, which sit on no grid.
 */
export interface Histogram {
  readonly min: number;
  readonly step: number;
  readonly counts: readonly number[];
  readonly values?: ArrayLike<number>;
}

export interface HistogramStats {
  n: number;
  /** NaN when n = 0. */
  mean: number;
  /** Sample SD (n - 1 denominator); NaN when n < 2. */
  sd: number;
  /** Median and quartiles by R's default type 7 (linear interpolation between order statistics). */
  median: number;
  q1: number;
  q3: number;
}

/** Sufficient statistics for values that do not sit on one grid (e.g. area scores with N/A items). */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export interface MomentsStats {
  n: number;
  mean: number;
  /** Sample SD; NaN when n < 2. */
  sd: number;
  /** 95% t interval for the mean: mean +- t(0.975, n-1) * sd / sqrt(n); NaNs when n < 2. */
  ci95: [lo: number, hi: number];
}

export function binValue(histogram: Histogram, bin: number): number {
  return histogram.values ? histogram.values[bin]! : histogram.min + bin * histogram.step;
}

/** A histogram over listed ascending values. */
export const valuesHistogram = (values: ArrayLike<number>, counts: ArrayLike<number>): Histogram => ({ min: values[0] ?? 0, step: 0, values, counts: Array.from(counts) });

/**
 * Build a histogram from values that lie on the grid min, min+step, ... (binCount bins). Meant for
 * tests and small batches; large data should be counted where it lives (e.g. GROUP BY in SQL).
 */
export function histogramFromValues(values: readonly number[], min: number, step: number, binCount: number): Histogram {
  const counts = new Array<number>(binCount).fill(0);
  for (const value of values) {
    const bin = Math.round((value - min) / step);
    // Tolerance, because fractional steps such as 1/3 never hit the grid exactly in floating point.
    const offGrid = Math.abs(value - (min + bin * step)) > 1e-9 * Math.max(1, Math.abs(step));
    if (bin < 0 || bin >= binCount || offGrid) throw new RangeError(`value ${value} is not on the histogram grid`);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { min, step, counts };
}

export function histogramStats(histogram: Histogram): HistogramStats {
  assertCounts(histogram.counts, 'histogram');
  const { n, sum } = histogramMoments(histogram);
  const mean = n > 0 ? sum / n : Number.NaN;
  return {
    n,
    mean,
    sd: n >= 2 ? Math.sqrt(sumOfSquaredDeviations(histogram, mean) / (n - 1)) : Number.NaN,
    median: quantileType7(histogram, n, 0.5),
    q1: quantileType7(histogram, n, 0.25),
    q3: quantileType7(histogram, n, 0.75),
  };
}

export function histogramMoments(histogram: Histogram): Moments {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  histogram.counts.forEach((count, bin) => {
    const value = binValue(histogram, bin);
    n += count;
    sum += count * value;
    sumSq += count * value * value;
  });
  return { n, sum, sumSq };
}

export function momentsStats({ n, sum, sumSq }: Moments): MomentsStats {
  const mean = n > 0 ? sum / n : Number.NaN;
  if (n < 2) return { n, mean, sd: Number.NaN, ci95: [Number.NaN, Number.NaN] };
  // Clamped at 0: with identical values, sumSq - sum * mean can come out as -1e-13 from rounding.
  const sd = Math.sqrt(Math.max(0, (sumSq - sum * mean) / (n - 1)));
  const halfWidth = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ci95: [mean - halfWidth, mean + halfWidth] };
}

/** Two-pass deviation sum: free with a histogram, and avoids the cancellation of sumSq - n * mean^2. */
function sumOfSquaredDeviations(histogram: Histogram, mean: number): number {
  let total = 0;
  histogram.counts.forEach((count, bin) => {
    const deviation = binValue(histogram, bin) - mean;
    total += count * deviation * deviation;
  });
  return total;
}

/** R type 7: position h = (n - 1) * p over 0-based order statistics, interpolating between x[h] and x[h + 1]. */
function quantileType7(histogram: Histogram, n: number, p: number): number {
  if (n === 0) return Number.NaN;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const fraction = position - below;
  const lower = orderStatistic(histogram, below);
  return fraction === 0 ? lower : lower + fraction * (orderStatistic(histogram, below + 1) - lower);
}

/** The value of the order statistic with 0-based index `index`, found by walking cumulative counts. */
function orderStatistic(histogram: Histogram, index: number): number {
  let cumulative = 0;
  for (let bin = 0; bin < histogram.counts.length; bin += 1) {
    cumulative += histogram.counts[bin] ?? 0;
    if (index < cumulative) return binValue(histogram, bin);
  }
  return Number.NaN;
}
