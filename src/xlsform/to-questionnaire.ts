import { formatPath, QuestionnaireSchema, type Questionnaire } from '../questionnaires/schema';
import { readChoiceLists } from './choices';
import type { QuestionContext } from './questions';
import type { CellRef, FormReadResult, Sheet, Workbook } from './schema';
import { readAreas, readFormTexts, readLanguages, readScales } from './settings';
import { readSurvey } from './survey';
import { createReport, plainColumn, readTable, type Table } from './table';

const sheetNamed = (workbook: Workbook, name: string): Sheet | undefined => workbook.sheets.find((s) => s.name.trim().toLowerCase() === name);

/** The cell a JSON path of the definition came from: the path itself, else its nearest recorded parent. */
function locate(locations: Map<string, CellRef>, path: PropertyKey[]): CellRef {
  for (let n = path.length; n >= 0; n--) {
    const found = locations.get(formatPath(path.slice(0, n)));
    if (found) return found;
  }
  return { sheet: 'survey' };
}

/**
 * Converts a read spreadsheet into a Needsmap questionnaire. Every problem found is returned, each with its sheet,
 * row and column; only a form without any problem yields a questionnaire, and that one has passed the
 * questionnaire schema (src/questionnaires/schema.ts), whose own findings are located the same way.
 */
export function toQuestionnaire(workbook: Workbook, fileName: string): FormReadResult {
  const report = createReport();
  const surveySheet = sheetNamed(workbook, 'survey');
  if (!surveySheet) {
    report.problem('sheetMissing', { sheet: 'survey' }, { name: 'survey' });
    return { ok: false, problems: report.problems };
  }
  const survey = readTable(surveySheet, report);
  for (const required of ['type', 'name']) {
    if (!plainColumn(survey, required) && !(required === 'name' && plainColumn(survey, '$autoname'))) {
      report.problem('columnMissing', { sheet: surveySheet.name, row: surveySheet.rows[0]?.number ?? 1 }, { column: required });
    }
  }
  if (report.problems.length) return { ok: false, problems: report.problems };
  const optional = (name: string): Table | undefined => {
    const sheet = sheetNamed(workbook, name);
    return sheet ? readTable(sheet, report) : undefined;
  };
  const [choices, settings, areasTable, scalesTable] = ['choices', 'settings', 'areas', 'scales'].map(optional);
  const tables = [survey, choices, settings, areasTable, scalesTable].filter((t): t is Table => Boolean(t));
  const { defaultLang, languages } = readLanguages(settings, tables, report);
  const locations = new Map<string, CellRef>();
  const form = readFormTexts(settings, fileName, defaultLang, languages, report);
  locations.set('id', form.at.id).set('title', form.at.title).set('purpose', form.at.purpose).set('competenceScales', { sheet: 'scales' });
  const { areas, byName } = readAreas(areasTable, defaultLang, report, locations);
  const lists = readChoiceLists(choices, defaultLang);
  const ctx: QuestionContext = { table: survey, lists, areas: byName, defaultLang, report, locations, converted: new Map() };
  const { pages, firstCompetence } = readSurvey(ctx, form.title);
  const competenceScales = readScales(scalesTable, lists, defaultLang, report, firstCompetence);
  if (!pages.some((p) => p.questions.length)) report.problem('noQuestions', { sheet: surveySheet.name });
  if (report.problems.length) return { ok: false, problems: report.problems };

  const definition: Questionnaire = {
    id: form.id,
    title: form.title,
    ...(form.description ? { description: form.description } : {}),
    purpose: form.purpose,
    defaultLanguage: defaultLang,
    languages,
    areas,
    ...(competenceScales ? { competenceScales } : {}),
    pages,
  };
  const checked = QuestionnaireSchema.safeParse(definition);
  if (!checked.success) {
    return { ok: false, problems: checked.error.issues.map((issue) => ({ ...locate(locations, issue.path), key: 'schema' as const, params: { path: formatPath(issue.path) || '-', message: issue.message } })) };
  }
  return { ok: true, questionnaire: checked.data, notices: report.notices, controller: form.controller };
}
