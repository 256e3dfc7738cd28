import { chiSquareIndependence } from '../../../src/analysis/stats';

describe('chiSquareIndependence', () => {
  // [[10, 20], [20, 10]]: all margins 30, n = 60, every expected count 15; chi2 = 4 * 5^2/15 = 6.6667,
  // df 1, p = 0.009823 (scipy chi2_contingency with correction=False), V = sqrt(6.6667/60) = 1/3.
  // [[1, 4], [4, 1]]: expected 2.5 everywhere; chi2 = 4 * 1.5^2/2.5 = 3.6, p = 0.057780, V = sqrt(0.36) = 0.6.
  test.each([
    ['a balanced 2x2 table', [[10, 20], [20, 10]], { chi2: 6.666667, df: 1, p: 0.009823, cramersV: 0.333333, lowExpectedShare: 0, n: 60 }],
    ['a small table where every expected count is below 5', [[1, 4], [4, 1]], { chi2: 3.6, df: 1, p: 0.05778, cramersV: 0.6, lowExpectedShare: 1, n: 10 }],
    ['an empty row and column around the 2x2', [[10, 0, 20], [0, 0, 0], [20, 0, 10]], { chi2: 6.666667, df: 1, p: 0.009823, cramersV: 0.333333, lowExpectedShare: 0, n: 60 }],
  ])('when given %s, then chi2, df, p and V match the hand computation', (_label, table, expected) => {
    const result = chiSquareIndependence(table);
    expect(result.chi2).toBeCloseTo(expected.chi2, 5);
    expect(result.p).toBeCloseTo(expected.p, 5);
    expect(result.cramersV).toBeCloseTo(expected.cramersV, 5);
    expect(result).toMatchObject({ df: expected.df, lowExpectedShare: expected.lowExpectedShare, n: expected.n });
  });

  // 3x2 with expected counts: margins rows 20, 20, 10 and columns 25, 25 (n = 50); expected 10, 10, 5 per
  // column, so no cell is below 5; observed [[15,5],[5,15],[5,5]] gives chi2 = 2.5+2.5+2.5+2.5+0+0 = 10,
  // df 2, p = exp(-5) = 0.006738, V = sqrt(10 / (50 * 1)) = 0.447214.
  test('when given a 3x2 table, then df = 2 and p = exp(-chi2/2)', () => {
    const result = chiSquareIndependence([[15, 5], [5, 15], [5, 5]]);
    expect(result.chi2).toBeCloseTo(10, 10);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(Math.exp(-5), 8);
    expect(result.cramersV).toBeCloseTo(0.447214, 6);
  });

  test.each([
    ['one non-empty row', [[3, 4, 5], [0, 0, 0]]],
    ['one non-empty column', [[0, 4], [0, 6]]],
    ['no answers at all', [[0, 0], [0, 0]]],
  ])('when the table has %s, then df is 0 and the test is undefined', (_label, table) => {
    const result = chiSquareIndependence(table);
    expect(result.df).toBe(0);
    expect(result.chi2).toBeNaN();
    expect(result.p).toBeNaN();
  });
});
