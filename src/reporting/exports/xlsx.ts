import type { Writable } from 'node:stream';
import { compileRow } from './cells';
import { codedReader } from './coded';
import type { Cell, ExportSet, Variable } from './schema';
import { documentWords } from './words';
import { ZipStream } from './zip';

const valueList = (v: Variable) => v.values.map((x) => `${x.value} = ${x.label}`).join('; ');
const missingList = (v: Variable) =>
  v.missing.map((code) => `${code} = ${v.values.find((x) => x.value === code)?.label ?? ''}`).join('; ');

/** One row of the codebook sheet per variable: what a reader needs to use the responses sheet without the SPS file. */
export function codebookRows(variables: readonly Variable[]): string[][] {
  return variables.map((v) => [v.name, v.label, v.type, v.format, v.level, valueList(v), missingList(v)]);
}

/** Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks, lone surrogates). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPE = /[&<>"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Excel keeps at most this many characters in a cell. */
const MAX_CELL = 32767;

export function xmlText(text: string): string {
  const clean = text.replace(NOT_XML, '\uFFFD').slice(0, MAX_CELL);
  return clean.replace(ESCAPE, (c) => ENTITIES[c]!);
}

/** A1-style column names: A … Z, AA …, computed once per export. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const NEEDS_PRESERVE = /^\s|\s$|\n/;

/**
 * One row of a sheet. Numbers are numeric cells, texts inline strings (typed, never formulas, so a respondent's
 * "=HYPERLINK(...)" stays text and keeps its line breaks); empty cells are left out. Every cell names its place
 * (SpreadsheetML allows leaving it out, but some readers, ExcelJS among them, then misplace cells).
 */
function rowXml(cells: readonly Cell[], r: number, columns: readonly string[]): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell))) continue;
    const ref = ` r="${columns[i]}${r}"`;
    if (typeof cell === 'number') xml += `<c${ref}><v>${cell}</v></c>`;
    else {
      const text = xmlText(cell);
      xml += `<c${ref} t="inlineStr"><is><t${NEEDS_PRESERVE.test(text) ? ' xml:space="preserve"' : ''}>${text}</t></is></c>`;
    }
  }
  return xml + '</row>';
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const SHEETS = ['responses', 'codebook'];

/** Characters of sheet XML gathered before they go to the zip. */
const BATCH = 64 * 1024;

/** The sheet's XML in batches: header row frozen, then one row per item of `rows`. */
export async function* sheetXml(width: number, rows: Iterable<readonly Cell[]>): AsyncGenerator<string> {
  const columns = Array.from({ length: Math.max(width, 1) }, (_, i) => columnName(i));
  let xml =
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>';
  let r = 0;
  for (const cells of rows) {
    xml += rowXml(cells, ++r, columns);
    if (xml.length >= BATCH) {
      yield xml;
      xml = '';
    }
  }
  yield xml + '</sheetData></worksheet>';
}

/**
 * The small parts of a workbook: content types, relationships, the workbook with its sheets, document properties.
 * `names`: the sheets, written as xl/worksheets/sheet1.xml, sheet2.xml, ... (also used by the training plan, src/plan).
 */
export function workbookParts(title: string, names: readonly string[] = SHEETS): [string, string][] {
  const sheets = names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const sheetRels = names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${SHEET_TYPE}" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const sheetTypes = names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetTypes}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ],
    [
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xmlText(title)}</dc:title><dc:creator>Needsmap</dc:creator></cp:coreProperties>`,
    ],
    ['xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}</Relationships>`],
  ];
}

/**
 * Streams an XLSX workbook with a "responses" sheet (as the CSV: codes, or labels) and a "codebook" sheet. The
 * SpreadsheetML is written here and deflated into the ZIP container as it is produced (src/reporting/exports/zip.ts),
 * so memory stays the same whatever the number of responses and a slow reader slows the export down. Resolves with
 * the number of responses written; `out` is ended.
 */
export async function writeXlsx(set: ExportSet, out: Writable, options: { labels: boolean }): Promise<number> {
  const zip = new ZipStream(out);
  const toCells = compileRow(set.variables, options);
  // Cells read from the stored codes where they are exact (coded.ts), else from the parsed answers.
  const coded = codedReader<Cell>(set, options, (cell) => cell);
  let count = 0;
  function* responses(): Generator<readonly Cell[]> {
    yield set.variables.map((v) => v.name);
    for (const record of set.rows()) {
      count++;
      const cells: Cell[] = [];
      yield coded?.(record, cells) ? cells : toCells(record);
    }
  }
  // Sheet names and the codebook's column names in the language of the labels; variable names stay as they are.
  const words = documentWords(set.lang);
  for (const [name, xml] of workbookParts(set.title, words.sheets)) await zip.add(name, [xml]);
  await zip.add('xl/worksheets/sheet1.xml', sheetXml(set.variables.length, responses()));
  await zip.add('xl/worksheets/sheet2.xml', sheetXml(words.codebookHeader.length, [words.codebookHeader, ...codebookRows(set.variables)]));
  await zip.finish();
  return count;
}
