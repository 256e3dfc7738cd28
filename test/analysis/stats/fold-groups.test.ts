import fc from 'fast-check';
import { foldSmallGroups, GroupSize } from '../../../src/analysis/stats';

const groups = (sizes: Record<string, number>): GroupSize[] => Object.entries(sizes).map(([key, n]) => ({ key, n }));

describe('foldSmallGroups', () => {
  test.each([
    ['all groups reach 10', { AT: 50, BG: 30 }, { shown: ['AT', 'BG'], folded: [], suppressed: [], withheld: [] }],
    ['two small groups reach 10 together', { AT: 50, BG: 30, CY: 4, DE: 7 }, { shown: ['AT', 'BG'], folded: ['CY', 'DE'], suppressed: [], withheld: [] }],
    // CY alone is below 10 and has no partner; AT and BG next to the overall would reveal CY as
    // overall - AT - BG, so the smaller, BG, is withheld as well.
    ['exactly one small group', { AT: 50, BG: 30, CY: 4 }, { shown: ['AT'], folded: [], suppressed: ['CY'], withheld: ['BG'] }],
    ['equal candidates for withholding', { FI: 20, EE: 20, LV: 3 }, { shown: ['FI'], folded: [], suppressed: ['LV'], withheld: ['EE'] }],
    ['only small groups, too small together', { AT: 3, BG: 4 }, { shown: [], folded: [], suppressed: ['AT', 'BG'], withheld: [] }],
    ['a small group with nobody in it', { AT: 50, BG: 0 }, { shown: ['AT'], folded: [], suppressed: ['BG'], withheld: [] }],
  ])('when %s, then the groups are split as expected', (_label, sizes, expected) => {
    expect(foldSmallGroups(groups(sizes), 10)).toEqual(expected);
  });

  test('when no overall figures are shown, then no group is withheld for the suppressed one', () => {
    expect(foldSmallGroups(groups({ AT: 50, BG: 30, CY: 4 }), 10, { overallShown: false })).toEqual({
      shown: ['AT', 'BG'],
      folded: [],
      suppressed: ['CY'],
      withheld: [],
    });
  });

  test('when minGroup is lowered to 5, then a group of 5 is shown', () => {
    expect(foldSmallGroups(groups({ AT: 5, BG: 30 }), 5).shown).toEqual(['AT', 'BG']);
  });

  const groupLists = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 3 }), n: fc.integer({ min: 0, max: 25 }) }), {
    selector: (group) => group.key,
    maxLength: 16,
  });

  test('when any groups are folded, then nothing below minGroup is shown and every key lands in one list', () => {
    fc.assert(
      fc.property(groupLists, fc.integer({ min: 5, max: 15 }), fc.boolean(), (list, minGroup, overallShown) => {
        const result = foldSmallGroups(list, minGroup, { overallShown });
        const sizeOf = (key: string) => list.find((group) => group.key === key)?.n ?? NaN;
        const total = (keys: string[]) => keys.reduce((sum, key) => sum + sizeOf(key), 0);
        result.shown.forEach((key) => expect(sizeOf(key)).toBeGreaterThanOrEqual(minGroup));
        if (result.folded.length > 0) expect(total(result.folded)).toBeGreaterThanOrEqual(minGroup);
        expect(total(result.suppressed)).toBeLessThan(Math.max(minGroup, 1));
        const hidden = total([...result.suppressed, ...result.withheld]);
        if (overallShown && result.shown.length > 0) expect(hidden === 0 || hidden >= minGroup).toBe(true);
        const all = [...result.shown, ...result.folded, ...result.suppressed, ...result.withheld];
        expect([...all].sort()).toEqual(list.map((group) => group.key).sort());
      }),
    );
  });

  test('when the groups come in another order, then the same keys are shown, folded, suppressed and withheld', () => {
    const listAndShuffle = groupLists.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })));
    fc.assert(
      fc.property(listAndShuffle, fc.integer({ min: 5, max: 15 }), ([list, shuffled], minGroup) => {
        const sorted = (keys: string[]) => [...keys].sort();
        const a = foldSmallGroups(list, minGroup);
        const b = foldSmallGroups(shuffled, minGroup);
        expect([a.shown, a.folded, a.suppressed, a.withheld].map(sorted)).toEqual([b.shown, b.folded, b.suppressed, b.withheld].map(sorted));
      }),
    );
  });
});
