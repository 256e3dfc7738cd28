/**
 * A figure withheld by disclosure control. In a module of its own, without zod, so that what renders a report (PDF,
 * charts, plan) does not load the request schemas of schema.ts.
 */
export interface Suppressed {
  suppressed: true;
  /** `no_variation`: a test withheld because every answer is the same (not a disclosure rule). */
  reason: 'small_group' | 'small_cell' | 'secondary' | 'no_variation';
}
export const isSuppressed = (x: unknown): x is Suppressed => typeof x === 'object' && x !== null && (x as Suppressed).suppressed === true;
