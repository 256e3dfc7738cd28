import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { compileRow } from './cells';
import { codedReader } from './coded';
import type { Cell, ExportRecord, ExportSet, Variable } from './schema';
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

/** A record's line from its parsed answers (cells.ts), for rows the codes cannot give (see `csvLine`). */
export function jsonLine(variables: readonly Variable[], options: { labels: boolean }): (record: ExportRecord) => string {
  const toCells = compileRow(variables, options);
  return (record) => {
    const cells = toCells(record);
    let line = csvField(cells[0] ?? null);
    for (let i = 1; i < cells.length; i++) line += ',' + csvField(cells[i]!);
    return line;
  };
}

/**
 * A record's line, read from its stored codes where they are exact (coded.ts): rows of the variables' version with
 * codes of its layout. Other rows, and records without their stored text, take `jsonLine`.
 */
export function csvLine(set: ExportSet, options: { labels: boolean }): (record: ExportRecord) => string {
  const slow = jsonLine(set.variables, options);
  const coded = codedReader(set, options, csvField);
  if (!coded || set.variables.length === 0) return slow;
  // Joined once into a flat string: cheaper than a rope of 100+ concatenations that writing flattens again.
  const parts: string[] = new Array<string>(set.variables.length).fill('');
  return (record) => (coded(record, parts) ? parts.join(',') : slow(record));
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
  const toLine = csvLine(set, options);
  // Lines of a batch, joined when it is written (one flat string to encode).
  let lines = ['\uFEFF' + set.variables.map((v) => csvField(v.name)).join(',')];
  let size = 0;
  let count = 0;
  for (const record of set.rows()) {
    const line = toLine(record);
    lines.push(line);
    size += line.length + 2;
    count++;
    if (size < BATCH) continue;
    if (out.destroyed) throw new ExportAborted();
    lines.push('');
    const ok = out.write(lines.join('\r\n'));
    lines = [];
    size = 0;
    if (!ok) await until(out, 'drain', out);
  }
  if (out.destroyed) throw new ExportAborted();
  lines.push('');
  out.end(lines.length > 1 ? lines.join('\r\n') : '');
  await done;
  return count;
}
