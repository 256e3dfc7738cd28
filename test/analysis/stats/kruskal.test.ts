import fc from 'fast-check';
import { kruskalWallis } from '../../../src/analysis/stats';
import { distinctSorted, rawKruskalH, tableFromGroups } from './raw-reference';

describe('kruskalWallis', () => {
  // R's ?kruskal.test example (Hollander & Wolfe 1973, p. 116, mucociliary efficiency), no ties:
  // "Kruskal-Wallis chi-squared = 0.77143, df = 2, p-value = 0.68".
  test('when given the Hollander & Wolfe example from R, then H = 0.77143, df = 2, p = 0.68', () => {
    const groups = [
      [2.9, 3.0, 2.5, 2.6, 3.2],
      [3.8, 2.7, 4.0, 2.4],
      [2.8, 3.4, 3.7, 2.2, 2.0],
    ];
    const result = kruskalWallis(tableFromGroups(groups, distinctSorted(groups)));
    expect(result.h).toBeCloseTo(0.77143, 5);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(0.68, 2);
    expect(result.n).toBe(14);
  });

  // Likert answers A = 1,2,2,3; B = 3,4,4,5; C = 2,3,3,5 (N = 12), by hand:
  // pooled counts of 1..5 are 1,3,4,2,2, mid-ranks 1, 3, 6.5, 9.5, 11.5; rank sums A 13.5, B 37, C 27.5.
  // H = 12/(12*13) * (13.5^2 + 37^2 + 27.5^2)/4 - 3*13 = 44.375 - 39 = 5.375.
  // Ties: sum(t^3 - t) = 0 + 24 + 60 + 6 + 6 = 96; correction 1 - 96/1716, so H = 5.375 * 1716/1620 = 5.693519.
  // df 2, so p = exp(-H/2) = 0.058032; epsilon^2 = H/11 = 0.517593. scipy.stats.kruskal agrees.
  const likertTable = [
    [1, 2, 1, 0, 0],
    [0, 0, 1, 2, 1],
    [0, 1, 2, 0, 1],
  ];

  test('when given a small Likert table with ties, then the tie-corrected H matches the hand computation', () => {
    const result = kruskalWallis(likertTable);
    expect(result.h).toBeCloseTo(5.693519, 6);
    expect(result.p).toBeCloseTo(0.058032, 6);
    expect(result.epsilonSquared).toBeCloseTo(0.517593, 6);
    expect(result).toMatchObject({ df: 2, n: 12 });
  });

  test('when a group has no answers, then it is ignored and adds no degree of freedom', () => {
    expect(kruskalWallis([...likertTable, [0, 0, 0, 0, 0]])).toEqual(kruskalWallis(likertTable));
  });

  test.each([
    ['only one group has answers', [[1, 2, 3], [0, 0, 0]], 0],
    ['every answer is the same value', [[0, 4, 0], [0, 3, 0]], 1],
  ])('when %s, then H and p are NaN', (_label, table, df) => {
    const result = kruskalWallis(table);
    expect(result.h).toBeNaN();
    expect(result.p).toBeNaN();
    expect(result.df).toBe(df);
  });

  test('when 16 partners send 100,000 answers, then H stays finite and equals the classic formula', () => {
    // Partner g answers 1..5 with counts shifted by g, so the groups really differ; every row sums to 6,250.
    const table = Array.from({ length: 16 }, (_, g) => [1000 + 50 * g, 1250, 1250, 1250, 1500 - 50 * g]);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const n = sum(table.flat());
    const pooled = [0, 1, 2, 3, 4].map((c) => sum(table.map((row) => row[c] ?? 0)));
    const ranks = pooled.map((t, c) => sum(pooled.slice(0, c)) + (t + 1) / 2);
    const rankSums = table.map((row) => sum(row.map((count, c) => count * (ranks[c] ?? 0))));
    const classic = (12 / (n * (n + 1))) * sum(rankSums.map((r) => (r * r) / 6250)) - 3 * (n + 1);
    const correction = 1 - sum(pooled.map((t) => t ** 3 - t)) / (n ** 3 - n);

    const result = kruskalWallis(table);
    expect(n).toBe(100_000);
    expect(result.h).toBeCloseTo(classic / correction, 6);
    expect(result.df).toBe(15);
    expect(result.p).toBeLessThan(1e-6);
  });

  test('when rows have different lengths, then it throws', () => {
    expect(() => kruskalWallis([[1, 2], [1]])).toThrow(RangeError);
  });

  test('when computed from counts, then H equals the raw-data rank computation', () => {
    const groupsArbitrary = fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 25 }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(groupsArbitrary, (groups) => {
        const result = kruskalWallis(tableFromGroups(groups, [1, 2, 3, 4, 5]));
        const usable = groups.filter((group) => group.length > 0);
        fc.pre(usable.length >= 2 && new Set(usable.flat()).size >= 2);
        expect(result.h).toBeCloseTo(rawKruskalH(groups), 9);
        expect(result.df).toBe(usable.length - 1);
      }),
    );
  });

  test('when the respondents are listed in another order, then nothing changes', () => {
    const shuffledGroups = fc
      .array(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 25 }), { minLength: 2, maxLength: 5 })
      .chain((groups) => fc.tuple(fc.constant(groups), fc.tuple(...groups.map((group) => fc.shuffledSubarray(group, { minLength: group.length })))));
    fc.assert(
      fc.property(shuffledGroups, ([groups, shuffled]) => {
        expect(kruskalWallis(tableFromGroups(shuffled, [1, 2, 3, 4, 5]))).toEqual(kruskalWallis(tableFromGroups(groups, [1, 2, 3, 4, 5])));
      }),
    );
  });
});
