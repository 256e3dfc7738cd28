/**
 * Numbers in the coded layout (codebook.ts): two bytes per number question, the value rounded to three significant
 * digits. Aggregation then counts responses by value — a count table like every other in the report, which the
 * disclosure control can perturb — in memory bounded by the number of distinct codes, never by the responses.
 * Exact for integers from -999 to 999 and for every value with at most three significant digits (2.5, 37.5, 0.25);
 * other values are rounded (1,234 counts as 1,230: a relative error under 0.5 %). Magnitudes from 1e-18 to 9.99e17
 * are kept; smaller ones count as 0 and larger ones as ±9.99e17.
 *
 * Code 0 = no answer, 1 = zero, then 2 + 2 × index + (1 when negative), index = (exponent + 18) × 900 + mantissa - 100
 * for the value mantissa × 10^(exponent - 2), mantissa 100..999: at most 64,801.
 */
export const NO_NUMBER = 0;
const MIN_EXPONENT = -18;
const MAX_EXPONENT = 17;
const MANTISSAS = 900;

export function numberCode(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value === 0 ? 1 : NO_NUMBER;
  const [digits = '1.00', exp = '0'] = Math.abs(value).toExponential(2).split('e');
  let exponent = Number(exp);
  let mantissa = Math.round(Number(digits) * 100);
  if (exponent < MIN_EXPONENT) return 1;
  if (exponent > MAX_EXPONENT) [exponent, mantissa] = [MAX_EXPONENT, 999];
  return 2 + 2 * ((exponent - MIN_EXPONENT) * MANTISSAS + mantissa - 100) + (value < 0 ? 1 : 0);
}

/** The value a code stands for (NaN for "no answer"). */
export function numberValue(code: number): number {
  if (code === NO_NUMBER) return Number.NaN;
  if (code === 1) return 0;
  const index = (code - 2) >> 1;
  const exponent = MIN_EXPONENT + Math.floor(index / MANTISSAS);
  const mantissa = 100 + (index % MANTISSAS);
  const value = Number(`${mantissa}e${exponent - 2}`);
  return (code - 2) & 1 ? -value : value;
}
