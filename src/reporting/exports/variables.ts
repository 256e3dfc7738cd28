import { localize } from '../../i18n';
import { allQuestions } from '../../questionnaires/model';
import type { LocalizedText, Question, Questionnaire } from '../../questionnaires/schema';
import type { MetaField, ValueLabel, Variable } from './schema';
import type { ExportWords } from './words';

/**
 * Missing values, as SPSS and R users expect them:
 * - A competence item answered "not applicable" is coded 9 (99 on scales of 9 points or more, where 9 is a rating) in
 *   both of its variables (`_imp`, `_prof`), labelled and
 *   declared user-missing (MISSING VALUES ... (9)). It is an answer, not a gap: keeping the code lets an analyst count
 *   it, while SPSS leaves it out of every statistic. R's read.csv does not read declarations: drop 9 before averaging
 *   (the codebook sheet says so next to each such variable).
 * - A question not answered, or not asked because a condition hid it, is an empty cell: system-missing in SPSS, NA in R.
 *   For multiple choice this keeps "not asked" (all empty) apart from "asked, option not chosen" (0).
 */
export const NOT_APPLICABLE = 9;

/** The not-applicable code of a K-point scale: 9, or 99 from 9 points on, where 9 is a rating. */
export const notApplicableCode = (points: number) => (points < 9 ? NOT_APPLICABLE : 99);

/**
 * Countries are exported as ISO 3166-1 alpha-2 strings ("BG"), not as numbers: the code is stable across questionnaire
 * versions whatever the order of the list, R and merges with other data (Eurostat, the ESS's `cntry`) use it as is,
 * and SPSS reads it as an A2 variable with value labels. "Another country" is "XX", a code ISO leaves to users.
 */
export const OTHER_COUNTRY = 'XX';

export interface VariableOptions {
  /** Language of the labels; missing texts fall back to the questionnaire's default language. */
  lang: string;
  words: ExportWords;
  includeFreeText: boolean;
  /** Collectors that may appear in the rows, for the value labels of `collector`. */
  collectors?: readonly { id: string; label: string }[];
  /** Waves (issue 14): the survey's named waves, for the value labels of `wave`. */
  waves?: readonly { id: string; label: string }[];
}

/**
 * Names a question id cannot keep (it gets a `v_` prefix): SPSS's reserved words, and COMMENT with its abbreviations,
 * which open a comment even inside a command when they start a line of syntax (PSPP drops the rest of GET DATA).
 */
const RESERVED = new Set(['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with', 'comm', 'comme', 'commen', 'comment']);
const MAX_NAME = 64;

function createNamer() {
  const used = new Set<string>();
  return (candidate: string): string => {
    let base = RESERVED.has(candidate) ? `v_${candidate}` : candidate;
    base = base.slice(0, MAX_NAME);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
    used.add(name);
    return name;
  };
}

const digits = (n: number) => String(n).length;

/** Every variable of an export of `definition`: the metadata columns, then one or more per question, in form order. */
export function buildVariables(definition: Questionnaire, options: VariableOptions): Variable[] {
  const { lang, words } = options;
  const text = (t: LocalizedText | undefined) => localize(t, lang, definition.defaultLanguage).text;
  const name = createNamer();
  const meta = META_NAMES.map((field) => metaVariable(field, name(field), definition, options));
  const questions = allQuestions(definition).flatMap((q): Variable[] => {
    const label = text(q.label);
    switch (q.type) {
      case 'single':
        return [coded(name(q.id), label, 'nominal', q.options.map((o) => o.id), q.options.map((o) => text(o.label)), q.id)];
      case 'likert':
        return [coded(name(q.id), label, 'ordinal', q.points.map((_, i) => i + 1), q.points.map((p) => text(p)), q.id)];
      case 'country':
        return [countryVariable(q, name(q.id), label, lang, words)];
      case 'multiple':
        return q.options.map((o) => ({
          name: name(`${q.id}_${o.id}`),
          label: `${label}: ${text(o.label)}`,
          type: 'numeric',
          format: 'F1.0',
          level: 'nominal',
          values: [{ value: 0, label: words.notChosen }, { value: 1, label: words.chosen }],
          missing: [],
          source: { kind: 'option', question: q.id, option: o.id },
        }));
      case 'competence': {
        const points = definition.competenceScales?.importance.points.length ?? 5;
        const notApplicable = notApplicableCode(points);
        return (['importance', 'proficiency'] as const).map((scale) => ({
          name: name(`${q.id}_${scale === 'importance' ? 'imp' : 'prof'}`),
          label: `${words[scale]}: ${label}`,
          type: 'numeric',
          format: notApplicable < 10 ? 'F1.0' : 'F2.0',
          level: 'ordinal',
          values: [
            ...(definition.competenceScales?.[scale].points ?? []).map((p, i) => ({ value: i + 1, label: text(p) })),
            { value: notApplicable, label: text(definition.competenceScales?.notApplicable) },
          ],
          missing: [notApplicable],
          source: { kind: 'rating', question: q.id, scale },
        }));
      }
      case 'number':
        return [plain(name(q.id), label, 'numeric', q.integer ? 'F8.0' : 'F12.2', 'scale', { kind: 'number', question: q.id })];
      case 'text':
        // SPSS string widths are in bytes: four per character covers any UTF-8 text.
        return options.includeFreeText ? [plain(name(q.id), label, 'string', `A${Math.min(32767, q.maxLength * 4)}`, 'nominal', { kind: 'text', question: q.id })] : [];
    }
  });
  return [...meta, ...questions];
}

