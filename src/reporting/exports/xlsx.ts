import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { compileRow } from './cells';
import type { ExportSet, Variable } from './schema';
import { drained, until } from './stream';

/** Rows between two checks of the backlog, and the uncompressed XML (bytes) allowed to wait for the zip. */
const CHECK_EVERY = 100;
const MAX_BACKLOG = 4 * 1024 * 1024;

interface Backlogged extends EventEmitter {
  _writableState?: { length?: number };
}

/**
 * exceljs has no backpressure: a worksheet writes its XML into the zip's input stream whatever that holds, and the
 * zip deflates it one chunk per event-loop turn, so without waiting the whole sheet (about 3 KB per response) ends
 * up buffered. These are those input streams, reached through exceljs internals (`stream.pipes`); should they
 * change, this finds none and bench/export.ts shows memory growing with the number of responses again.
 */
function sheetInputs(sheet: ExcelJS.Worksheet): Backlogged[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  return Array.isArray(pipes) ? pipes.filter((p): p is Backlogged => p instanceof EventEmitter) : [];
}

/** Waits until the zip has taken in what the sheet wrote and `out` has taken what the zip made. */
async function keepUp(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  for (const input of sheetInputs(sheet)) {
    while ((input._writableState?.length ?? 0) > MAX_BACKLOG && !out.destroyed) await until(input, 'drain', out);
  }
  await drained(out);
}

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
    if (++count % CHECK_EVERY === 0) await keepUp(responses, out);
  }
  responses.commit();

  codebook.addRow(CODEBOOK_HEADER).commit();
  for (const row of codebookRows(set.variables)) codebook.addRow(row).commit();
  codebook.commit();
  // `finished` also rejects when the reader goes away, where the workbook's own promise would wait forever.
  await Promise.race([workbook.commit().then(() => done), done]);
  return count;
}
