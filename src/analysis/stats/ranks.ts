/**
 * Ranks with ties sharing the average of the positions they occupy ("fractional" or mid-ranks), the
 * convention of both the Borich item ranking and the rank tests.
 */

export type RankDirection = 'asc' | 'desc';

/**
 * Rank `values` (1 = smallest for 'asc', 1 = largest for 'desc'); equal values share the mean of their
 * positions, so items tied for 2nd and 3rd both get 2.5. NaN (e.g. an item nobody answered) gets rank
 * NaN and takes no position, so it cannot push real items down. Ties are exact equality: round first if
 * ties should follow the displayed precision.
 */
export function averageRanks(values: readonly number[], direction: RankDirection): number[] {
  const ranks = values.map(() => Number.NaN);
  const sign = direction === 'asc' ? 1 : -1;
  const order = values
    .map((value, index) => ({ value, index }))
    .filter((entry) => !Number.isNaN(entry.value))
    .sort((a, b) => sign * (a.value - b.value) || a.index - b.index);

  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end += 1;
    const sharedRank = (start + 1 + end + 1) / 2;
    for (let position = start; position <= end; position += 1) {
      const entry = order[position];
      if (entry) ranks[entry.index] = sharedRank;
    }
    start = end + 1;
  }
  return ranks;
}

/**
 * The mid-rank of every column of pooled counts over ordered values: all t observations in a column are
 * tied, so they share the ranks before+1 .. before+t, whose mean is before + (t + 1) / 2. This is what
 * lets rank tests run on a histogram without expanding it into raw answers.
 */
export function midRanksOfCounts(pooledCounts: readonly number[]): number[] {
  let before = 0;
  return pooledCounts.map((count) => {
    const rank = before + (count + 1) / 2;
    before += count;
    return rank;
  });
}
