import { buildTestApp } from '../helpers/app';
import { addUser, postForm, signIn } from '../helpers/auth';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';
import { submitForm } from '../helpers/forms';
import { seedResponses } from '../helpers/seed';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import type { Questionnaire } from '../../src/questionnaires/schema';
import { createTranslationService } from '../../src/translations/service';
import { readCsv } from '../../src/translations/csv';
import { readXliff } from '../../src/translations/xliff';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const SURVEY = 'test-survey';

/** The factory questionnaire offered in en and fi, with no Finnish text yet. */
const finnishSurvey = () => buildQuestionnaire({ languages: ['en', 'fi'] });

function setup(q: Questionnaire = finnishSurvey()) {
  const built = buildTestApp(q);
  const questionnaires = createQuestionnaireService(built.db);
  const surveys = createSurveyService(built.db, questionnaires);
  const translations = createTranslationService(built.db, { questionnaires, surveys });
  const survey = () => surveys.find(SURVEY)!;
  return { ...built, questionnaires, surveys, translations, survey };
}

/** The consent page and page 1 as a Finnish respondent sees them. */
async function respondentSees(app: ReturnType<typeof setup>) {
  const agent = app.agent();
  const consent = await agent.get(`/s/${SURVEY}?lang=fi`);
  await submitForm(agent, `/s/${SURVEY}?lang=fi`, `/s/${SURVEY}/start`, { consent: 'yes' });
  const page1 = await agent.get(`/s/${SURVEY}/p/1`);
  return { consent: consent.text, page1: page1.text };
}

/** Replaces the target of some rows of an exported CSV, as a translator in a spreadsheet would. */
function editCsv(csv: string, targets: Record<string, string>): string {
  const [header, ...rows] = parse(csv, { bom: true }) as string[][];
  const t = header!.indexOf('target (fi)');
  for (const row of rows) if (targets[row[1]!] !== undefined) row[t] = targets[row[1]!]!;
  return '\uFEFF' + stringify([header!, ...rows]);
}

/** Fills the <target> of some units of an exported XLIFF file (units without a target get one). */
function editXliff(xml: string, targets: Record<string, string>): string {
  let out = xml;
  for (const [id, text] of Object.entries(targets)) {
    out = out.replace(new RegExp(`(<unit id="${id.replace(/\./g, '\\.')}">[\\s\\S]*?<source>[\\s\\S]*?</source>)(\\s*<target>[\\s\\S]*?</target>)?`), `$1<target>${text}</target>`);
  }
  return out;
}

describe('translator round trip', () => {
  test.each(['xliff', 'csv'] as const)('when a %s file is exported, edited and imported, then Finnish respondents see the new texts', async (format) => {
    const app = setup();
    const before = await respondentSees(app);
    expect(before.consent).toContain('<h1>Test survey</h1>');
    expect(before.page1).toMatch(/<label for="q_role"[^>]*lang="en"[^>]*>Paid<\/label>/);

    const exported = await app.translations.exportFile(app.survey(), 'fi', format);
    const targets = { title: 'Testikysely', 'question.role.option.paid': 'Palkattu <& "työ">' };
    const edited = format === 'csv' ? editCsv(exported, targets) : editXliff(exported, { title: 'Testikysely', 'question.role.option.paid': 'Palkattu &lt;&amp; "työ"&gt;' });
    // Through the admin page, so that the running app's cache of questionnaire versions sees the change.
    addUser(app.db, 'admin@example.org', 'admin');
    const admin = app.agent();
    await signIn(admin, 'admin@example.org');
    const page = `/admin/surveys/${SURVEY}/translations`;
    const res = await postForm(admin, page, { translation: edited }, page);

    expect(res.status).toBe(200);
    expect(res.text).toContain('Suomi: 2 of 2 texts changed; questionnaire version 1 (replaced (no responses yet)).');
    const after = await respondentSees(app);
    expect(after.consent).toContain('<h1>Testikysely</h1>');
    expect(after.page1).toMatch(/<label for="q_role">Palkattu &lt;&amp; &#34;työ&#34;&gt;<\/label>/);
  });

  test('when the exported file is read back, then every text of the questionnaire is a unit with a stable id', async () => {
    const app = setup();
    const read = await readXliff(await app.translations.exportFile(app.survey(), 'fi', 'xliff'));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const ids = read.file.units.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['title', 'purpose', 'area.facilitating.label', 'scale.importance.point.5', 'page.background.title', 'question.role.option.volunteer', 'question.interest.point.3']));
    expect(read.file).toMatchObject({ surveyId: SURVEY, sourceLang: 'en', targetLang: 'fi' });
    expect(read.file.units.every((u) => u.target === '')).toBe(true);
  });

  test('when the version has responses, then the import makes a new version and earlier responses keep theirs', async () => {
    const app = setup();
    seedResponses(app.db, SURVEY, [{ answers: validAnswers() }]);
    const result = await app.translations.importText(editCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { title: 'Testikysely' }));
    expect(result).toMatchObject({ ok: true, version: 2, outcome: 'new_version' });
    expect(app.db.prepare('SELECT version FROM responses').pluck().all()).toEqual([1]);
    expect(app.questionnaires.load(SURVEY, 1)!.definition.title).toEqual({ en: 'Test survey', bg: 'Тестово проучване' });
  });

  test('when the same file is imported twice, then the second import changes nothing', async () => {
    const app = setup();
    const file = editCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { title: 'Testikysely' });
    await app.translations.importText(file);
    expect(await app.translations.importText(file)).toMatchObject({ ok: true, outcome: 'unchanged', changed: 0, received: 1 });
  });
});

