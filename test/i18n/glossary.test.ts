import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCheck, type CheckOptions } from '../../src/i18n/check-lib';
import { REQUIRED_TERMS, termPattern, usesTerm } from '../../src/i18n/glossary';
import { buildQuestionnaire } from '../helpers/factories';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

const json = (value: unknown) => JSON.stringify(value);

/** A small project in a temporary folder: en and bg locales, a questionnaire in en and bg, a bg glossary. */
function fixture(files: Record<string, string>): CheckOptions {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-glossary-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  for (const dir of ['questionnaires', 'glossary']) fs.mkdirSync(path.join(root, dir), { recursive: true });
  return { localesDir: path.join(root, 'locales'), languages: ['en', 'bg'], sourceDirs: [path.join(root, 'src')], questionnairesDir: path.join(root, 'questionnaires'), glossaryDir: path.join(root, 'glossary') };
}

const EN = { title: 'Ranking of training needs', scale: 'The rows importance, proficiency and not_applicable', count_one: 'One respondent', count_other: '{{count}} respondents' };
const BG = { title: 'Класиране на нуждите от обучение', scale: 'Редовете importance, proficiency и not_applicable', count_one: 'Един респондент', count_other: '{{count}} респонденти' };
const BG_STEMS: Record<string, string> = { 'youth worker': 'младежки', competence: 'компетентност', training: 'обуч' };
const filler = REQUIRED_TERMS.filter((t) => !['training need', 'respondent', 'proficiency'].includes(t)).map((en) => ({ en, use: [BG_STEMS[en] ?? '—'] }));
const GLOSSARY = {
  language: 'bg',
  sources: ['Regulation (EU) 2016/679, BG text'],
  terms: [
    { en: 'training need', use: ['нужди от обучение', 'нуждите от обучение', 'нужда от обучение'], avoid: ['потребност'] },
    { en: 'respondent', use: ['респондент'] },
    { en: 'proficiency', use: ['умения'] },
    ...filler,
  ],
};
const questionnaire = buildQuestionnaire({ title: { en: 'Training needs of youth workers', bg: 'Нужди от обучение на младежките работници' } });
const project = (over: { bg?: object; glossary?: object | string; questionnaire?: object } = {}) =>
  fixture({
    'locales/en/report.json': json(EN),
    'locales/bg/report.json': json(over.bg ?? BG),
    'src/page.ts': "t('title'); t('scale'); t('count', { count });",
    'questionnaires/test.json': json(over.questionnaire ?? questionnaire),
    ...(over.glossary === undefined ? { 'glossary/bg.json': json(GLOSSARY) } : typeof over.glossary === 'string' ? { 'glossary/bg.json': over.glossary } : { 'glossary/bg.json': json(over.glossary) }),
  });
const glossaryProblems = (o: CheckOptions) => runCheck(o).filter((p) => /term|glossary/.test(`${p.where} ${p.message}`)).map((p) => `${p.where} — ${p.message}`);

describe('glossary check', () => {
  test('when every translation uses the glossary terms, then there is no problem', () => {
    expect(glossaryProblems(project())).toEqual([]);
  });

  test('when a locale string drifts to another term, then the language, file, key, term and expectation are reported', () => {
    const problems = glossaryProblems(project({ bg: { ...BG, title: 'Класиране на потребностите от обучение' } }));
    expect(problems).toEqual([
      'bg/report.json: title — term "training need": expected "нужди от обучение" or "нуждите от обучение" or "нужда от обучение" in "Класиране на потребностите от обучение"',
      'bg/report.json: title — term "training need": avoid "потребност" (use "нужди от обучение" or "нуждите от обучение" or "нужда от обучение") in "Класиране на потребностите от обучение"',
    ]);
  });

  test('when a plural form lacks the term, then it is reported by its own key (a form en lacks is compared with _other)', () => {
    expect(glossaryProblems(project({ bg: { ...BG, count_other: '{{count}} души' } }))).toEqual([expect.stringMatching(/^bg\/report\.json: count_other — term "respondent": expected "респондент"/)]);
  });

  test('when a questionnaire text drifts, then the questionnaire file, text id and language are reported', () => {
    const drifted = { ...questionnaire, title: { en: 'Training needs of youth workers', bg: 'Потребности от обучение на младежките работници' } };
    expect(glossaryProblems(project({ questionnaire: drifted }))).toEqual(expect.arrayContaining([expect.stringMatching(/^test\.json: title \(bg\) — term "training need": expected/)]));
  });

  test('when the string is listed in the term\'s except, then it is not reported; an except that names nothing is', () => {
    const excepted = { ...GLOSSARY, terms: GLOSSARY.terms.map((t) => (t.en === 'training need' ? { ...t, avoid: undefined, except: ['report:title', 'report:nothing'] } : t)) };
    expect(glossaryProblems(project({ bg: { ...BG, title: 'Класиране на обученията' }, glossary: excepted }))).toEqual(['glossary/bg.json: training need — except "report:nothing" names no string whose English contains "training need"']);
  });

  test('when a shipped language has no glossary file, then that is a problem', () => {
    const o = project();
    fs.rmSync(path.join(o.glossaryDir!, 'bg.json'));
    expect(glossaryProblems(o)).toEqual([expect.stringMatching(/^glossary\/bg\.json — missing: bg is shipped, so it needs a glossary/)]);
  });

  test.each([
    ['not JSON', '{ "language": ', /^glossary\/bg\.json — not valid JSON/],
    ['a term without "use"', json({ ...GLOSSARY, terms: [{ en: 'training need' }, ...GLOSSARY.terms.slice(1)] }), /^glossary\/bg\.json: terms\.0\.use — /],
    ['an unknown field', json({ ...GLOSSARY, extra: 1 }), /^glossary\/bg\.json: \(file\) — /],
    ['a file for another language', json({ ...GLOSSARY, language: 'pl' }), /^glossary\/bg\.json: language — "pl", expected "bg"/],
    ['a required term missing', json({ ...GLOSSARY, terms: GLOSSARY.terms.filter((t) => t.en !== 'consent') }), /^glossary\/bg\.json: terms — the required term "consent" is missing/],
  ])('when the glossary is %s, then its shape is reported', (_what, text, expected) => {
    expect(glossaryProblems(project({ glossary: text }))).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe('term matching', () => {
  test.each([
    ['youth worker', 'Volunteer youth workers', true],
    ['youth work', 'Volunteer youth workers', false],
    ['training', 'in-service training.', true],
    ['training', 'retraining', false],
    ['not applicable', 'not_applicable', false],
    ['N/A', 'N/A', true],
  ])('"%s" in "%s": %s', (term, text, expected) => {
    expect(termPattern(term).test(text)).toBe(expected);
  });

  test('a word the translation keeps verbatim (an identifier) is not the term; the same word translated is', () => {
    expect(usesTerm('the rows importance and proficiency', 'редовете importance и proficiency', 'proficiency')).toBe(false);
    expect(usesTerm('Proficiency and the rows proficiency', 'Умения и редовете proficiency', 'proficiency')).toBe(true);
  });
});
