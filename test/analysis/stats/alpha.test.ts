import fc from 'fast-check';
import { addCompleteCase, AlphaSums, cronbachAlpha, emptyAlphaSums } from '../../../src/analysis/stats';
import { rawCronbachAlpha } from './raw-reference';

const sumsOf = (rows: number[][]): AlphaSums => rows.reduce(addCompleteCase, emptyAlphaSums(rows[0]?.length ?? 0));

describe('cronbachAlpha', () => {
  // Four respondents, three items: [1,2,2], [2,3,3], [3,3,4], [4,5,5]. Item variances 5/3, 19/12, 5/3 (sum 59/12);
  // totals 5, 8, 10, 14 have variance 57/4. alpha = 3/2 * (1 - (59/12)/(57/4)) = 3/2 * 112/171 = 168/171 = 0.982456.
  test('when items move together, then alpha matches the hand computation 168/171', () => {
    expect(cronbachAlpha(sumsOf([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]))).toBeCloseTo(168 / 171, 12);
  });

  // Two items [1,5], [5,2], [3,3]: item variances 4 and 7/3, totals 6, 7, 6 have variance 1/3;
  // alpha = 2 * (1 - (19/3)/(1/3)) = -36: items that contradict each other.
  test('when items disagree, then alpha is negative and reported as such', () => {
    expect(cronbachAlpha(sumsOf([[1, 5], [5, 2], [3, 3]]))).toBeCloseTo(-36, 9);
  });

  test.each([
    ['a single respondent', [[1, 2, 3]]],
    ['a single item', [[1], [2], [4]]],
    ['every respondent with the same total', [[1, 5], [5, 1], [3, 3]]],
    ['no respondents', []],
  ])('when there is %s, then alpha is null', (_label, rows) => {
    expect(cronbachAlpha(rows.length === 0 ? emptyAlphaSums(3) : sumsOf(rows))).toBeNull();
  });

  test('when the item sums do not have length k, then it throws', () => {
    expect(() => cronbachAlpha({ ...emptyAlphaSums(3), k: 4 })).toThrow(RangeError);
  });

  test('when accumulated one respondent at a time, then the sums are not mutated', () => {
    const start = emptyAlphaSums(2);
    addCompleteCase(start, [3, 4]);
    expect(start).toEqual(emptyAlphaSums(2));
  });

  test('when computed from sufficient statistics, then alpha equals the raw-data computation', () => {
    const matrix = fc.integer({ min: 2, max: 6 }).chain((k) => fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: k, maxLength: k }), { minLength: 2, maxLength: 60 }));
    fc.assert(
      fc.property(matrix, (rows) => {
        const totals = rows.map((row) => row.reduce((sum, value) => sum + value, 0));
        fc.pre(new Set(totals).size > 1);
        expect(cronbachAlpha(sumsOf(rows))).toBeCloseTo(rawCronbachAlpha(rows), 8);
      }),
    );
  });
});
