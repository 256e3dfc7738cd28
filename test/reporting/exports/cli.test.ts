import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runExport } from '../../../src/cli/commands/export';
import { csvRecords, seededDb } from './helpers';

describe('needsmap export', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-export-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('when exporting CSV, then the file is written in full and the row count returned', async () => {
    const out = path.join(dir, 'nested', 'responses.csv');
    const result = await runExport(seededDb(), { survey: 'test-survey', format: 'csv', out, labels: true, lang: 'bg' });
    expect(result).toEqual({ rows: 3, variables: 19, file: out }); // 18 before the wave column (issue 14)
    expect(csvRecords(fs.readFileSync(out, 'utf8'))[0]).toMatchObject({ role: 'Платен' });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['responses.csv']);
  });

  test('when exporting XLSX without free text, then the workbook has no text column', async () => {
    const out = path.join(dir, 'responses.xlsx');
    expect((await runExport(seededDb(), { survey: 'test-survey', format: 'xlsx', out, freeText: false })).rows).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('responses')!.getRow(1).values).not.toContain('v_comment');
  });

  test('when exporting SPS, then the syntax reads the CSV beside it unless told otherwise', async () => {
    const out = path.join(dir, 'codebook.sps');
    expect((await runExport(seededDb(), { survey: 'test-survey', format: 'sps', out })).rows).toBeNull();
    expect(fs.readFileSync(out, 'utf8')).toContain(`/FILE='${path.join(dir, 'codebook.csv')}'`);
    await runExport(seededDb(), { survey: 'test-survey', format: 'sps', out, csv: '/data/r.csv' });
    expect(fs.readFileSync(out, 'utf8')).toContain("/FILE='/data/r.csv'");
  });

  test.each([
    ['an unknown survey', { survey: 'nope' }, 'unknown survey "nope"'],
    ['an unknown language', { lang: 'xx' }, 'unknown language "xx"'],
  ])('when given %s, then it fails with a clear message and writes nothing', async (_what, override, message) => {
    const out = path.join(dir, 'r.csv');
    await expect(runExport(seededDb(), { survey: 'test-survey', format: 'csv', out, ...override })).rejects.toThrow(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
