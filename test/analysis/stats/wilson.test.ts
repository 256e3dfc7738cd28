import fc from 'fast-check';
import { wilsonInterval } from '../../../src/analysis/stats';

describe('wilsonInterval', () => {
  // 5/10 by hand: z^2 = 3.841459; centre 0.5 + z^2/20 = 0.692073; half width z * sqrt(0.025 + z^2/400)
  // = 0.364593; divided by 1 + z^2/10 = 1.384146 gives 0.236593 .. 0.763407, which is also what R's
  // prop.test(5, 10, correct = FALSE) reports. 0/10: upper 0.277533 (the known "rule of three"-like Wilson bound).
  test.each([
    [5, 10, 0.236593, 0.763407],
    [1, 10, 0.017876, 0.40415],
    [0, 10, 0, 0.277533],
    [10, 10, 0.722467, 1],
    [36, 52, 0.557304, 0.800853],
  ])('when k = %p of n = %p, then the 95%% interval is [%p, %p]', (k, n, lo, hi) => {
    const interval = wilsonInterval(k, n);
    expect(interval?.[0]).toBeCloseTo(lo, 6);
    expect(interval?.[1]).toBeCloseTo(hi, 6);
  });

  test('when k = n, then the upper bound is exactly 1 (the formula alone gives 0.9999999999999999)', () => {
    expect(wilsonInterval(10, 10)?.[1]).toBe(1);
  });

  test('when n is 0, then there is no interval', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  test.each([
    [3, 2],
    [-1, 5],
    [1.5, 5],
  ])('when k = %p and n = %p, then it throws', (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });

  test('when z is larger, then the interval is wider', () => {
    const [lo95, hi95] = wilsonInterval(7, 20) ?? [0, 0];
    const [lo99, hi99] = wilsonInterval(7, 20, 2.5758293035489) ?? [0, 0];
    expect(lo99).toBeLessThan(lo95);
    expect(hi99).toBeGreaterThan(hi95);
  });

  test('when k and n are any counts, then the interval lies in [0, 1], contains k/n and mirrors n - k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([k, n]) => {
        const [lo, hi] = wilsonInterval(k, n) ?? [NaN, NaN];
        const [mirrorLo, mirrorHi] = wilsonInterval(n - k, n) ?? [NaN, NaN];
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(k / n);
        expect(hi).toBeGreaterThanOrEqual(k / n);
        expect(lo).toBeCloseTo(1 - mirrorHi, 12);
        expect(hi).toBeCloseTo(1 - mirrorLo, 12);
      }),
    );
  });
});
