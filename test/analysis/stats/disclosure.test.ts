import { DEFAULT_DISCLOSURE_THRESHOLDS, validateDisclosureThresholds } from '../../../src/analysis/stats';

describe('validateDisclosureThresholds', () => {
  test('when nothing is set, then the defaults 5 and 10 apply', () => {
    expect(validateDisclosureThresholds()).toEqual({ ok: true, thresholds: { minCell: 5, minGroup: 10 } });
    expect(DEFAULT_DISCLOSURE_THRESHOLDS).toEqual({ minCell: 5, minGroup: 10 });
  });

  test.each([
    [{ minCell: 3, minGroup: 5 }, { minCell: 3, minGroup: 5 }],
    [{ minCell: 8 }, { minCell: 8, minGroup: 10 }],
    [{ minCell: undefined, minGroup: 20 }, { minCell: 5, minGroup: 20 }],
  ])('when given %p, then the thresholds are %p', (input, thresholds) => {
    expect(validateDisclosureThresholds(input)).toEqual({ ok: true, thresholds });
  });

  test.each([
    [{ minCell: 2 }, [{ field: 'minCell', problem: 'below_lowest_allowed', lowest: 3 }]],
    [{ minGroup: 4 }, [{ field: 'minGroup', problem: 'below_lowest_allowed', lowest: 5 }]],
    [{ minCell: 4.5, minGroup: 0 }, [
      { field: 'minCell', problem: 'not_an_integer', lowest: 3 },
      { field: 'minGroup', problem: 'below_lowest_allowed', lowest: 5 },
    ]],
    [{ minCell: NaN }, [{ field: 'minCell', problem: 'not_an_integer', lowest: 3 }]],
  ])('when given %p, then it is refused with the problems listed', (input, problems) => {
    expect(validateDisclosureThresholds(input)).toEqual({ ok: false, problems });
  });
});
