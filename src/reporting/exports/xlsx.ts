import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { compileRow } from './cells';
import type { ExportSet, Variable } from './schema';
import { PAGE_SIZE } from './service';
import { drained } from './stream';

const CODEBOOK_HEADER = ['variable', 'label', 'type', 'format', 'level', 'values', 'missing'];

const valueList = (v: Variable) => v.values.map((x) => `${x.value} = ${x.label}`).join('; ');
const missingList = (v: Variable) =>
  v.missing.map((code) => `${code} = ${v.values.find((x) => x.value === code)?.label ?? ''}`).join('; ');

/** One row of the codebook sheet per variable: what a reader needs to use the responses sheet without the SPS file. */
export function codebookRows(variables: readonly Variable[]): string[][] {
  return variables.map((v) => [v.name, v.label, v.type, v.format, v.level, valueList(v), missingList(v)]);
}

/**
 * Streams an XLSX workbook with a "responses" sheet (as the CSV: codes, or labels) and a "codebook" sheet.
 * Cells are typed strings and numbers, never formulas, so text needs no neutralising here and keeps its line breaks.
 * Resolves with the number of responses written; `out` is ended.
 */
export async function writeXlsx(set: ExportSet, out: Writable, options: { labels: boolean }): Promise<number> {
  const done = finished(out);
  done.catch(() => undefined);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Needsmap';
  workbook.title = set.title;
  const responses = workbook.addWorksheet('responses', { views: [{ state: 'frozen', ySplit: 1 }] });
  const codebook = workbook.addWorksheet('codebook', { views: [{ state: 'frozen', ySplit: 1 }] });

  const toCells = compileRow(set.variables, options);
  responses.addRow(set.variables.map((v) => v.name)).commit();
  let count = 0;
  for (const record of set.rows()) {
    responses.addRow(toCells(record)).commit();
    if (++count % PAGE_SIZE === 0) await drained(out);
  }
  responses.commit();

  codebook.addRow(CODEBOOK_HEADER).commit();
  for (const row of codebookRows(set.variables)) codebook.addRow(row).commit();
  codebook.commit();
  // `finished` also rejects when the reader goes away, where the workbook's own promise would wait forever.
  await Promise.race([workbook.commit().then(() => done), done]);
  return count;
}
