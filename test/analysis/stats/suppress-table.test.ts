import fc from 'fast-check';
import { DisclosedCell, suppressTable } from '../../../src/analysis/stats';

/** Compact picture of a result: the number when shown, 'S' for small, 'X' for secondary. */
const picture = (cells: DisclosedCell[][]) =>
  cells.map((row) => row.map((cell) => (cell.suppressed ? (cell.reason === 'small' ? 'S' : 'X') : cell.value)));

const suppressedIn = (cells: DisclosedCell[]) => cells.filter((cell) => cell.suppressed).length;

describe('suppressTable', () => {
  test.each([
    // Nothing below 5: the table is shown as is, zeros included.
    ['no count is small', [[12, 0, 8], [7, 9, 15]], [[12, 0, 8], [7, 9, 15]]],
    // The 3 is alone in row 0 -> its smallest shown neighbour 8; column 1 then needs 9, column 2 needs 15.
    ['one small count', [[12, 3, 8], [7, 9, 15]], [[12, 'S', 'X'], [7, 'X', 'X']]],
    // Two small counts in one row already protect each other along the row; the columns need partners.
    ['two small counts in a row', [[2, 3, 8], [7, 9, 15]], [['S', 'S', 8], ['X', 'X', 15]]],
    // Row 0 has no nonzero partner for the 3, so a zero is used as a last resort.
    ['a small count whose row is otherwise zeros', [[3, 0, 0], [10, 6, 7]], [['S', 'X', 0], ['X', 'X', 7]]],
    // One column: row totals are the cells themselves, only the column needs a second suppression.
    ['a one-column table', [[3], [10], [12]], [['S'], ['X'], [12]]],
  ])('when the table has %s, then the suppression pattern is as worked out by hand', (_label, table, expected) => {
    expect(picture(suppressTable(table, 5))).toEqual(expected);
  });

  test('when minCell is 3, then 3 and 4 are shown and 1 and 2 are not', () => {
    expect(picture(suppressTable([[1, 3, 4, 2]], 3))).toEqual([['S', 3, 4, 'S']]);
  });

  const tables = fc
    .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
    .chain(({ rows, columns }) =>
      fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    );

  test('when any table is suppressed, then no shown nonzero count is below minCell and small cells are marked small', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 3, max: 10 }), (table, minCell) => {
        suppressTable(table, minCell).forEach((row, r) =>
          row.forEach((cell, c) => {
            const count = table[r]?.[c] ?? 0;
            if (!cell.suppressed) expect(count === 0 || count >= minCell).toBe(true);
            if (count > 0 && count < minCell) expect(cell).toEqual({ suppressed: true, reason: 'small' });
          }),
        );
      }),
    );
  });

  test('when any table is suppressed, then no row or column holds exactly one suppressed cell', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 3, max: 10 }), (table, minCell) => {
        const cells = suppressTable(table, minCell);
        const width = cells[0]?.length ?? 0;
        if (width >= 2) cells.forEach((row) => expect(suppressedIn(row)).not.toBe(1));
        if (cells.length >= 2) {
          for (let c = 0; c < width; c += 1) expect(suppressedIn(cells.map((row) => row[c] as DisclosedCell))).not.toBe(1);
        }
      }),
    );
  });
});
