import fc from 'fast-check';
import { holm, mannWhitney, pairwiseMannWhitney } from '../../../src/analysis/stats';
import { rawMannWhitneyU, tableFromGroups } from './raw-reference';

describe('mannWhitney', () => {
  // A = 1,2,2,3 and B = 3,4,4,5, by hand: pooled counts of 1..5 are 1,2,2,2,1, mid-ranks 1, 2.5, 4.5, 6.5, 8;
  // rank sum of A = 1 + 2*2.5 + 4.5 = 10.5, so U = 10.5 - 4*5/2 = 0.5 (only the 3-3 pair, tied).
  // sigma^2 = (16/12) * (9 - (6+6+6)/(8*7)) = 11.571429; z = (0.5 - 8 + 0.5)/3.401680 = -2.057807;
  // p = 2 * Phi(-2.057807) = 0.039609; r = z/sqrt(8) = -0.727544 (signed: A is lower). scipy.stats.mannwhitneyu
  // (use_continuity=True, method='asymptotic') gives the same U and p, as R's wilcox.test(exact = FALSE) does.
  test('when A answers lower than B, then U, z, p and r match the hand computation', () => {
    const result = mannWhitney([1, 2, 1, 0, 0], [0, 0, 1, 2, 1]);
    expect(result.u).toBe(0.5);
    expect(result.z).toBeCloseTo(-2.057807, 6);
    expect(result.p).toBeCloseTo(0.039609, 6);
    expect(result.r).toBeCloseTo(-0.727544, 6);
    expect([result.n1, result.n2]).toEqual([4, 4]);
  });

  test('when the groups are swapped, then U becomes n1*n2 - U and z changes sign, p stays', () => {
    const forward = mannWhitney([1, 2, 1, 0, 0], [0, 0, 1, 2, 1]);
    const backward = mannWhitney([0, 0, 1, 2, 1], [1, 2, 1, 0, 0]);
    expect(backward.u).toBe(16 - forward.u);
    expect(backward.z).toBeCloseTo(-forward.z, 12);
    expect(backward.p).toBeCloseTo(forward.p, 12);
  });

  test.each([
    ['one group is empty', [0, 0, 0], [1, 2, 3]],
    ['every answer is the same', [0, 4, 0], [0, 2, 0]],
  ])('when %s, then z and p are NaN (R: p-value NA)', (_label, a, b) => {
    const result = mannWhitney(a, b);
    expect(result.z).toBeNaN();
    expect(result.p).toBeNaN();
  });

  test('when computed from counts, then U equals the pair-by-pair count over raw answers', () => {
    const twoGroups = fc.tuple(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }));
    fc.assert(
      fc.property(twoGroups, ([a, b]) => {
        const [countsA = [], countsB = []] = tableFromGroups([a, b], [1, 2, 3, 4, 5]);
        expect(mannWhitney(countsA, countsB).u).toBe(rawMannWhitneyU(a, b));
      }),
    );
  });
});

describe('holm', () => {
  // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04; made monotone the last becomes 0.06.
  test.each([
    ['four p-values', [0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02]],
    ['values that exceed 1 after multiplying', [0.5, 0.6], [1, 1]],
    ['a NaN, which is not counted in m', [NaN, 0.02, 0.04], [NaN, 0.04, 0.04]],
    ['a single p-value', [0.03], [0.03]],
    ['no p-values', [], []],
  ])('when adjusting %s, then the result matches R p.adjust(method = "holm")', (_label, pValues, expected) => {
    // Rounded to 12 digits because 3 * 0.01 is 0.030000000000000002 in floating point.
    expect(holm(pValues).map((p) => Number(p.toFixed(12)))).toEqual(expected);
  });

  test('when adjusting any p-values, then each adjusted p is >= its raw p, <= 1, and order is kept', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (pValues) => {
        const adjusted = holm(pValues);
        pValues.forEach((p, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
          pValues.forEach((other, j) => {
            if (p < other) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] ?? NaN);
          });
        });
      }),
    );
  });
});

describe('pairwiseMannWhitney', () => {
  const table = [
    [1, 2, 1, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 1, 2, 1],
    [0, 1, 2, 0, 1],
  ];

  test('when one group has no answers, then it is skipped and the others are compared pairwise in label order', () => {
    const pairs = pairwiseMannWhitney(table, ['AT', 'BG', 'CY', 'DE']);
    expect(pairs.map((pair) => `${pair.a}-${pair.b}`)).toEqual(['AT-CY', 'AT-DE', 'CY-DE']);
    expect(pairs[0]?.u).toBe(0.5);
  });

  test('when there are several pairs, then pAdjusted is Holm over those pairs', () => {
    const pairs = pairwiseMannWhitney(table, ['AT', 'BG', 'CY', 'DE']);
    expect(pairs.map((pair) => pair.pAdjusted)).toEqual(holm(pairs.map((pair) => pair.p)));
  });

  test('when labels and rows do not match, then it throws', () => {
    expect(() => pairwiseMannWhitney(table, ['AT'])).toThrow(RangeError);
  });
});
