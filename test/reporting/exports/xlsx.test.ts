import ExcelJS from 'exceljs';
import { writeXlsx } from '../../../src/reporting/exports/xlsx';
import { exportSet, FULL, seededDb, sink } from './helpers';

async function workbookOf(labels: boolean, ...args: Parameters<typeof exportSet>) {
  const out = sink();
  const rows = await writeXlsx(exportSet(...args), out.stream, { labels });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(out.buffer() as unknown as ArrayBuffer);
  return { rows, workbook };
}

const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1);

describe('writeXlsx', () => {
  test('when written, then the workbook reads back with a responses and a codebook sheet', async () => {
    const { rows, workbook } = await workbookOf(false, seededDb());
    expect(rows).toBe(3);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['responses', 'codebook']);
    const responses = workbook.getWorksheet('responses')!;
    expect(responses.rowCount).toBe(4);
    expect(values(responses, 1).slice(0, 8)).toEqual(['response_id', 'collector', 'language', 'submitted_on', 'questionnaire_version', 'is_demo', 'wave', 'country']);
  });

  test('when values are codes, then numbers are numeric cells and texts are strings', async () => {
    const { workbook } = await workbookOf(false, seededDb());
    const responses = workbook.getWorksheet('responses')!;
    const header = values(responses, 1) as string[];
    const first = Object.fromEntries(header.map((h, i) => [h, values(responses, 2)[i]]));
    expect(first).toMatchObject({ response_id: 1, collector: 'sofia', country: 'BG', role: 1, hours: 20, fac_1_imp: 5, fac_2_imp: 9 });
  });

  test('when a text starts like a formula, then it is kept as a plain string cell, never a formula', async () => {
    const { workbook } = await workbookOf(false, seededDb());
    const responses = workbook.getWorksheet('responses')!;
    const col = (values(responses, 1) as string[]).indexOf('v_comment') + 1;
    const cell = responses.getRow(3).getCell(col);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x")');
  });

  test('when labels are asked, then the responses sheet holds value labels', async () => {
    const { workbook } = await workbookOf(true, seededDb(), FULL, 'bg');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['отговори', 'кодова книга']);
    const responses = workbook.getWorksheet('отговори')!;
    expect(values(responses, 2)).toEqual(expect.arrayContaining(['България', 'Платен', 'Sofia youth centre']));
  });

  test('when written, then the codebook sheet describes every variable with labels, values and missing codes', async () => {
    const { workbook } = await workbookOf(false, seededDb(), FULL, 'bg');
    const codebook = workbook.getWorksheet('кодова книга')!;
    expect(values(codebook, 1)).toEqual(['променлива', 'етикет', 'тип', 'формат', 'скала на измерване', 'стойности', 'липсващи']);
    const rows = Array.from({ length: codebook.rowCount - 1 }, (_, i) => values(codebook, i + 2));
    expect(rows.map((r) => r[0])).toContain('fac_1_imp');
    expect(rows.find((r) => r[0] === 'role')).toEqual(['role', 'Роля', 'numeric', 'F1.0', 'nominal', '1 = Платен; 2 = Доброволец']);
    expect(rows.find((r) => r[0] === 'fac_1_imp')![6]).toBe('9 = Not applicable');
  });

  test('when the scope allows no rows and no free text, then only the header and the codebook are written', async () => {
    const { rows, workbook } = await workbookOf(false, seededDb(), { collectors: [], includeFreeText: false });
    expect(rows).toBe(0);
    expect(workbook.getWorksheet('responses')!.rowCount).toBe(1);
    expect(values(workbook.getWorksheet('responses')!, 1)).not.toContain('v_comment');
  });
});