describe('stale translations', () => {
  /** An admin changes the English title of the questionnaire (a new questionnaire file is imported). */
  function changeSource(app: ReturnType<typeof setup>, title: string) {
    const q = app.survey().current.definition;
    const result = app.questionnaires.importText(JSON.stringify({ ...q, title: { ...q.title, en: title } }), 'edited.json');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  }

  test('when the source text changes after it was translated, then the translation is stale in the status and both exports', async () => {
    const app = setup();
    await app.translations.importText(editCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { title: 'Testikysely' }));
    expect(app.translations.status(app.survey()).find((s) => s.lang === 'fi')).toMatchObject({ stale: 0, translated: 1 });

    changeSource(app, 'Survey of tests');
    const fi = app.translations.status(app.survey()).find((s) => s.lang === 'fi')!;
    expect(fi).toMatchObject({ stale: 1, translated: 0, missing: fi.total - 1 });

    const csv = readCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'));
    const rows = parse(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.ok).toBe(true);
    expect(rows.find((r) => r.unit === 'title')).toMatchObject({ status: 'stale', 'source (en)': 'Survey of tests', 'target (fi)': 'Testikysely', note: expect.stringContaining('Test survey') });
    expect(rows.find((r) => r.unit === 'purpose')).toMatchObject({ status: 'missing', note: '' });
    const xliff = await app.translations.exportFile(app.survey(), 'fi', 'xliff');
    expect(xliff).toMatch(/<unit id="title">\s*<notes>\s*<note>Needs review: the source text changed since this was translated\. It was translated from: Test survey<\/note>/);
  });

  test('when a stale translation is reviewed and imported again, then it is up to date', async () => {
    const app = setup();
    await app.translations.importText(editCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { title: 'Testikysely' }));
    changeSource(app, 'Survey of tests');
    const reviewed = editCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { title: 'Kysely testeistä' });
    expect(await app.translations.importText(reviewed)).toMatchObject({ ok: true, stale: 0 });
    expect(app.translations.status(app.survey()).find((s) => s.lang === 'fi')).toMatchObject({ stale: 0, translated: 1 });
  });

  test('when a file exported before the source changed is imported, then its texts are applied but stay stale', async () => {
    const app = setup();
    const old = editCsv(await app.translations.exportFile(app.survey(), 'fi', 'csv'), { title: 'Testikysely' });
    changeSource(app, 'Survey of tests');
    expect(await app.translations.importText(old)).toMatchObject({ ok: true, changed: 1, stale: 1 });
    expect(app.translations.status(app.survey()).find((s) => s.lang === 'fi')).toMatchObject({ stale: 1 });
  });
});
