import { fixedT } from '../i18n';
import { LANGUAGES, type TextLanguage } from '../i18n/languages';
import type { Area, LocalizedText, Questionnaire } from '../questionnaires/schema';
import { checkChoices, findList, type ChoiceList } from './choices';
import { toId, toSurveyId } from './ids';
import { lookupLanguage } from './languages';
import type { CellRef, FormController } from './schema';
import { cell, localized, tableLanguages, type Report, type Table } from './table';

/** The settings sheet has one row of values under its header. */
const valuesRow = (table: Table | undefined) => table?.rows[0];

/**
 * The form's languages: `default_language` ("English (en)") and the Needsmap `languages` setting ("en bg es"),
 * else every language that has a column, in column order, the default first. A form with no language at all is
 * taken as English, with a notice.
 */
export function readLanguages(settings: Table | undefined, tables: Table[], report: Report): { defaultLang: TextLanguage; languages: TextLanguage[] } {
  const row = valuesRow(settings);
  const used = [...new Set(tables.flatMap(tableLanguages))];
  let defaultLang: TextLanguage | undefined;
  let declared: TextLanguage[] | undefined;
  if (settings && row) {
    const def = cell(settings, row, 'default_language');
    if (def.value) {
      const found = lookupLanguage(def.value);
      if (found.ok) defaultLang = found.code;
      else report.problem(found.reason === 'unclear' ? 'languageUnclear' : 'languageUnsupported', def.at, { language: def.value, code: found.code ?? '' });
    }
    const list = cell(settings, row, 'languages');
    if (list.value) {
      declared = [];
      for (const word of list.value.split(/[\s,;]+/).filter(Boolean)) {
        const found = lookupLanguage(word);
        if (found.ok) declared.push(found.code);
        else report.problem(found.reason === 'unclear' ? 'languageUnclear' : 'languageUnsupported', list.at, { language: word, code: found.code ?? '' });
      }
      declared = [...new Set(declared)];
      if (defaultLang && !declared.includes(defaultLang)) report.problem('languageNotDeclared', def.at, { language: defaultLang });
      for (const table of tables) {
        for (const column of table.columns.filter((c) => c.lang && !declared!.includes(c.lang))) {
          report.problem('languageNotDeclared', { sheet: table.sheet.name, row: table.sheet.rows.find((r) => r.cells.some(Boolean))?.number, column: column.letter, header: column.header, value: column.header }, { language: column.lang! });
        }
      }
    }
  }
  if (!defaultLang) defaultLang = declared?.[0] ?? used[0];
  if (!defaultLang) {
    defaultLang = 'en';
    report.notice('languageAssumed', { sheet: 'settings' }, { language: 'en' });
  }
  const languages = declared ?? [defaultLang, ...used.filter((l) => l !== defaultLang)];
  return { defaultLang, languages };
}

export interface FormTexts {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  purpose: LocalizedText;
  controller: FormController;
  at: { id: CellRef; title: CellRef; purpose: CellRef };
}

/** The purpose shown on the consent page when the form has none, in each language Needsmap has it in. */
function defaultPurpose(title: LocalizedText, languages: TextLanguage[]): LocalizedText {
  const texts = languages.filter((l) => (LANGUAGES as readonly string[]).includes(l));
  const langs = texts.length ? texts : (['en'] as TextLanguage[]);
  const titled = title as Partial<Record<TextLanguage, string>>;
  return Object.fromEntries(langs.map((l) => [l, fixedT(l, 'admin')('xlsform.defaultPurpose', { title: titled[l] ?? Object.values(titled)[0] ?? '' })])) as LocalizedText;
}

/** Form id, title, description and purpose, and the controller for the consent page (settings sheet). */
export function readFormTexts(settings: Table | undefined, fileName: string, defaultLang: TextLanguage, languages: TextLanguage[], report: Report): FormTexts {
  const row = valuesRow(settings);
  const sheetAt: CellRef = { sheet: 'settings' };
  const get = (base: string) => (settings && row ? cell(settings, row, base) : { value: '', at: sheetAt });
  const text = (base: string) => (settings && row ? localized(settings, row, base, defaultLang) : { text: {} as LocalizedText, at: sheetAt, present: false });
  const formId = get('form_id').value ? get('form_id') : get('id_string');
  const rawId = formId.value || fileName.replace(/\.[^.]*$/, '');
  const id = toSurveyId(rawId);
  if (!id) report.problem('formIdInvalid', formId.value ? formId.at : sheetAt, { name: rawId });
  else if (formId.value && id !== formId.value) report.notice('renamed', formId.at, { from: formId.value, to: id });
  const titleCell = text('form_title');
  const title = titleCell.present ? titleCell.text : ({ [defaultLang]: formId.value || rawId } as LocalizedText);
  const description = text('description');
  const purposeCell = text('purpose');
  if (!purposeCell.present) report.notice('purposeMissing', purposeCell.at);
  const controller: FormController = {};
  if (get('controller_name').value) controller.controllerName = get('controller_name').value;
  if (get('controller_contact').value) controller.controllerContact = get('controller_contact').value;
  return {
    id: id ?? '',
    title,
    ...(description.present ? { description: description.text } : {}),
    purpose: purposeCell.present ? purposeCell.text : defaultPurpose(title, languages),
    controller,
    at: { id: formId.at, title: titleCell.at, purpose: purposeCell.at },
  };
}

