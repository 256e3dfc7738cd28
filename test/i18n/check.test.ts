import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkRuntimeKeys, compareNamespace, formatProblems, placeholders, pluralForms, runCheck, type CheckOptions } from '../../src/i18n/check-lib';
import { LOCALES_DIR, readResources } from '../../src/i18n/index';
import { RUNTIME_KEYS } from '../../src/i18n/runtime-keys';
import { collectEvidence, isUsed } from '../../src/i18n/check-usage';
import { buildQuestionnaire } from '../helpers/factories';

type Tree = Record<string, string>;
const roots: string[] = [];
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** Writes a small project: locales/<lng>/<ns>.json, src/ files and questionnaires, all in a temporary folder. */
function fixture(files: Tree): CheckOptions {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-i18n-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  fs.mkdirSync(path.join(root, 'locales'), { recursive: true });
  return { localesDir: path.join(root, 'locales'), languages: ['en', 'bg', 'pl'], sourceDirs: [path.join(root, 'src')], questionnairesDir: path.join(root, 'questionnaires') };
}

const json = (value: unknown) => JSON.stringify(value);
const EN = { greeting: 'Hello {{name}}', answers_one: 'One answer', answers_other: '{{count}} answers', nested: { title: 'Title' } };
const SOURCE = "t('greeting', { name }); t('answers', { count }); t('nested.title');";
const complete = {
  'locales/en/respondent.json': json(EN),
  'locales/bg/respondent.json': json({ greeting: 'Здравей, {{name}}', answers_one: 'Един отговор', answers_other: '{{count}} отговора', nested: { title: 'Заглавие' } }),
  'locales/pl/respondent.json': json({ greeting: 'Cześć {{name}}', answers_one: 'Jedna odpowiedź', answers_few: '{{count}} odpowiedzi', answers_many: '{{count}} odpowiedzi', answers_other: '{{count}} odpowiedzi', nested: { title: 'Tytuł' } }),
  'src/page.ts': SOURCE,
};

const messages = (o: CheckOptions) => runCheck(o).map((p) => `${p.where} — ${p.message}`);

