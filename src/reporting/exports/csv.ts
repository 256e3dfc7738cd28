import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { compileRow } from './cells';
import type { Cell, ExportSet } from './schema';

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

/**
 * Streams the responses as CSV (UTF-8 with BOM so Excel detects the encoding, CRLF records as RFC 4180 has them):
 * a header of variable names, then one row per response with codes, or value labels when `labels` is set.
 * Resolves with the number of responses written; `out` is ended.
 */
export async function writeCsv(set: ExportSet, out: Writable, options: { labels: boolean }): Promise<number> {
  const toCells = compileRow(set.variables, options);
  let count = 0;
  function* records(): Generator<Cell[]> {
    yield set.variables.map((v) => v.name);
    for (const record of set.rows()) {
      count++;
      yield toCells(record).map((cell) => neutralise(flattenLines(cell)));
    }
  }
  await pipeline(Readable.from(records()), stringify({ bom: true, record_delimiter: 'windows' }), out);
  return count;
}
