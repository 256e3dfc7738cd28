import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { compileRow } from './cells';
import type { Cell, ExportSet } from './schema';
import { ExportAborted, until } from './stream';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1-2", "@SUM") by prefixing a
 * single quote, as OWASP recommends for CSV injection. Numbers are written by us, never by a respondent, and stay
 * numbers (a negative number is not a formula).
 */
export function neutralise(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const LINE_BREAKS = /\s*(?:\r\n|\r|\n)\s*/g;

/**
 * One physical line per response: SPSS's GET DATA cannot read a value split across lines, so line breaks inside a
 * free-text answer become " / " (the XLSX keeps them).
 */
export function flattenLines(cell: Cell): Cell {
  return typeof cell === 'string' && (cell.includes('\n') || cell.includes('\r')) ? cell.trim().replace(LINE_BREAKS, ' / ') : cell;
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** One field as RFC 4180 has it: quoted (inner quotes doubled) only when it holds a comma, a quote or a line break. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutralise(flattenLines(cell)) as string;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** Characters gathered before one write: few, large writes; memory bounded whatever the number of rows. */
const BATCH = 64 * 1024;

/**
 * Streams the responses as CSV (UTF-8 with BOM so Excel detects the encoding, CRLF records as RFC 4180 has them):
 * a header of variable names, then one row per response with codes, or value labels when `labels` is set. Records
 * are serialised here, not by a CSV library, and written in batches that wait while `out` asks for it (a slow reader
 * slows the export down; nothing is buffered beyond one batch). Resolves with the number of responses written;
 * `out` is ended.
 */
export async function writeCsv(set: ExportSet, out: Writable, options: { labels: boolean }): Promise<number> {
  const done = finished(out);
  done.catch(() => undefined);
  const toCells = compileRow(set.variables, options);
  let batch = '\uFEFF' + set.variables.map((v) => csvField(v.name)).join(',') + '\r\n';
  let count = 0;
  for (const record of set.rows()) {
    const cells = toCells(record);
    let line = csvField(cells[0] ?? null);
    for (let i = 1; i < cells.length; i++) line += ',' + csvField(cells[i]!);
    batch += line + '\r\n';
    count++;
    if (batch.length < BATCH) continue;
    if (out.destroyed) throw new ExportAborted();
    const ok = out.write(batch);
    batch = '';
    if (!ok) await until(out, 'drain', out);
  }
  if (out.destroyed) throw new ExportAborted();
  out.end(batch);
  await done;
  return count;
}
