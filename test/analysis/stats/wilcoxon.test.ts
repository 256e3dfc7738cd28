import fc from 'fast-check';
import { histogramFromValues, wilcoxonSignedRank } from '../../../src/analysis/stats';
import { rawMidRank } from './raw-reference';

const gaps = (values: number[]) => histogramFromValues(values, -4, 1, 9);

describe('wilcoxonSignedRank', () => {
  // Gaps -1, 0, 0, 1, 1, 1, 2, 2, 3, by hand: the two zeros are dropped, n = 7. |d| = 1 (four times: three
  // positive, one negative) share ranks 1-4 = 2.5; |d| = 2 (twice) share 5-6 = 5.5; |d| = 3 gets 7.
  // W+ = 3*2.5 + 2*5.5 + 7 = 25.5, W- = 2.5. Mean 7*8/4 = 14; ties sum (64-4) + (8-2) = 66, so
  // sigma^2 = 7*8*15/24 - 66/48 = 33.625; z = (11.5 - 0.5)/5.798706 = 1.896975, p = 0.057831, r = z/sqrt(7)
  // = 0.716989. scipy.stats.wilcoxon(zero_method='wilcox', correction=True, method='approx') gives p = 0.057831.
  test('when importance mostly exceeds proficiency, then W+, z, p and r match the hand computation', () => {
    const result = wilcoxonSignedRank(gaps([-1, 0, 0, 1, 1, 1, 2, 2, 3]));
    expect(result).toMatchObject({ n: 7, zeros: 2, wPlus: 25.5, wMinus: 2.5 });
    expect(result.z).toBeCloseTo(1.896975, 6);
    expect(result.p).toBeCloseTo(0.057831, 6);
    expect(result.r).toBeCloseTo(0.716989, 6);
  });

  test('when every difference is negated, then W+ and W- swap and z changes sign', () => {
    const forward = wilcoxonSignedRank(gaps([-1, 0, 0, 1, 1, 1, 2, 2, 3]));
    const backward = wilcoxonSignedRank(gaps([1, 0, 0, -1, -1, -1, -2, -2, -3]));
    expect([backward.wPlus, backward.wMinus]).toEqual([forward.wMinus, forward.wPlus]);
    expect(backward.z).toBeCloseTo(-forward.z, 12);
  });

  test.each([
    ['all differences are zero', [0, 0, 0]],
    ['there are no pairs', []],
  ])('when %s, then the test is undefined (NaN)', (_label, values) => {
    const result = wilcoxonSignedRank(gaps(values));
    expect(result.n).toBe(0);
    expect(result.p).toBeNaN();
  });

  test('when +v and -v balance exactly, then z is 0 and p is 1', () => {
    expect(wilcoxonSignedRank(gaps([-2, -1, 1, 2]))).toMatchObject({ z: 0, p: 1 });
  });

  test('when differences lie on a fractional grid (area means), then +v and -v are still tied', () => {
    const thirds = histogramFromValues([-1 / 3, 1 / 3, 2 / 3, 0], -4, 1 / 3, 25);
    const result = wilcoxonSignedRank(thirds);
    // |d| = 1/3 twice (ranks 1.5 each), 2/3 once (rank 3): W+ = 1.5 + 3.
    expect(result).toMatchObject({ n: 3, zeros: 1, wPlus: 4.5, wMinus: 1.5 });
  });

  test('when computed from a histogram, then W+ equals summing raw ranks of |d| over positive differences', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 60 }), (differences) => {
        const nonZero = differences.filter((d) => d !== 0);
        const magnitudes = nonZero.map(Math.abs);
        const rawWPlus = nonZero.filter((d) => d > 0).reduce((sum, d) => sum + rawMidRank(magnitudes, d), 0);
        expect(wilcoxonSignedRank(gaps(differences)).wPlus).toBeCloseTo(rawWPlus, 9);
      }),
    );
  });
});