/** Needsmap extension, the `areas` sheet: `name`, `label::…`, `description::…`, one row per competence area. */
export function readAreas(table: Table | undefined, defaultLang: TextLanguage, report: Report, locations: Map<string, CellRef>): { areas: Area[]; byName: Map<string, string> } {
  const areas: Area[] = [];
  const byName = new Map<string, string>();
  const rows = new Map<string, number>();
  for (const row of table?.rows ?? []) {
    const name = cell(table!, row, 'name');
    const id = name.value ? toId(name.value, 'a') : undefined;
    if (!name.value) report.problem('nameMissing', name.at);
    else if (!id) report.problem('nameInvalid', name.at, { name: name.value });
    else if (rows.has(id)) report.problem('nameDuplicate', name.at, { name: name.value, row: rows.get(id)! });
    const label = localized(table!, row, 'label', defaultLang);
    if (!label.present) report.problem('labelMissing', label.at);
    if (!id || rows.has(id)) continue;
    rows.set(id, row.number);
    if (id !== name.value) report.notice('renamed', name.at, { from: name.value, to: id });
    const description = localized(table!, row, 'description', defaultLang);
    locations.set(`areas[${areas.length}]`, name.at);
    areas.push({ id, label: label.text, ...(description.present ? { description: description.text } : {}) });
    byName.set(name.value, id).set(id, id);
  }
  return { areas, byName };
}

const SCALE_ROWS = ['importance', 'proficiency', 'not_applicable'] as const;

/**
 * Needsmap extension: the competence scales. The `scales` sheet holds the question of each scale (rows
 * `importance`, `proficiency`) and the "not applicable" text (row `not_applicable`); the points are the choices lists
 * `importance` and `proficiency`, lowest first. `needed`: where the first competence question is, if any.
 */
export function readScales(table: Table | undefined, lists: Map<string, ChoiceList>, defaultLang: TextLanguage, report: Report, needed: CellRef | undefined): Questionnaire['competenceScales'] {
  if (!table && !needed) return undefined;
  const texts = new Map<string, LocalizedText>();
  for (const row of table?.rows ?? []) {
    const name = cell(table!, row, 'name');
    const label = localized(table!, row, 'label', defaultLang);
    if (!(SCALE_ROWS as readonly string[]).includes(name.value.toLowerCase())) report.problem('scaleUnknown', name.at, { name: name.value });
    else if (!label.present) report.problem('labelMissing', label.at);
    else texts.set(name.value.toLowerCase(), label.text);
  }
  const missingAt = needed ?? { sheet: table!.sheet.name };
  for (const name of SCALE_ROWS) if (!texts.has(name)) report.problem('scaleMissing', missingAt, { name });
  const points = (name: 'importance' | 'proficiency') => {
    const list = findList(lists, name);
    if (!list) return void report.problem('scaleMissing', missingAt, { name });
    checkChoices(list, report, { labels: true });
    if (list.choices.length < 3 || list.choices.length > 11) return void report.problem('scalePoints', list.at, { list: list.name, count: list.choices.length, min: 3, max: 11 });
    return { list, labels: list.choices.map((c) => c.label) };
  };
  const importance = points('importance');
  const proficiency = points('proficiency');
  if (importance && proficiency && importance.labels.length !== proficiency.labels.length) {
    report.problem('scalesDiffer', proficiency.list.at, { importance: importance.labels.length, proficiency: proficiency.labels.length });
  }
  if (!importance || !proficiency || texts.size < 3) return undefined;
  return {
    importance: { label: texts.get('importance')!, points: importance.labels },
    proficiency: { label: texts.get('proficiency')!, points: proficiency.labels },
    notApplicable: texts.get('not_applicable')!,
  };
}
