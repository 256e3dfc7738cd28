import type { TextLanguage } from '../i18n/languages';
import type { LocalizedText } from '../questionnaires/schema';
import { lookupLanguage } from './languages';
import type { CellRef, FormNotice, FormProblem, MessageParams, NoticeKey, ProblemKey, Sheet, SheetRow } from './schema';

/** Problems and notices of one import, collected as the sheets are read. */
export interface Report {
  problems: FormProblem[];
  notices: FormNotice[];
  problem(key: ProblemKey, at: CellRef, params?: MessageParams): void;
  notice(key: NoticeKey, at: CellRef, params?: MessageParams): void;
}

export function createReport(): Report {
  const problems: FormProblem[] = [];
  const notices: FormNotice[] = [];
  return {
    problems,
    notices,
    problem: (key, at, params) => void problems.push({ ...at, key, ...(params ? { params } : {}) }),
    notice: (key, at, params) => void notices.push({ ...at, key, ...(params ? { params } : {}) }),
  };
}

export interface Column {
  /** Index into a row's cells. */
  index: number;
  letter: string;
  header: string;
  /** The header without its language, lower case, spaces as "_": "label", "list_name". */
  base: string;
  /** The language of a `label::English (en)` column; absent for plain columns. */
  lang?: TextLanguage;
}

export interface Table {
  sheet: Sheet;
  columns: Column[];
  /** The rows under the header row. */
  rows: SheetRow[];
}

/** Column letters as a spreadsheet shows them: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Headers whose columns may carry a language: `label::Español (es)`, also with one colon as pyxform accepts. */
export const LOCALIZABLE = new Set(['label', 'hint', 'form_title', 'description', 'purpose', 'constraint_message', 'required_message', 'guidance_hint']);

function splitHeader(header: string): { base: string; lang?: string } {
  const at = header.indexOf('::') >= 0 ? header.indexOf('::') : header.indexOf(':');
  const base = (at >= 0 ? header.slice(0, at) : header).trim().toLowerCase().replace(/\s+/g, '_');
  if (at < 0 || !LOCALIZABLE.has(base)) return { base: header.trim().toLowerCase().replace(/\s+/g, '_') };
  return { base, lang: header.slice(at + (header.startsWith('::', at) ? 2 : 1)) };
}

/**
 * Reads a sheet's header row (its first row with any value) and its columns. Unknown languages and repeated
 * columns are problems at their header cell.
 */
export function readTable(sheet: Sheet, report: Report): Table {
  const headerAt = sheet.rows.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerAt < 0) return { sheet, columns: [], rows: [] };
  const header = sheet.rows[headerAt]!;
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  header.cells.forEach((text, index) => {
    if (!text) return;
    const letter = columnLetter(index + sheet.firstColumn);
    const at: CellRef = { sheet: sheet.name, row: header.number, column: letter, header: text, value: text };
    const { base, lang } = splitHeader(text);
    let code: TextLanguage | undefined;
    if (lang !== undefined) {
      const found = lookupLanguage(lang);
      if (!found.ok) {
        if (found.reason === 'unclear') report.problem('languageUnclear', at, { language: lang.trim() });
        else report.problem('languageUnsupported', at, { language: lang.trim(), code: found.code ?? '' });
        return;
      }
      code = found.code;
    }
    const key = `${base}::${code ?? ''}`;
    const earlier = seen.get(key);
    if (earlier) report.problem('columnDuplicate', at, { other: earlier });
    else seen.set(key, letter);
    columns.push({ index, letter, header: text, base, ...(code ? { lang: code } : {}) });
  });
  return { sheet, columns, rows: sheet.rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c !== '')) };
}

export const plainColumn = (table: Table, base: string) => table.columns.find((c) => c.base === base && !c.lang);
export const hasColumn = (table: Table, base: string) => table.columns.some((c) => c.base === base);

/** A cell's text ('' when the column is absent or the cell empty). */
export const cellOf = (row: SheetRow, column: Column | undefined) => (column ? (row.cells[column.index] ?? '') : '');

export function refOf(table: Table, row: SheetRow, column?: Column): CellRef {
  if (!column) return { sheet: table.sheet.name, row: row.number };
  return { sheet: table.sheet.name, row: row.number, column: column.letter, header: column.header, value: cellOf(row, column) };
}

/** The plain (language-less) cell `base` of a row, with its location. */
export function cell(table: Table, row: SheetRow, base: string): { value: string; at: CellRef } {
  const column = plainColumn(table, base);
  return { value: cellOf(row, column), at: refOf(table, row, column) };
}

/**
 * A text in every language the row has it in: `label::Español (es)` columns, and a plain `label` column taken as
 * `defaultLang` (a language column of the same language wins). `at` is the first of the base's cells.
 */
export function localized(table: Table, row: SheetRow, base: string, defaultLang: TextLanguage): { text: LocalizedText; at: CellRef; present: boolean } {
  const columns = table.columns.filter((c) => c.base === base);
  const text: Partial<Record<TextLanguage, string>> = {};
  for (const column of [...columns.filter((c) => !c.lang), ...columns.filter((c) => c.lang)]) {
    const value = cellOf(row, column);
    if (value) text[column.lang ?? defaultLang] = value;
  }
  const first = columns.find((c) => c.lang === defaultLang) ?? columns[0];
  return { text: text as LocalizedText, at: refOf(table, row, first), present: Object.keys(text).length > 0 };
}

/** Languages of a table's columns, in column order. */
export const tableLanguages = (table: Table): TextLanguage[] => table.columns.flatMap((c) => (c.lang ? [c.lang] : []));
