import type { PairwiseTest } from '../analysis/schema';

/** The level below which a Holm-adjusted pair is reported as a difference. */
export const PAIR_ALPHA = 0.05;

/** One post-hoc pair as a reader needs it: which group tends higher, by how much (|r|) and how surely. */
export interface PairInWords {
  higher: string;
  lower: string;
  pAdjusted: number;
  /** |r| = |z| / √n: the direction is in `higher` and `lower`. */
  r: number;
  /** r = 0: neither group tends higher (named in the pair's order). */
  same: boolean;
  significant: boolean;
}

/**
 * Holm-adjusted Mann-Whitney pairs (src/analysis/group-tests.ts) in words: r keeps the sign of z, positive when the
 * pair's first group tends higher, so the higher group is named first. Smallest adjusted p first.
 */
export function pairsInWords(pairs: readonly PairwiseTest[], label: (columnKey: string) => string): PairInWords[] {
  return pairs
    .map((p) => {
      const firstHigher = p.r >= 0;
      return {
        higher: label(firstHigher ? p.a : p.b),
        lower: label(firstHigher ? p.b : p.a),
        pAdjusted: p.pAdjusted,
        r: Math.abs(p.r),
        same: p.r === 0,
        significant: p.pAdjusted < PAIR_ALPHA,
      };
    })
    .sort((x, y) => x.pAdjusted - y.pAdjusted || y.r - x.r);
}
