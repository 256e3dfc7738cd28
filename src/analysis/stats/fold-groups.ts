/**
 * Which groups may carry statistics of their own (METHODOLOGY section 4): groups below minGroup are
 * folded into "other groups" when together they reach minGroup, else suppressed.
 */

export interface GroupSize {
  key: string;
  n: number;
}

export interface FoldedGroups {
  /** Groups with n >= minGroup, in input order. */
  shown: string[];
  /** Small groups merged into one "other groups" entry, whose combined n >= minGroup. */
  folded: string[];
  /** Small groups too small even together: no statistic, not even inside "other groups". */
  suppressed: string[];
  /**
   * Large enough, but hidden too (secondary suppression): with the overall figures on the page,
   * overall minus the shown groups would otherwise reveal the suppressed groups. At most one key.
   */
  withheld: string[];
}

export interface FoldOptions {
  /**
   * Whether overall figures (all respondents) appear next to the groups; default true, as in every
   * report view. Only when false may the suppressed groups' complement stay visible.
   */
  overallShown?: boolean;
}

/**
 * Decide shown / folded / suppressed / withheld keys. The withheld group is the smallest shown one (ties:
 * lowest key), so the decision depends on the groups, never on their order. The caller must still hide
 * the overall figures themselves when all respondents together are fewer than minGroup.
 */
export function foldSmallGroups(groups: readonly GroupSize[], minGroup: number, options: FoldOptions = {}): FoldedGroups {
  const large = groups.filter((group) => group.n >= minGroup);
  const small = groups.filter((group) => group.n < minGroup);
  const smallTotal = small.reduce((total, group) => total + group.n, 0);
  const keys = (list: readonly GroupSize[]) => list.map((group) => group.key);

  if (smallTotal >= minGroup) return { shown: keys(large), folded: keys(small), suppressed: [], withheld: [] };

  const needsComplement = (options.overallShown ?? true) && smallTotal > 0 && large.length > 0;
  const complement = needsComplement ? smallestGroup(large) : undefined;
  return {
    shown: keys(large.filter((group) => group !== complement)),
    folded: [],
    suppressed: keys(small),
    withheld: complement ? [complement.key] : [],
  };
}

function smallestGroup(groups: readonly GroupSize[]): GroupSize | undefined {
  return [...groups].sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
}
