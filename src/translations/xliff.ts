import js2xliff from 'xliff/js2xliff';
import xliff2js, { type ParsedXliff } from 'xliff/xliff2js';
import type { ExportUnit, FileProblem, ParseResult } from './schema';

/** A note for the translator on a unit whose translation was made from an older source text. */
export const staleNote = (u: ExportUnit) => `Needs review: the source text changed since this was translated. It was translated from: ${u.translatedFrom ?? ''}`;

/**
 * XLIFF 2.0 through the `xliff` package (locize), which escapes the XML. One <file> whose id is the survey id; one
 * <unit> per text, its id the stable text id. The package cannot set a segment's `state`, so a stale unit carries
 * a <note> saying so, with the source text it was translated from; an untranslated unit has no <target>.
 */
export async function writeXliff(surveyId: string, sourceLang: string, targetLang: string, units: readonly ExportUnit[]): Promise<string> {
  const entries = units.map((u) => [u.id, { source: u.source, ...(u.target ? { target: u.target } : {}), ...(u.status === 'stale' ? { note: staleNote(u) } : {}) }] as const);
  const xml = await js2xliff({ sourceLanguage: sourceLang, targetLanguage: targetLang, resources: { [surveyId]: Object.fromEntries(entries) } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
}

/**
 * The line each unit id appears on, for located errors (the XML parser does not report element positions), and
 * the problems the parser cannot see: it keeps only the last of two units with the same id.
 */
function unitLines(xml: string): { lines: Map<string, number>; problems: FileProblem[] } {
  const lines = new Map<string, number>();
  const problems: FileProblem[] = [];
  for (const m of xml.matchAll(/<unit\b[^>]*\bid="([^"]*)"/g)) {
    const line = xml.slice(0, m.index).split('\n').length;
    if (lines.has(m[1]!)) problems.push({ at: `line ${line}`, message: `unit "${m[1]}" appears twice (first on line ${lines.get(m[1]!)})` });
    else lines.set(m[1]!, line);
  }
  return { lines, problems };
}

const fail = (at: string, message: string): ParseResult => ({ ok: false, problems: [{ at, message }] });

/** Reads an XLIFF 2.x file back; every problem is located by line (or "file" for the whole document). */
export async function readXliff(xml: string): Promise<ParseResult> {
  let parsed: ParsedXliff;
  if (!/<xliff\b/.test(xml)) return fail('file', 'is not an XLIFF 2.0 document (no <xliff> element)');
  if (!/<\/xliff>\s*$/.test(xml)) return fail('file', 'is not well-formed XML: it ends before </xliff> (cut short?)');
  try {
    parsed = await xliff2js(xml.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const line = /Line:\s*(\d+)/.exec(message)?.[1];
    return fail(line ? `line ${Number(line) + 1}` : 'file', `is not well-formed XML: ${message.split('\n')[0]}`);
  }
  if (!parsed.resources) return fail('file', 'is not an XLIFF 2.0 document (expected <xliff version="2.0" srcLang=… trgLang=…>)');
  const files = Object.entries(parsed.resources);
  if (files.length !== 1) return fail('file', `must hold exactly one <file> (the survey), found ${files.length}`);
  const [surveyId, entries] = files[0]!;
  if (!parsed.sourceLanguage || !parsed.targetLanguage) return fail('line 1', '<xliff> needs both srcLang and trgLang');
  const { lines, problems } = unitLines(xml);
  const units = Object.entries(entries).flatMap(([id, u]) => {
    const at = `line ${lines.get(id) ?? '?'}`;
    if (u.groupUnits) return problems.push({ at, message: `<group id="${id}"> is not expected: units only` }), [];
    const source = u.source ?? '';
    const target = u.target ?? '';
    if (typeof source !== 'string' || typeof target !== 'string') return problems.push({ at, message: `unit "${id}": plain text expected, found inline markup` }), [];
    return [{ id, source, target, at }];
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, file: { surveyId, sourceLang: parsed.sourceLanguage, targetLang: parsed.targetLanguage, units } };
}
