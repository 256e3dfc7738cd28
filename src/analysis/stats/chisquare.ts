/**
 * Chi-square test of independence with Cramer's V for categorical answers by group (METHODOLOGY
 * section 3). No Yates correction, so chi2 and V are the textbook ones for every table size.
 */
import { assertTable, CountTable, columnTotals, rowTotals, sumOf } from './counts';
import { chiSquareUpperTail } from './distributions';

export interface ChiSquareResult {
  /** Pearson's chi-square; NaN when df = 0. */
  chi2: number;
  /** (rows - 1) * (columns - 1) over the non-empty rows and columns. */
  df: number;
  p: number;
  /** sqrt(chi2 / (n * (min(rows, columns) - 1))). */
  cramersV: number;
  /**
   * Share of cells (of the non-empty rows and columns) with an expected count below 5. Above 0.2 the
   * chi-square approximation is doubtful (Cochran's rule); the report should say so.
   */
  lowExpectedShare: number;
  n: number;
}

/**
 * Empty rows and columns are dropped first: an answer nobody chose, or a group nobody belongs to, has
 * expected counts of 0 and would otherwise add degrees of freedom without information.
 */
export function chiSquareIndependence(table: CountTable): ChiSquareResult {
  assertTable(table, 'chiSquareIndependence');
  const kept = dropEmptyRowsAndColumns(table);
  const rows = rowTotals(kept);
  const columns = columnTotals(kept);
  const n = sumOf(rows);
  const df = rows.length < 2 || columns.length < 2 ? 0 : (rows.length - 1) * (columns.length - 1);

  let chi2 = 0;
  let lowExpectedCells = 0;
  kept.forEach((row, r) =>
    row.forEach((observed, c) => {
      const expected = ((rows[r] ?? 0) * (columns[c] ?? 0)) / n;
      chi2 += (observed - expected) ** 2 / expected;
      if (expected < 5) lowExpectedCells += 1;
    }),
  );
  if (df === 0) chi2 = Number.NaN;
  const cellCount = rows.length * columns.length;
  return {
    chi2,
    df,
    p: chiSquareUpperTail(chi2, df),
    cramersV: Math.sqrt(chi2 / (n * (Math.min(rows.length, columns.length) - 1))),
    lowExpectedShare: cellCount === 0 ? Number.NaN : lowExpectedCells / cellCount,
    n,
  };
}

function dropEmptyRowsAndColumns(table: CountTable): number[][] {
  const nonEmptyColumns = columnTotals(table)
    .map((total, column) => ({ total, column }))
    .filter((entry) => entry.total > 0)
    .map((entry) => entry.column);
  return table
    .filter((row) => sumOf(row) > 0)
    .map((row) => nonEmptyColumns.map((column) => row[column] ?? 0));
}
