import { LOCUS_QUADRANT_NUMERAL, locusCentre, locusQuadrant, mwds } from '../../../src/analysis/stats';

describe('mwds', () => {
  // Published check (METHODOLOGY section 2; Int. J. Integrated Care, doi 10.5334/ijic.7674): the table shows
  // gap 0.41 x importance 4.22 as MWDS 1.71 and 0.63 x 4.25 as 2.70. The exact products of the *printed*
  // inputs are 1.7302 and 2.6775; the differences come from the authors multiplying unrounded means.
  test.each([
    [0.41, 4.22, 1.7302],
    [0.63, 4.25, 2.6775],
  ])('when the mean gap is %p and mean importance %p, then MWDS is their exact product %p', (gap, importance, product) => {
    expect(mwds(gap, importance)).toBeCloseTo(product, 12);
  });

  // Any gap in [0.405, 0.415) and importance in [4.215, 4.225) prints as 0.41 and 4.22; the published
  // scores must be reachable from such unrounded inputs, otherwise the paper would use another formula.
  test.each([
    ['1.71', 0.41, 4.22, 1.71],
    ['2.70', 0.63, 4.25, 2.7],
  ])('when inputs are only known to 2 decimals, then the published %s lies within what the formula allows', (_label, gap, importance, published) => {
    const lowest = mwds(gap - 0.005, importance - 0.005);
    const highest = mwds(gap + 0.005, importance + 0.005);
    expect(published + 0.005).toBeGreaterThan(lowest);
    expect(published - 0.005).toBeLessThan(highest);
  });

  test('when computed per respondent as d_i * mean(I) averaged over n, then it equals mean(d) * mean(I)', () => {
    const importance = [5, 4, 4, 3, 5];
    const proficiency = [3, 4, 2, 3, 4];
    const meanImportance = importance.reduce((sum, value) => sum + value, 0) / importance.length; // 4.2
    const weighted = importance.map((value, i) => (value - (proficiency[i] ?? 0)) * meanImportance);
    const meanGap = (2 + 0 + 2 + 0 + 1) / 5; // 1.0
    expect(mwds(meanGap, meanImportance)).toBeCloseTo(weighted.reduce((sum, value) => sum + value, 0) / 5, 12);
    expect(mwds(meanGap, meanImportance)).toBeCloseTo(4.2, 12);
  });
});

describe('locusQuadrant', () => {
  // Split at grand importance 4.0 and grand gap 0.5.
  test.each([
    ['high importance, high gap', 4.5, 0.8, 'first_priority', 'I'],
    ['low importance, high gap', 3.5, 0.8, 'high_gap_low_importance', 'II'],
    ['low importance, low gap', 3.5, 0.2, 'lowest_priority', 'III'],
    ['high importance, low gap', 4.5, 0.2, 'high_importance_low_gap', 'IV'],
    ['both exactly on the split', 4.0, 0.5, 'first_priority', 'I'],
    ['importance on the split, low gap', 4.0, 0.49, 'high_importance_low_gap', 'IV'],
  ] as const)('when an item has %s, then it is quadrant %s', (_label, importance, gap, quadrant, numeral) => {
    expect(locusQuadrant(importance, gap, 4.0, 0.5)).toBe(quadrant);
    expect(LOCUS_QUADRANT_NUMERAL[quadrant]).toBe(numeral);
  });

  test('when an item has no answers (NaN means), then it has no quadrant', () => {
    expect(locusQuadrant(NaN, NaN, 4, 0.5)).toBeNull();
  });

  test('when all items are equal, then rounding in the grand mean does not push them into a low quadrant', () => {
    const items = [0.1, 0.1, 0.1].map((meanGap) => ({ meanImportance: 0.1, meanGap }));
    const { grandImportance, grandGap } = locusCentre(items);
    expect(grandGap).toBeGreaterThan(0.1); // 0.30000000000000004 / 3: the trap this guards against
    expect(locusQuadrant(0.1, 0.1, grandImportance, grandGap)).toBe('first_priority');
  });
});

describe('locusCentre', () => {
  test('when some items have NaN means, then the centre is the mean of the other items, each counted once', () => {
    const centre = locusCentre([
      { meanImportance: 4, meanGap: 1 },
      { meanImportance: 3, meanGap: 0 },
      { meanImportance: NaN, meanGap: NaN },
    ]);
    expect(centre).toEqual({ grandImportance: 3.5, grandGap: 0.5 });
  });
});
