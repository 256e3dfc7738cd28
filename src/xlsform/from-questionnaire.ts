import type { TextLanguage } from '../i18n/languages';
import { allQuestions, type LocalizedText, type Question, type Questionnaire } from '../questionnaires/schema';
import { languageHeader } from './languages';
import { writeConstraint, writeRelevant } from './logic';
import type { FormController, Sheet, Workbook } from './schema';

type Row = string[];
const countryNames = new Map<string, Intl.DisplayNames>();

/** The columns of a text in every language: `label::English (en)`, `label::Bulgarian (bg)`, … */
const localizedHeaders = (base: string, languages: readonly string[]) => languages.map((l) => `${base}::${languageHeader(l)}`);
const texts = (text: LocalizedText | undefined, languages: readonly string[]): Row => languages.map((l) => (text as Partial<Record<string, string>> | undefined)?.[l] ?? '');

function countryName(code: string, lang: string): string {
  if (!countryNames.has(lang)) countryNames.set(lang, new Intl.DisplayNames([lang], { type: 'region' }));
  return countryNames.get(lang)!.of(code) ?? code;
}

/** List names: the question's id, a list shared by identical questions once, never a name the scales use. */
function listNamer(used: Set<string>) {
  const byContent = new Map<string, string>();
  return (question: Question, content: string): { name: string; isNew: boolean } => {
    const known = byContent.get(content);
    if (known) return { name: known, isNew: false };
    let name = question.id;
    for (let n = 2; used.has(name); n++) name = `${question.id}_${n}`;
    used.add(name);
    byContent.set(content, name);
    return { name, isNew: true };
  };
}

/**
 * Writes a questionnaire as an XLSForm workbook (sheets of text) that `toQuestionnaire` reads back into the same
 * definition: survey (groups as pages, notes as page intros), choices, settings, and the Needsmap sheets areas and
 * scales when the questionnaire has them.
 */
