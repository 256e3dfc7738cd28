/**
 * Disclosure control thresholds (METHODOLOGY section 4): the smallest count a table cell may show and the
 * smallest group a statistic may describe. Survey settings, defaulting to 5 and 10; an admin may lower
 * them to 3 and 5, never further.
 */

export interface DisclosureThresholds {
  /** Nonzero counts below this are shown as "<minCell". */
  minCell: number;
  /** Groups with fewer respondents get no statistic of their own. */
  minGroup: number;
}

export const DEFAULT_DISCLOSURE_THRESHOLDS: Readonly<DisclosureThresholds> = { minCell: 5, minGroup: 10 };
export const LOWEST_DISCLOSURE_THRESHOLDS: Readonly<DisclosureThresholds> = { minCell: 3, minGroup: 5 };

export interface ThresholdProblem {
  field: keyof DisclosureThresholds;
  problem: 'not_an_integer' | 'below_lowest_allowed';
  /** The lowest value the field accepts, for the error message. */
  lowest: number;
}

export type ThresholdValidation =
  | { ok: true; thresholds: DisclosureThresholds }
  | { ok: false; problems: ThresholdProblem[] };

/**
 * Fill in defaults and refuse thresholds below the lowest allowed. An admin's bad input is an expected
 * outcome, so it comes back as a value, not an exception.
 */
export function validateDisclosureThresholds(input: Partial<DisclosureThresholds> = {}): ThresholdValidation {
  const thresholds: DisclosureThresholds = { ...DEFAULT_DISCLOSURE_THRESHOLDS, ...definedOnly(input) };
  const problems: ThresholdProblem[] = [];
  for (const field of ['minCell', 'minGroup'] as const) {
    const value = thresholds[field];
    const lowest = LOWEST_DISCLOSURE_THRESHOLDS[field];
    if (!Number.isInteger(value)) problems.push({ field, problem: 'not_an_integer', lowest });
    else if (value < lowest) problems.push({ field, problem: 'below_lowest_allowed', lowest });
  }
  return problems.length === 0 ? { ok: true, thresholds } : { ok: false, problems };
}

/** `{ minCell: undefined }` (an unset form field) must mean "use the default", not erase it. */
function definedOnly(input: Partial<DisclosureThresholds>): Partial<DisclosureThresholds> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}
