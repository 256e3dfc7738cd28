import { parse } from 'csv-parse/sync';
import type { FormProblem, Sheet, Workbook } from './schema';

/** Sheet names XLSForm tools write; a CSV starting with anything else is not in the layout (e.g. a bare survey sheet). */
const KNOWN_SHEETS = new Set(['survey', 'choices', 'settings', 'areas', 'scales', 'external_choices', 'entities', 'osm']);

export type WorkbookRead = { ok: true; workbook: Workbook } | { ok: false; problems: FormProblem[] };

/**
 * The CSV layout pyxform reads: column A names the sheet on the row where it starts ("survey", "choices",
 * "settings", …), and the rows of that sheet follow with column A empty; the first of them is the header. A sheet's
 * name and its header may share a row. Row numbers are the CSV's records, as a spreadsheet program shows them.
 */
export function readCsvWorkbook(text: string): WorkbookRead {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (err) {
    const line = /line (\d+)/.exec((err as Error).message)?.[1];
    return { ok: false, problems: [{ key: 'fileUnreadable', ...(line ? { row: Number(line) } : {}) }] };
  }
  const sheets: Sheet[] = [];
  let current: Sheet | undefined;
  records.forEach((record, i) => {
    const [marker = '', ...rest] = record.map((c) => c.replace(/\r\n?/g, '\n').trim());
    if (marker) {
      current = sheets.find((s) => s.name.toLowerCase() === marker.toLowerCase());
      if (!current) sheets.push((current = { name: marker, rows: [], firstColumn: 2 }));
    }
    if (!rest.some(Boolean)) return;
    current?.rows.push({ number: i + 1, cells: rest });
  });
  const first = records.findIndex((r) => r.some((c) => c.trim()));
  const marker = records[first]?.[0]?.trim().toLowerCase() ?? '';
  if (first >= 0 && !KNOWN_SHEETS.has(marker)) return { ok: false, problems: [{ key: 'csvNoSheet', row: first + 1, column: 'A', ...(marker ? { value: records[first]![0]!.trim() } : {}) }] };
  return { ok: true, workbook: { format: 'csv', sheets } };
}
