import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ExportUnit, FileProblem, ParseResult } from './schema';
import { staleNote } from './xliff';

const BOM = '\uFEFF';
const SOURCE = /^source \(([a-z]{2,3})\)$/;
const TARGET = /^target \(([a-z]{2,3})\)$/;

/**
 * One row per text: survey, unit (the stable text id), status (translated / missing / stale), the source text, the
 * target text and a note. The language codes are in the header ("source (en)", "target (fi)"), so the file
 * explains itself in a spreadsheet. UTF-8 with a byte-order mark, which spreadsheet programs need to read UTF-8.
 */
export function writeCsv(surveyId: string, sourceLang: string, targetLang: string, units: readonly ExportUnit[]): string {
  const header = ['survey', 'unit', 'status', `source (${sourceLang})`, `target (${targetLang})`, 'note'];
  const rows = units.map((u) => [surveyId, u.id, u.status, u.source, u.target, u.status === 'stale' ? staleNote(u) : '']);
  return BOM + stringify([header, ...rows], { record_delimiter: '\r\n' });
}

const fail = (at: string, message: string): ParseResult => ({ ok: false, problems: [{ at, message }] });

/** Reads a translation CSV back (as written above, possibly re-saved by a spreadsheet); problems are located by row. */
export function readCsv(text: string): ParseResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    const line = /line (\d+)/.exec((err as Error).message)?.[1];
    return fail(line ? `row ${line}` : 'file', `is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) return fail('file', 'is empty');
  const col = (name: string | RegExp) => header.findIndex((h) => (typeof name === 'string' ? h.trim() === name : name.test(h.trim())));
  const at = { survey: col('survey'), unit: col('unit'), source: col(SOURCE), target: col(TARGET) };
  const absent = Object.entries(at).filter(([, i]) => i < 0).map(([name]) => (name === 'source' ? 'source (xx)' : name === 'target' ? 'target (xx)' : name));
  if (absent.length) return fail('row 1', `missing column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`);
  const sourceLang = SOURCE.exec(header[at.source]!.trim())![1]!;
  const targetLang = TARGET.exec(header[at.target]!.trim())![1]!;
  const surveys = new Set(rows.map((r) => r[at.survey]!.trim()));
  if (surveys.size !== 1) return fail('file', surveys.size ? `rows name ${surveys.size} surveys (${[...surveys].join(', ')}): one file per survey` : 'has no rows');
  const problems: FileProblem[] = [];
  const units = rows.map((r, i) => ({ id: r[at.unit]!.trim(), source: r[at.source]!, target: r[at.target]!.trim(), at: `row ${i + 2}` }));
  for (const u of units) if (!u.id) problems.push({ at: u.at, message: 'the unit column is empty' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, file: { surveyId: [...surveys][0]!, sourceLang, targetLang, units } };
}
