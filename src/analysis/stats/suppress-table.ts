/**
 * Primary and secondary cell suppression of a cross-tabulation (METHODOLOGY section 4).
 *
 * Decisions, so the report can state them:
 * - True zeros are shown as 0. A zero identifies nobody, and masking zeros would turn most Likert-by-group
 *   tables into walls of "<5". The consequence is that "<5" means 1..minCell-1.
 * - Secondary suppression leaves no row or column with exactly one suppressed cell, so no suppressed cell
 *   equals "shown total minus shown cells". It is the classic line rule, not a full audit: a reader can
 *   still bound suppressed cells (two "<5" cells in a row that sum to 2 must both be 1). Secondary cells
 *   should be displayed with a neutral mark, not "<5", since they can be any size.
 */
import { assertTable, CountTable } from './counts';

export type SuppressionReason = 'small' | 'secondary';

export type DisclosedCell =
  | { readonly suppressed: false; readonly value: number }
  | { readonly suppressed: true; readonly reason: SuppressionReason };

interface Position {
  row: number;
  column: number;
}

interface Line {
  kind: 'row' | 'column';
  cells: Position[];
}

/**
 * Suppress every nonzero count below minCell ('small'); then, while some row or column holds exactly one
 * suppressed cell, suppress one more cell of it ('secondary'), chosen by `pickComplement`. A line of a
 * single cell (the rows of a one-column table) is skipped: its "total" is the cell itself, which the
 * caller must not show either.
 */
export function suppressTable(table: CountTable, minCell: number): DisclosedCell[][] {
  assertTable(table, 'suppressTable');
  const reasons: (SuppressionReason | null)[][] = table.map((row) =>
    row.map((count) => (count > 0 && count < minCell ? 'small' : null)),
  );
  const state: TableState = {
    countOf: ({ row, column }) => table[row]?.[column] ?? 0,
    isSuppressed: ({ row, column }) => reasons[row]?.[column] != null,
    suppressedInRow: (row) => reasons[row]?.filter((reason) => reason !== null).length ?? 0,
    suppressedInColumn: (column) => reasons.filter((row) => row[column] != null).length,
  };

  const lines = linesOf(table.length, table[0]?.length ?? 0);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.cells.filter(state.isSuppressed).length !== 1) continue;
      const complement = pickComplement(line, state);
      const complementRow = complement && reasons[complement.row];
      if (!complement || !complementRow) continue;
      complementRow[complement.column] = 'secondary';
      changed = true;
    }
  }

  return table.map((row, r) =>
    row.map((value, c) => {
      const reason = reasons[r]?.[c];
      return reason ? { suppressed: true, reason } : { suppressed: false, value };
    }),
  );
}

interface TableState {
  countOf(position: Position): number;
  isSuppressed(position: Position): boolean;
  suppressedInRow(row: number): number;
  suppressedInColumn(column: number): number;
}

/**
 * The smallest shown nonzero cell, since it costs readers the least information; a zero only as a last
 * resort (a row like [3, 0, 0] has nothing else). Equal counts prefer a cell whose crossing line also
 * lacks its second suppression, so one cell fixes two lines; then the earliest cell, for determinism.
 */
function pickComplement(line: Line, state: TableState): Position | undefined {
  const cost = (cell: Position) => {
    const count = state.countOf(cell);
    return count === 0 ? Number.MAX_SAFE_INTEGER : count;
  };
  const crossingNeedsOne = (cell: Position) =>
    (line.kind === 'row' ? state.suppressedInColumn(cell.column) : state.suppressedInRow(cell.row)) === 1;
  return line.cells
    .filter((cell) => !state.isSuppressed(cell))
    .sort((a, b) => cost(a) - cost(b) || Number(crossingNeedsOne(b)) - Number(crossingNeedsOne(a)))[0];
}

function linesOf(rowCount: number, columnCount: number): Line[] {
  const range = (length: number) => Array.from({ length }, (_, index) => index);
  const rows: Line[] =
    columnCount < 2 ? [] : range(rowCount).map((row) => ({ kind: 'row', cells: range(columnCount).map((column) => ({ row, column })) }));
  const columns: Line[] =
    rowCount < 2 ? [] : range(columnCount).map((column) => ({ kind: 'column', cells: range(rowCount).map((row) => ({ row, column })) }));
  return [...rows, ...columns];
}
