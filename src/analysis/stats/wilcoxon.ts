/**
 * Wilcoxon signed-rank test of importance vs proficiency from the histogram of paired differences
 * (METHODOLOGY section 2). Matches R's wilcox.test(paired = TRUE, exact = FALSE, correct = TRUE).
 */
import { assertCounts, tieSum } from './counts';
import { normalTwoSidedP } from './distributions';
import { binValue, Histogram } from './histogram';
import { midRanksOfCounts } from './ranks';

export interface WilcoxonSignedRankResult {
  /** Pairs with a non-zero difference: the n the test and r use. */
  n: number;
  /** Pairs with difference 0, dropped (Wilcoxon's method). */
  zeros: number;
  /** Sum of the ranks of |d| over positive differences (R's V). */
  wPlus: number;
  wMinus: number;
  /** Normal approximation with tie and continuity correction; > 0 when differences tend positive. */
  z: number;
  /** Two-sided p-value; NaN when no non-zero difference exists. */
  p: number;
  /** Effect size z / sqrt(n), signed like z, with n the non-zero pairs. */
  r: number;
}

interface AbsoluteBin {
  magnitude: number;
  positive: number;
  negative: number;
}

export function wilcoxonSignedRank(differences: Histogram): WilcoxonSignedRankResult {
  assertCounts(differences.counts, 'wilcoxonSignedRank');
  const { bins, zeros } = foldByMagnitude(differences);
  const ranks = midRanksOfCounts(bins.map((bin) => bin.positive + bin.negative));
  let wPlus = 0;
  let wMinus = 0;
  bins.forEach((bin, index) => {
    wPlus += bin.positive * (ranks[index] ?? 0);
    wMinus += bin.negative * (ranks[index] ?? 0);
  });
  const n = bins.reduce((total, bin) => total + bin.positive + bin.negative, 0);

  const ties = tieSum(bins.map((bin) => bin.positive + bin.negative));
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
  const deviation = wPlus - (n * (n + 1)) / 4;
  const z = variance > 0 ? (deviation - 0.5 * Math.sign(deviation)) / Math.sqrt(variance) : Number.NaN;
  return { n, zeros, wPlus, wMinus, z, p: normalTwoSidedP(z), r: z / Math.sqrt(n) };
}

/**
 * Merge the bins of +v and -v into one |d| bin, ascending. Magnitudes are compared with a tolerance tied
 * to the step, because a fractional step (1/3) makes -v and +v differ in the last bits.
 */
function foldByMagnitude(histogram: Histogram): { bins: AbsoluteBin[]; zeros: number } {
  const tolerance = 1e-9 * Math.abs(histogram.step);
  const isZero = (value: number) => Math.abs(value) <= tolerance;
  const entries = histogram.counts.map((count, bin) => ({ value: binValue(histogram, bin), count }));
  const zeros = entries.filter((entry) => isZero(entry.value)).reduce((total, entry) => total + entry.count, 0);
  const nonZero = entries
    .filter((entry) => entry.count > 0 && !isZero(entry.value))
    .sort((a, b) => Math.abs(a.value) - Math.abs(b.value));

  const bins: AbsoluteBin[] = [];
  for (const { value, count } of nonZero) {
    const last = bins[bins.length - 1];
    const sameMagnitude = last !== undefined && Math.abs(Math.abs(value) - last.magnitude) <= tolerance;
    const bin = sameMagnitude ? last : { magnitude: Math.abs(value), positive: 0, negative: 0 };
    if (!sameMagnitude) bins.push(bin);
    if (value > 0) bin.positive += count;
    else bin.negative += count;
  }
  return { bins, zeros };
}