export function fromQuestionnaire(q: Questionnaire, controller: FormController = {}): Workbook {
  const langs = q.languages;
  const byId = new Map(allQuestions(q).map((question) => [question.id, question]));
  const usedNames = new Set(['importance', 'proficiency', ...q.pages.map((p) => p.id), ...byId.keys()]);
  const listName = listNamer(new Set(['importance', 'proficiency']));
  const hasHelp = allQuestions(q).some((question) => question.help);
  const survey: Row[] = [['type', 'name', ...localizedHeaders('label', langs), ...(hasHelp ? localizedHeaders('hint', langs) : []), 'required', 'relevant', 'constraint', 'appearance', 'area']];
  const choices: Row[] = [['list_name', 'name', ...localizedHeaders('label', langs)]];
  const row = (type: string, name: string, label: LocalizedText | undefined, rest: { help?: LocalizedText; required?: boolean; relevant?: string; constraint?: string; appearance?: string; area?: string } = {}) =>
    survey.push([type, name, ...texts(label, langs), ...(hasHelp ? texts(rest.help, langs) : []), rest.required ? 'true' : '', rest.relevant ?? '', rest.constraint ?? '', rest.appearance ?? '', rest.area ?? '']);
  const choiceRows = (name: string, items: { name: string; label: Row }[]) => items.forEach((item) => choices.push([name, item.name, ...item.label]));

  for (const page of q.pages) {
    row('begin_group', page.id, page.title);
    if (page.intro) {
      let note = `${page.id}_intro`;
      for (let n = 2; usedNames.has(note); n++) note = `${page.id}_intro_${n}`;
      usedNames.add(note);
      row('note', note, page.intro);
    }
    for (const question of page.questions) {
      const relevant = question.showIf ? writeRelevant(question.showIf, byId.get(question.showIf.question)) : '';
      const common = { help: question.help, required: question.required, relevant, constraint: writeConstraint(question) };
      switch (question.type) {
        case 'single':
        case 'multiple': {
          const items = question.options.map((o) => ({ name: o.id, label: texts(o.label, langs) }));
          const list = listName(question, JSON.stringify(items));
          if (list.isNew) choiceRows(list.name, items);
          row(`select_${question.type === 'single' ? 'one' : 'multiple'} ${list.name}`, question.id, question.label, common);
          break;
        }
        case 'likert': {
          const items = question.points.map((p, i) => ({ name: String(i + 1), label: texts(p, langs) }));
          const list = listName(question, JSON.stringify(items));
          if (list.isNew) choiceRows(list.name, items);
          row(`select_one ${list.name}`, question.id, question.label, { ...common, appearance: 'likert' });
          break;
        }
        case 'country': {
          const codes = [...question.countries, ...(question.allowOther ? ['other'] : [])];
          const items = codes.map((code) => ({ name: code, label: langs.map((l) => (code === 'other' ? '' : countryName(code, l))) }));
          const list = listName(question, JSON.stringify(codes));
          if (list.isNew) choiceRows(list.name, items);
          row(`country ${list.name}`, question.id, question.label, common);
          break;
        }
        case 'number':
          row(question.integer ? 'integer' : 'decimal', question.id, question.label, common);
          break;
        case 'text':
          row('text', question.id, question.label, { ...common, appearance: question.multiline ? 'multiline' : '' });
          break;
        case 'competence':
          row('competence', question.id, question.label, { ...common, area: question.area });
          break;
      }
    }
    row('end_group', '', undefined);
  }

  const scales = q.competenceScales;
  if (scales) for (const name of ['importance', 'proficiency'] as const) choiceRows(name, scales[name].points.map((p, i) => ({ name: String(i + 1), label: texts(p, langs) })));
  const sheets: Sheet[] = [toSheet('survey', survey), toSheet('choices', choices), toSheet('settings', settingsRows(q, controller))];
  if (q.areas.length) {
    const withDescription = q.areas.some((a) => a.description);
    const rows = [['name', ...localizedHeaders('label', langs), ...(withDescription ? localizedHeaders('description', langs) : [])]];
    for (const area of q.areas) rows.push([area.id, ...texts(area.label, langs), ...(withDescription ? texts(area.description, langs) : [])]);
    sheets.push(toSheet('areas', rows));
  }
  if (scales) {
    sheets.push(toSheet('scales', [['name', ...localizedHeaders('label', langs)], ['importance', ...texts(scales.importance.label, langs)], ['proficiency', ...texts(scales.proficiency.label, langs)], ['not_applicable', ...texts(scales.notApplicable, langs)]]));
  }
  return { format: 'xlsx', sheets };
}

/** One row of values: the form's id, title in every language, languages, purpose and the survey's consent settings. */
function settingsRows(q: Questionnaire, controller: FormController): Row[] {
  const langs = q.languages;
  const others = langs.filter((l) => l !== q.defaultLanguage);
  const title = q.title as Partial<Record<TextLanguage, string>>;
  const columns: [string, string][] = [['form_id', q.id], ['form_title', title[q.defaultLanguage] ?? '']];
  const localized = (base: string, text: LocalizedText | undefined, languages: readonly string[]) => localizedHeaders(base, languages).forEach((h, i) => columns.push([h, texts(text, languages)[i]!]));
  localized('form_title', q.title, others);
  columns.push(['default_language', languageHeader(q.defaultLanguage)], ['languages', langs.join(' ')]);
  if (q.description) localized('description', q.description, langs);
  localized('purpose', q.purpose, langs);
  if (controller.controllerName) columns.push(['controller_name', controller.controllerName]);
  if (controller.controllerContact) columns.push(['controller_contact', controller.controllerContact]);
  const [header, values] = [columns.map(([h]) => h), columns.map(([, v]) => v)];
  return [header, values];
}

const toSheet = (name: string, rows: Row[]): Sheet => ({ name, rows: rows.map((cells, i) => ({ number: i + 1, cells })), firstColumn: 1 });
