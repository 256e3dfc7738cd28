/**
 * Cronbach's alpha per competence area from sufficient statistics of complete cases (METHODOLOGY
 * section 2), so it can be accumulated in one pass over any number of responses.
 */

/** Below this, an area's alpha is flagged in the report. */
export const ALPHA_FLAG_BELOW = 0.7;

/** Sums over the n complete cases (respondents who answered all k items of the area). */
export interface AlphaSums {
  n: number;
  k: number;
  /** Per item: sum of the answers, and sum of their squares. Length k. */
  itemSum: readonly number[];
  itemSumSq: readonly number[];
  /** Over respondents: sum of their k-item totals, and sum of the squared totals. */
  totalSum: number;
  totalSumSq: number;
}

export function emptyAlphaSums(k: number): AlphaSums {
  return { n: 0, k, itemSum: new Array<number>(k).fill(0), itemSumSq: new Array<number>(k).fill(0), totalSum: 0, totalSumSq: 0 };
}

/** Add one complete case (its k answers). Returns new sums; the input is not changed. */
export function addCompleteCase(sums: AlphaSums, answers: readonly number[]): AlphaSums {
  if (answers.length !== sums.k) throw new RangeError(`addCompleteCase: expected ${sums.k} answers, got ${answers.length}`);
  const total = answers.reduce((acc, answer) => acc + answer, 0);
  return {
    n: sums.n + 1,
    k: sums.k,
    itemSum: sums.itemSum.map((sum, item) => sum + (answers[item] ?? 0)),
    itemSumSq: sums.itemSumSq.map((sum, item) => sum + (answers[item] ?? 0) ** 2),
    totalSum: sums.totalSum + total,
    totalSumSq: sums.totalSumSq + total * total,
  };
}

/**
 * alpha = k/(k-1) * (1 - sum of item variances / variance of the total), sample variances (n - 1).
 * Null when it is undefined: fewer than 2 cases or items, or every respondent has the same total.
 * It can be negative (items that disagree); that is reported, not hidden.
 */
export function cronbachAlpha(sums: AlphaSums): number | null {
  const { n, k } = sums;
  if (sums.itemSum.length !== k || sums.itemSumSq.length !== k) throw new RangeError('cronbachAlpha: item sums need length k');
  if (n < 2 || k < 2) return null;
  const totalVariance = sampleVariance(n, sums.totalSum, sums.totalSumSq);
  // Relative threshold: identical totals leave rounding residue (~1e-15 * scale), not a true variance.
  if (totalVariance <= 1e-12 * Math.max(1, sums.totalSumSq / n)) return null;
  let itemVariances = 0;
  for (let item = 0; item < k; item += 1) {
    itemVariances += sampleVariance(n, sums.itemSum[item] ?? 0, sums.itemSumSq[item] ?? 0);
  }
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

function sampleVariance(n: number, sum: number, sumSq: number): number {
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}
