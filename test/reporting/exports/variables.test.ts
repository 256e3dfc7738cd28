import { QuestionnaireSchema } from '../../../src/questionnaires/schema';
import { buildVariables, NOT_APPLICABLE, OTHER_COUNTRY } from '../../../src/reporting/exports/variables';
import { exportWords } from '../../../src/reporting/exports/words';
import { LANGUAGES } from '../../../src/i18n/languages';
import type { Variable } from '../../../src/reporting/exports/schema';
import { buildQuestionnaire, defaultQuestionnaireText } from '../../helpers/factories';

const options = (lang = 'en', includeFreeText = true) => ({ lang, words: exportWords(lang), includeFreeText });
const byName = (vars: Variable[]) => new Map(vars.map((v) => [v.name, v]));
const defaultQuestionnaire = () => QuestionnaireSchema.parse(JSON.parse(defaultQuestionnaireText()));

describe('buildVariables from the test questionnaire', () => {
  const vars = buildVariables(buildQuestionnaire(), options());
  const v = byName(vars);

  test('when derived, then the metadata columns come first and every answer field follows in form order', () => {
    expect(vars.map((x) => x.name)).toEqual([
      'response_id', 'collector', 'language', 'submitted_on', 'questionnaire_version', 'is_demo', 'wave',
      'country', 'role', 'hours', 'settings_centre', 'settings_street', 'settings_online',
      'fac_1_imp', 'fac_1_prof', 'fac_2_imp', 'fac_2_prof', 'interest', 'v_comment',
    ]);
  });

  test.each([
    ['role', 'numeric', 'F1.0', 'nominal', [{ value: 1, label: 'Paid' }, { value: 2, label: 'Volunteer' }], []],
    ['interest', 'numeric', 'F1.0', 'ordinal', [{ value: 1, label: 'Low' }, { value: 2, label: 'Mid' }, { value: 3, label: 'High' }], []],
    ['settings_street', 'numeric', 'F1.0', 'nominal', [{ value: 0, label: 'not chosen' }, { value: 1, label: 'chosen' }], []],
    ['hours', 'numeric', 'F8.0', 'scale', [], []],
    ['v_comment', 'string', 'A200', 'nominal', [], []],
    ['submitted_on', 'date', 'SDATE10', 'scale', [], []],
    ['is_demo', 'numeric', 'F1.0', 'nominal', [{ value: 0, label: 'no' }, { value: 1, label: 'yes' }], []],
    ['wave', 'string', 'A40', 'nominal', [{ value: 'default', label: 'Before waves' }], []],
  ])('when the variable is %s, then it is %s %s (%s) with its value labels', (name, type, format, level, values, missing) => {
    expect(v.get(name)).toMatchObject({ type, format, level, values, missing });
  });

  test('when a competence item is derived, then it has _imp and _prof coded 1..5 with 9 = not applicable declared missing', () => {
    const imp = v.get('fac_1_imp')!;
    expect(imp.label).toBe('Importance: Safe learning spaces');
    expect(v.get('fac_1_prof')!.label).toBe('My proficiency: Safe learning spaces');
    expect(imp.values).toEqual([1, 2, 3, 4, 5].map((n) => ({ value: n, label: `I${n}` })).concat({ value: NOT_APPLICABLE, label: 'Not applicable' }));
    expect(imp.missing).toEqual([9]);
    expect(imp.source).toEqual({ kind: 'rating', question: 'fac_1', scale: 'importance' });
  });

  test('when a country question is derived, then it is an A2 ISO code with country names and XX for another country', () => {
    const country = v.get('country')!;
    expect(country).toMatchObject({ type: 'string', format: 'A2' });
    expect(country.values).toEqual([
      { value: 'BG', label: 'Bulgaria' },
      { value: 'SI', label: 'Slovenia' },
      { value: 'IT', label: 'Italy' },
      { value: OTHER_COUNTRY, label: 'Another country' },
    ]);
  });

  test('when labels are asked in Bulgarian, then texts are Bulgarian and missing ones fall back to the default language', () => {
    const bg = byName(buildVariables(buildQuestionnaire(), options('bg')));
    expect(bg.get('role')!.label).toBe('Роля');
    expect(bg.get('role')!.values.map((x) => x.label)).toEqual(['Платен', 'Доброволец']);
    expect(bg.get('country')!.values[0]).toEqual({ value: 'BG', label: 'България' });
    expect(bg.get('fac_1_imp')!.label).toBe('Важност: Безопасна среда');
    expect(bg.get('hours')!.label).toBe('Hours a week');
  });

  test('when free text is not allowed, then text variables are left out and nothing else', () => {
    const without = buildVariables(buildQuestionnaire(), options('en', false)).map((x) => x.name);
    expect(without).toEqual(vars.map((x) => x.name).filter((n) => n !== 'v_comment'));
  });

  test('when collectors are given, then the collector variable labels their ids', () => {
    const withCollectors = buildVariables(buildQuestionnaire(), { ...options(), collectors: [{ id: 'sofia', label: 'Sofia' }] });
    expect(withCollectors[1]).toMatchObject({ name: 'collector', type: 'string', values: [{ value: 'sofia', label: 'Sofia' }] });
  });
});

