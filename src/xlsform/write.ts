import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Workbook } from './schema';

/**
 * An .xlsx file of the workbook: every cell a text cell (so "1" stays "1" and "=…" is never a formula), the
 * header row bold and frozen, columns wide enough to read.
 */
export async function writeXlsx(workbook: Workbook): Promise<Buffer> {
  // Loaded on first use: ExcelJS takes a fifth of a second to load, which every start of the server would pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const book = new (require('exceljs') as typeof ExcelJS).Workbook();
  book.creator = 'Needsmap';
  for (const sheet of workbook.sheets) {
    const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of sheet.rows) ws.addRow(row.cells.map((c) => c));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((column, i) => {
      const longest = Math.max(...sheet.rows.map((r) => Math.min(60, (r.cells[i] ?? '').length)));
      column.width = Math.max(10, longest + 2);
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The CSV layout `readCsvWorkbook` reads (pyxform's): each sheet's name in column A of its first row, its rows
 * below with column A empty. UTF-8 with a byte-order mark, which spreadsheet programs need to read UTF-8.
 */
export function writeCsv(workbook: Workbook): string {
  const records: string[][] = [];
  for (const sheet of workbook.sheets) {
    records.push([sheet.name]);
    for (const row of sheet.rows) records.push(['', ...row.cells]);
  }
  return '\uFEFF' + stringify(records, { record_delimiter: '\r\n' });
}