const META_NAMES: readonly MetaField[] = ['response_id', 'collector', 'language', 'submitted_on', 'questionnaire_version', 'is_demo', 'wave'];

function metaVariable(field: MetaField, name: string, definition: Questionnaire, options: VariableOptions): Variable {
  const { lang, words } = options;
  const base = { name, label: words.meta[field], missing: [], source: { kind: 'meta', field } as const };
  switch (field) {
    case 'response_id':
      return { ...base, type: 'numeric', format: 'F10.0', level: 'nominal', values: [] };
    case 'collector':
      return { ...base, type: 'string', format: 'A40', level: 'nominal', values: (options.collectors ?? []).map((c) => ({ value: c.id, label: c.label })) };
    case 'language':
      return { ...base, type: 'string', format: 'A8', level: 'nominal', values: namedOnRead(definition.languages, displayNames(lang, 'language')) };
    case 'submitted_on':
      return { ...base, type: 'date', format: 'SDATE10', level: 'scale', values: [] };
    case 'questionnaire_version':
      return { ...base, type: 'numeric', format: 'F4.0', level: 'nominal', values: [] };
    case 'is_demo':
      return { ...base, type: 'numeric', format: 'F1.0', level: 'nominal', values: [{ value: 0, label: words.no }, { value: 1, label: words.yes }] };
    case 'wave':
      return { ...base, type: 'string', format: 'A40', level: 'nominal', values: [{ value: 'default', label: words.defaultWave }, ...(options.waves ?? []).map((w) => ({ value: w.id, label: w.label }))] };
  }
}

/** A closed question coded 1..n in definition order. */
function coded(name: string, label: string, level: 'nominal' | 'ordinal', answers: (string | number)[], labels: string[], question: string): Variable {
  const values: ValueLabel[] = labels.map((l, i) => ({ value: i + 1, label: l }));
  return { name, label, type: 'numeric', format: `F${digits(answers.length)}.0`, level, values, missing: [], source: { kind: 'choice', question, answers } };
}

function countryVariable(q: Extract<Question, { type: 'country' }>, name: string, label: string, lang: string, words: ExportWords): Variable {
  const values = namedOnRead(q.countries, displayNames(lang, 'region'));
  const answers: string[] = [...q.countries];
  if (q.allowOther) {
    values.push({ value: OTHER_COUNTRY, label: words.otherCountry });
    answers.push('other');
  }
  return { name, label, type: 'string', format: 'A2', level: 'nominal', values, missing: [], source: { kind: 'choice', question: q.id, answers } };
}

/** Names of languages or regions in `lang`, made on first use: a process's first Intl.DisplayNames costs 10-20 ms. */
function displayNames(lang: string, type: 'language' | 'region'): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  return (code) => (names ??= new Intl.DisplayNames([lang], { type, fallback: 'code' })).of(code) ?? code;
}

/** Value labels named when read: a CSV of codes reads the values, never their labels. */
function namedOnRead(codes: readonly string[], name: (code: string) => string): ValueLabel[] {
  return codes.map((value) => {
    let label: string | undefined;
    return { value, get label() { return (label ??= name(value)); } };
  });
}

function plain(name: string, label: string, type: Variable['type'], format: string, level: Variable['level'], source: Variable['source']): Variable {
  return { name, label, type, format, level, values: [], missing: [], source };
}
