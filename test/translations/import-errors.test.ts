import { buildTestApp } from '../helpers/app';
import { buildQuestionnaire } from '../helpers/factories';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createTranslationService } from '../../src/translations/service';

const SURVEY = 'test-survey';

function setup() {
  const built = buildTestApp(buildQuestionnaire({ languages: ['en', 'bg', 'fi'] }));
  const questionnaires = createQuestionnaireService(built.db);
  const surveys = createSurveyService(built.db, questionnaires);
  const translations = createTranslationService(built.db, { questionnaires, surveys });
  const snapshot = () => ({
    versions: built.db.prepare('SELECT version, hash FROM questionnaire_versions').all(),
    sources: built.db.prepare('SELECT count(*) FROM translation_sources').pluck().get(),
  });
  return { ...built, translations, surveys, snapshot };
}

const xliff = (units: string, attrs = 'srcLang="en" trgLang="fi"', file = SURVEY) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" ${attrs}>\n  <file id="${file}">\n${units}\n  </file>\n</xliff>\n`;
const unit = (id: string, target: string, source = 'Test survey') => `    <unit id="${id}">\n      <segment>\n        <source>${source}</source>\n        <target>${target}</target>\n      </segment>\n    </unit>`;
const csv = (rows: string[], header = 'survey,unit,status,source (en),target (fi),note') => `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`;

describe('importing a translation file that is wrong', () => {
  test.each([
    ['an unknown unit id', xliff(`${unit('title', 'Testikysely')}\n${unit('question.nope.label', 'Ei')}`), { at: 'line 10', message: 'unknown unit "question.nope.label"' }],
    ['a unit twice', xliff(`${unit('title', 'A')}\n${unit('purpose', 'B')}`).replace('id="purpose"', 'id="title"'), { at: 'line 10', message: 'unit "title" appears twice (first on line 4)' }],
    ['a target language the questionnaire does not offer', xliff(unit('title', 'Testumfrage'), 'srcLang="en" trgLang="de"'), { at: 'file', message: 'target language "de" is not offered by the questionnaire (en, bg, fi): add it to "languages" first' }],
    ['the wrong source language', xliff(unit('title', 'Testikysely'), 'srcLang="bg" trgLang="fi"'), { at: 'file', message: 'source language is "bg", the questionnaire\'s default language is "en"' }],
    ['the source language as target', xliff(unit('title', 'Test'), 'srcLang="en" trgLang="en"'), { at: 'file', message: expect.stringContaining('is the source language') }],
    ['another survey', xliff(unit('title', 'Testikysely'), undefined, 'other-survey'), { at: 'file', message: 'is for survey "other-survey", which does not exist' }],
    ['XML cut short', xliff(unit('title', 'Testikysely')).slice(0, 200), { at: 'file', message: expect.stringContaining('is not well-formed XML') }],
    ['broken XML', xliff(unit('title', 'Testi <b>kysely')), { at: expect.stringMatching(/^line \d+$/), message: expect.stringContaining('is not well-formed XML') }],
    ['not XLIFF', '<html><body>hello</body></html>', { at: 'file', message: expect.stringContaining('is not an XLIFF 2.0 document') }],
    ['a CSV row with an open quote', csv([`${SURVEY},title,translated,Test survey,"Testikysely,`]), { at: expect.stringMatching(/^(row \d+|file)$/), message: expect.stringContaining('is not valid CSV') }],
    ['a CSV without a target column', csv([`${SURVEY},title,translated,Test survey,x,`], 'survey,unit,status,source (en),translation,note'), { at: 'row 1', message: 'missing column target (xx)' }],
    ['a CSV with an unknown unit', csv([`${SURVEY},title,translated,Test survey,Testikysely,`, `${SURVEY},page.nope.title,missing,X,Y,`]), { at: 'row 3', message: 'unknown unit "page.nope.title"' }],
  ])('when the file has %s, then the problem is located and nothing is applied', async (_what, text, problem) => {
    const app = setup();
    const before = app.snapshot();
    const result = await app.translations.importText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(problem);
    expect(app.snapshot()).toEqual(before);
  });

  test('when the file is meant for another survey than the page it is uploaded on, then it is refused', async () => {
    const app = setup();
    const result = await app.translations.importText(xliff(unit('title', 'Testikysely')), { surveyId: 'another' });
    expect(result).toEqual({ ok: false, problems: [{ at: 'file', message: 'is for survey "test-survey", not "another"' }] });
  });

  test('when a target is empty, then the text stays as it is', async () => {
    const app = setup();
    const result = await app.translations.importText(xliff(`${unit('title', 'Testikysely')}\n${unit('question.role.label', '')}`));
    expect(result).toMatchObject({ ok: true, received: 1, changed: 1 });
    const q = app.surveys.find(SURVEY)!.current.definition;
    expect(q.title).toEqual({ en: 'Test survey', bg: 'Тестово проучване', fi: 'Testikysely' });
    expect(q.pages[0]!.questions[1]!.label).toEqual({ en: 'Role', bg: 'Роля' });
  });
});
