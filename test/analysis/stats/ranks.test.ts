import fc from 'fast-check';
import { averageRanks, midRanksOfCounts } from '../../../src/analysis/stats';

describe('averageRanks', () => {
  test.each([
    ['MWDS highest first with a tie for 2nd and 3rd', [2.68, 1.73, 1.73, 0.5], 'desc', [1, 2.5, 2.5, 4]],
    ['three items tied in the middle', [2.0, 1.5, 1.5, 1.5, 1.0], 'desc', [1, 3, 3, 3, 5]],
    ['ascending order', [3, 1, 2], 'asc', [3, 1, 2]],
    ['all values equal', [7, 7, 7, 7], 'asc', [2.5, 2.5, 2.5, 2.5]],
    ['an item nobody answered (NaN)', [NaN, 2, 1], 'desc', [NaN, 1, 2]],
    ['no items', [], 'desc', []],
  ] as const)('when ranking %s, then ties share the average rank', (_label, values, direction, expected) => {
    expect(averageRanks(values, direction)).toEqual(expected);
  });

  test('when ranking any values, then the ranks sum to m(m+1)/2 and asc mirrors desc', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (values) => {
        const m = values.length;
        const asc = averageRanks(values, 'asc');
        const desc = averageRanks(values, 'desc');
        expect(asc.reduce((sum, rank) => sum + rank, 0)).toBe((m * (m + 1)) / 2);
        asc.forEach((rank, index) => expect(rank + (desc[index] ?? 0)).toBe(m + 1));
      }),
    );
  });
});

describe('midRanksOfCounts', () => {
  // Pooled counts 2, 3, 0, 1: the 2 lowest share ranks 1-2 (1.5), the next 3 share 3-5 (4), the last is 6.
  test('when columns hold tied observations, then each column gets the mean of the ranks it occupies', () => {
    const ranks = midRanksOfCounts([2, 3, 0, 1]);
    expect([ranks[0], ranks[1], ranks[3]]).toEqual([1.5, 4, 6]);
  });
});