describe('variable names', () => {
  test.each([
    ['a metadata name', 'language', 'language_2'],
    ['an SPSS reserved word', 'with', 'v_with'],
    ['a word that opens a comment in SPSS syntax', 'comm', 'v_comm'],
  ])('when a question id is %s, then its variable gets a name that cannot clash', (_what, id, expected) => {
    const q = buildQuestionnaire({
      pages: [{ id: 'p', title: { en: 'P' }, questions: [{ id, type: 'number', label: { en: 'N' } }] }],
      areas: [],
      competenceScales: undefined,
    });
    expect(buildVariables(q, options()).at(-1)!.name).toBe(expected);
  });

  test('when an option variable would pass 64 characters, then it is cut and still unique', () => {
    const long = 'a'.repeat(40);
    const q = buildQuestionnaire({
      pages: [
        {
          id: 'p',
          title: { en: 'P' },
          questions: [{ id: long, type: 'multiple', label: { en: 'M' }, options: [{ id: `${long}_x`, label: { en: 'x' } }, { id: `${long}_y`, label: { en: 'y' } }] }],
        },
      ],
      areas: [],
      competenceScales: undefined,
    });
    const names = buildVariables(q, options()).slice(-2).map((x) => x.name);
    expect(names.every((n) => n.length <= 64)).toBe(true);
    expect(new Set(names).size).toBe(2);
  });
});

describe('buildVariables from the default questionnaire', () => {
  const q = defaultQuestionnaire();

  test('when derived, then names are unique valid SPSS names and every competence item has two variables', () => {
    const vars = buildVariables(q, options());
    const names = vars.map((x) => x.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z][a-z0-9_]{0,63}$/.test(n))).toBe(true);
    const items = q.pages.flatMap((p) => p.questions).filter((x) => x.type === 'competence');
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(vars.filter((x) => x.source.kind === 'rating')).toHaveLength(items.length * 2);
  });

  test('when an export is made in another language, then none of its own words stay English', () => {
    const en = exportWords('en');
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const words = exportWords(lang);
      const english = [...Object.values(words.meta), words.chosen, words.notChosen].filter((w) => [...Object.values(en.meta), en.chosen, en.notChosen].includes(w));
      expect([lang, english]).toEqual([lang, []]);
    }
    expect(exportWords('de').meta.response_id).toBe('Antwortnummer');
  });

  test.each(['bg', 'sl', 'de'])('when labels are asked in %s, then no label is empty', (lang) => {
    const vars = buildVariables(q, options(lang));
    expect(vars.filter((x) => !x.label || x.values.some((y) => !y.label))).toEqual([]);
  });
});
