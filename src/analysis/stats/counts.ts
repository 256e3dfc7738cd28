/**
 * Checks and sums shared by every test that works on counts. Counts are respondents, so anything other
 * than a non-negative integer is a caller bug and fails loudly rather than producing a plausible p-value.
 */

export type CountTable = readonly (readonly number[])[];

export function assertCounts(counts: readonly number[], label: string): void {
  for (const count of counts) {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`${label}: counts must be non-negative integers, got ${count}`);
    }
  }
}

/** Every row must have the same columns, because the columns are the shared ordered answer values. */
export function assertTable(table: CountTable, label: string): void {
  const width = table[0]?.length ?? 0;
  table.forEach((row, index) => {
    if (row.length !== width) {
      throw new RangeError(`${label}: row ${index} has ${row.length} columns, expected ${width}`);
    }
    assertCounts(row, label);
  });
}

export function sumOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function rowTotals(table: CountTable): number[] {
  return table.map(sumOf);
}

export function columnTotals(table: CountTable): number[] {
  const width = table[0]?.length ?? 0;
  const totals = new Array<number>(width).fill(0);
  for (const row of table) row.forEach((count, column) => (totals[column] = (totals[column] ?? 0) + count));
  return totals;
}

/** Sum of t^3 - t over tie groups of size t: the quantity every rank test's tie correction is built from. */
export function tieSum(tieSizes: readonly number[]): number {
  let total = 0;
  for (const t of tieSizes) total += t * t * t - t;
  return total;
}
