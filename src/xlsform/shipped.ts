import { fixedT } from '../i18n';
import type { DefinitionProblem } from '../questionnaires/schema';
import { messageLine } from './errors';
import { readCsvWorkbook } from './read-csv';
import { toQuestionnaire } from './to-questionnaire';

/**
 * A shipped form (db/questionnaires/*.csv, read synchronously at start, without loading exceljs): its definition as
 * JSON text for the questionnaire import, or its problems in English, located like a JSON file's ("survey!C12").
 */
export function shippedFormJson(text: string, file: string): { ok: true; json: string } | { ok: false; problems: DefinitionProblem[] } {
  const read = readCsvWorkbook(text);
  const result = read.ok ? toQuestionnaire(read.workbook, file) : read;
  if (result.ok) return { ok: true, json: JSON.stringify(result.questionnaire) };
  const t = fixedT('en', 'admin');
  return {
    ok: false,
    problems: result.problems.map((p) => ({ file, path: `${p.sheet ?? '(file)'}${p.column ? `!${p.column}${p.row ?? ''}` : p.row ? ` row ${p.row}` : ''}`, message: messageLine(t, { key: p.key, ...(p.params ? { params: p.params } : {}), ...(p.value ? { value: p.value } : {}) }) })),
  };
}
