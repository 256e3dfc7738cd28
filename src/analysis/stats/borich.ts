/**
 * Borich needs assessment: the mean weighted discrepancy score (MWDS) and the Locus for Focus quadrants
 * (METHODOLOGY section 2).
 */

/**
 * MWDS = (sum of d_i * mean(I)) / n = mean(d) * mean(I): the mean gap (importance - proficiency) weighted by
 * how important the item is on average. Pass unrounded means; rounding the inputs first shifts the score
 * by a few hundredths (see the published-table check in the tests).
 */
export function mwds(meanGap: number, meanImportance: number): number {
  return meanGap * meanImportance;
}

/**
 * Locus for Focus quadrants, with the importance axis (x) and the discrepancy axis (y) each split at the
 * mean over all items. The literature numbers them I..IV; the ids say what they mean instead:
 * - 'first_priority'          I:  high importance, high discrepancy - train here first;
 * - 'high_gap_low_importance' II: high discrepancy, but on something rated less important;
 * - 'lowest_priority'         III: low importance, low discrepancy;
 * - 'high_importance_low_gap' IV: important, but people already feel proficient - maintain.
 */
export type LocusQuadrant = 'first_priority' | 'high_gap_low_importance' | 'lowest_priority' | 'high_importance_low_gap';

export const LOCUS_QUADRANT_NUMERAL: Readonly<Record<LocusQuadrant, 'I' | 'II' | 'III' | 'IV'>> = {
  first_priority: 'I',
  high_gap_low_importance: 'II',
  lowest_priority: 'III',
  high_importance_low_gap: 'IV',
};

export interface LocusPoint {
  meanImportance: number;
  meanGap: number;
}

/**
 * Where the axes of the Locus for Focus cross: the mean over items of their mean importance and mean gap
 * (each item counts once, whatever its n). Items with a NaN mean (nobody answered) are left out.
 */
export function locusCentre(items: readonly LocusPoint[]): { grandImportance: number; grandGap: number } {
  const usable = items.filter((item) => Number.isFinite(item.meanImportance) && Number.isFinite(item.meanGap));
  const average = (pick: (item: LocusPoint) => number) =>
    usable.length === 0 ? Number.NaN : usable.reduce((total, item) => total + pick(item), 0) / usable.length;
  return { grandImportance: average((item) => item.meanImportance), grandGap: average((item) => item.meanGap) };
}

/**
 * The quadrant of one item. A value exactly on the split counts as high. Returns null when any input is not
 * a finite number, because silently calling an unanswered item "lowest priority" would mislead.
 */
export function locusQuadrant(
  meanImportance: number,
  meanGap: number,
  grandImportance: number,
  grandGap: number,
): LocusQuadrant | null {
  if (![meanImportance, meanGap, grandImportance, grandGap].every(Number.isFinite)) return null;
  const highImportance = atOrAbove(meanImportance, grandImportance);
  const highGap = atOrAbove(meanGap, grandGap);
  if (highImportance) return highGap ? 'first_priority' : 'high_importance_low_gap';
  return highGap ? 'high_gap_low_importance' : 'lowest_priority';
}

/**
 * ">=" with a relative tolerance of 1e-12: the grand mean is itself a floating-point average, so an item
 * mathematically on the split (e.g. all items equal) can land a few ulps below it and flip to "low".
 */
function atOrAbove(value: number, split: number): boolean {
  return value >= split - 1e-12 * Math.max(1, Math.abs(split));
}