describe('check:i18n', () => {
  test('when every language has every key with the same placeholders and plural forms, then there is no problem', () => {
    expect(messages(fixture(complete))).toEqual([]);
  });

  test.each([
    ['a key is missing', { 'locales/bg/respondent.json': json({ greeting: 'Здравей, {{name}}', answers_one: 'Един', answers_other: '{{count}}', nested: {} }) }, 'bg/respondent.json: nested.title — missing'],
    ['an extra key exists', { 'locales/bg/respondent.json': json({ ...JSON.parse(complete['locales/bg/respondent.json']), old: 'Стар' }) }, 'bg/respondent.json: old — not in en (extra key)'],
    ['a placeholder differs', { 'locales/bg/respondent.json': json({ ...JSON.parse(complete['locales/bg/respondent.json']), greeting: 'Здравей, {{nme}}' }) }, 'bg/respondent.json: greeting — placeholders {{nme}}, en has {{name}}'],
    ['a plural form the language needs is missing', { 'locales/pl/respondent.json': json({ ...JSON.parse(complete['locales/pl/respondent.json']), answers_many: undefined }) }, 'pl/respondent.json: answers_many — missing plural form "many" (pl uses few, many, one, other)'],
    ['a plural form the language does not use exists', { 'locales/bg/respondent.json': json({ ...JSON.parse(complete['locales/bg/respondent.json']), answers_few: '{{count}}' }) }, 'bg/respondent.json: answers_few — plural form "few" is not used in bg (one, other)'],
    ['a namespace file is missing', { 'locales/en/admin.json': json({ greeting: 'Admin' }), 'locales/bg/admin.json': json({ greeting: 'Админ' }) }, 'pl/admin.json — missing: the whole namespace (1 keys) is not translated'],
    ['a key is never used', { 'src/page.ts': "t('greeting'); t('answers');" }, 'en/respondent.json: nested.title — not used in src/ or views/ (unused key)'],
  ])('when %s, then it is reported', (_what, change, expected) => {
    expect(messages(fixture({ ...complete, ...change }))).toContain(expected);
  });

  test('when CLDR "one" covers more than the number 1 (sl 101, fr 0), then _one must print {{count}}; a _zero form covers the 0', () => {
    const sl = { greeting: 'Živjo {{name}}', answers_one: 'En odgovor', answers_two: '{{count}} odgovora', answers_few: '{{count}} odgovori', answers_other: '{{count}} odgovorov', nested: { title: 'Naslov' } };
    const fr = { greeting: 'Bonjour {{name}}', answers_one: 'Une réponse', answers_many: '{{count}} réponses', answers_other: '{{count}} réponses', nested: { title: 'Titre' } };
    const o = { ...fixture({ 'locales/en/respondent.json': json(EN), 'locales/sl/respondent.json': json(sl), 'locales/fr/respondent.json': json(fr), 'src/page.ts': SOURCE }), languages: ['en', 'sl', 'fr'] };
    expect(messages(o)).toEqual([
      'sl/respondent.json: answers_one — "one" also covers 101, 201, 301, … in sl: the text must contain {{count}}',
      'fr/respondent.json: answers_one — "one" also covers 0 in fr: the text must contain {{count}}',
    ]);
    const fixed = fixture({ 'locales/en/respondent.json': json(EN), 'locales/sl/respondent.json': json({ ...sl, answers_one: '{{count}} odgovor' }), 'locales/fr/respondent.json': json({ ...fr, answers_zero: 'Aucune réponse' }), 'src/page.ts': SOURCE });
    expect(messages({ ...fixed, languages: ['en', 'sl', 'fr'] })).toEqual([]);
    // bg and pl: "one" is the number 1 only, so "Един отговор" / "Jedna odpowiedź" stay valid (the complete fixture).
    expect(messages(fixture(complete))).toEqual([]);
  });

  test('when a key built at run time is declared but missing in en, then it is reported with where it is built', () => {
    const o = { ...fixture(complete), runtimeKeys: [{ namespace: 'respondent', pattern: 'answers{}', values: ['', '_extra'], builtIn: 'src/page.ts' }] };
    expect(messages(o)).toEqual(['en/respondent.json: answers_extra — missing, but built at run time (answers{} in src/page.ts)']);
  });

  test('the shipped run-time key declarations all exist in the shipped locales', () => {
    expect(checkRuntimeKeys(readResources(LOCALES_DIR), RUNTIME_KEYS)).toEqual([]);
  });

  test('when a namespace may be missing, then its absence is not reported but a present file is still checked', () => {
    const o = fixture({ ...complete, 'locales/en/admin.json': json({ greeting: 'Admin' }), 'locales/bg/admin.json': json({ greting: 'Админ' }) });
    expect(messages({ ...o, allowMissingNamespaces: ['admin'] })).toEqual(['bg/admin.json: greeting — missing', 'bg/admin.json: greting — not in en (extra key)']);
  });

  test('when a questionnaire text is missing in a declared language, then the unit and JSON path are reported', () => {
    const q = buildQuestionnaire();
    expect(messages(fixture({ ...complete, 'questionnaires/test.json': json(q) }))).toContain('test.json: question.hours.label (pages[0].questions[2].label) — missing in bg');
  });

  test('when a questionnaire file is invalid, then the schema problem is reported with its path', () => {
    expect(messages(fixture({ ...complete, 'questionnaires/bad.json': '{"id": "Bad"}' }))).toEqual(expect.arrayContaining([expect.stringMatching(/^bad\.json: id — /)]));
  });

  test('when a plural form omits {{count}} in a "one" form but not in "few", then only the few form is reported', () => {
    const en = { n_one: 'One file', n_other: '{{count}} files' };
    const problems = compareNamespace(en, { n_one: 'Jeden plik', n_few: 'Kilka plików', n_many: '{{count}} plików', n_other: '{{count}} pliku' }, 'pl', 'pl/x.json');
    expect(problems).toEqual([{ where: 'pl/x.json: n_few', message: 'placeholders none, en has {{count}}' }]);
  });

  test('when the problems are printed, then they are grouped by file', () => {
    expect(formatProblems([{ where: 'bg/a.json: k1', message: 'missing' }, { where: 'bg/a.json: k2', message: 'missing' }, { where: 'x.json', message: 'bad' }])).toBe(
      'bg/a.json\n  k1: missing\n  k2: missing\nx.json\n  bad',
    );
  });
});

describe('placeholders and plural forms', () => {
  test.each([
    ['{{count}} of {{total}}', ['count', 'total']],
    ['{{- name}} and {{value, number}}', ['name', 'value']],
    ['no placeholder', []],
  ])('%s → %j', (text, names) => expect([...placeholders(text)].sort()).toEqual(names));

  test.each([
    ['en', ['one', 'other']],
    ['sl', ['few', 'one', 'other', 'two']],
    ['ro', ['few', 'one', 'other']],
  ])('%s uses %j', (lng, forms) => expect([...pluralForms(lng)].sort()).toEqual(forms));
});

describe('which keys count as used', () => {
  const evidence = collectEvidence([
    { file: 'a.ts', text: "t(`quadrant.${q}`); t('dashboard:kpi.responses'); x = 'groupStatus.' + g.status; t(name + 'Hint'); const names = ['minCell'];" },
    { file: 'b.ejs', text: `<nav aria-label="<%= t('navLabel') %>"><%= t('role_' + r) %></nav>` },
  ]);
  test.each([
    ['quadrant.keep', true],
    ['kpi.responses', true],
    ['groupStatus.shown', true],
    ['minCellHint', true],
    ['navLabel', true],
    ['role_admin', true],
    ['otherHint', false],
    ['unrelated', false],
  ])('%s: %s', (key, used) => expect(isUsed(key, evidence)).toBe(used));
});
