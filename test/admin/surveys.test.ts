import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { buildQuestionnaire, defaultQuestionnaireText } from '../helpers/factories';
import { buildPartnership, defaultImportText, postForm, signIn, SURVEY, tokenFor } from '../helpers/auth';

type Partnership = Awaited<ReturnType<typeof buildPartnership>>;
const S = `/admin/surveys/${SURVEY}`;
const settings = { controllerName: 'Youth Work Partnership', controllerContact: 'dpo@example.org', retentionDays: '365', minCell: '5', minGroup: '10', defaultLang: 'en', opensAt: '', closesAt: '' };
const surveyRow = (p: Partnership) => p.db.prepare('SELECT * FROM surveys WHERE id = ?').get(SURVEY) as Record<string, unknown>;

describe('survey settings', () => {
  let p: Partnership;
  beforeEach(async () => {
    p = await buildPartnership();
  });

  test('when valid settings are saved, then they are stored, audited, and the consent page names the new controller', async () => {
    const res = await postForm(p.agents.admin, `${S}/settings`, { ...settings, opensAt: '2020-01-01T09:00', minCell: '3', minGroup: '5' }, S);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${S}?saved=settings`);
    expect(surveyRow(p)).toMatchObject({ controller_name: 'Youth Work Partnership', retention_days: 365, min_cell: 3, min_group: 5, opens_at: '2020-01-01T09:00:00.000Z', closes_at: null });
    expect(p.db.prepare("SELECT actor, target FROM audit_log WHERE action = 'survey.settings'").get()).toEqual({ actor: 'admin@example.org', target: SURVEY });
    expect((await request(p.app).get(`/s/${SURVEY}?lang=en`)).text).toContain('Youth Work Partnership is responsible');
    expect((await p.agents.admin.get(res.headers.location!)).text).toContain('The settings were saved.');
  });

  test.each([
    ['minCell', { minCell: '2' }],
    ['minGroup', { minGroup: '4' }],
    ['retentionDays', { retentionDays: '0' }],
    ['closesAt', { opensAt: '2026-05-01T00:00', closesAt: '2026-04-01T00:00' }],
    ['opensAt', { opensAt: 'tomorrow' }],
    ['defaultLang', { defaultLang: 'de' }],
  ])('when %s is invalid, then the form comes back with the error at that field and nothing is stored', async (field, change) => {
    const before = surveyRow(p);
    const res = await postForm(p.agents.admin, `${S}/settings`, { ...settings, ...change }, S);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`href="#${field}"`);
    expect(res.text).toContain(`id="${field}-error"`);
    expect(surveyRow(p)).toEqual(before);
  });

  test('when the closing time is in the past, then respondents see the survey as closed', async () => {
    await postForm(p.agents.admin, `${S}/settings`, { ...settings, closesAt: '2020-01-01T00:00' }, S);
    expect((await request(p.app).get(`/s/${SURVEY}`)).status).toBe(409);
  });

  test('when the survey does not exist, then saving settings is 404', async () => {
    expect((await postForm(p.agents.admin, '/admin/surveys/nope/settings', settings)).status).toBe(404);
  });
});

describe('collectors', () => {
  let p: Partnership;
  beforeAll(async () => {
    p = await buildPartnership();
  });

  test('when a collector is added, then the survey page shows its absolute link, a QR code and its funnel row', async () => {
    const res = await postForm(p.agents.admin, `${S}/collectors`, { id: 'Ljubljana', label: 'Ljubljana youth office', invited: '30' }, S);
    expect(res.status).toBe(303);
    const page = await p.agents.admin.get(S);
    expect(page.text).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/s\/test-survey\/c\/ljubljana"/);
    expect(page.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(page.text).toContain('QR code of the link for Ljubljana youth office');
    expect(p.db.prepare("SELECT target FROM audit_log WHERE action = 'collector.create'").get()).toEqual({ target: `${SURVEY}/ljubljana` });
  });

  test('when an existing collector id is saved again, then it is updated, not duplicated', async () => {
    await postForm(p.agents.admin, `${S}/collectors`, { id: 'rome', label: 'Rome network', invited: '50' }, S);
    expect(p.db.prepare("SELECT invited FROM collectors WHERE id = 'rome'").all()).toEqual([{ invited: 50 }]);
  });

  test.each([
    ['id', { id: 'Sofia centre!', label: 'x', invited: '' }],
    ['label', { id: 'varna', label: '', invited: '' }],
    ['invited', { id: 'varna', label: 'Varna', invited: '-3' }],
  ])('when the %s is invalid, then the form comes back with the error and the typed values', async (field, fields) => {
    const res = await postForm(p.agents.admin, `${S}/collectors`, fields, S);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`id="${field}-error"`);
    expect(p.db.prepare("SELECT count(*) AS n FROM collectors WHERE id = 'varna'").get()).toEqual({ n: 0 });
  });

  test('when NEEDSMAP_PUBLIC_URL is set, then links use it instead of the request host', async () => {
    const app = createApp({ db: p.db, config: loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: ':memory:', NEEDSMAP_PUBLIC_URL: 'https://survey.example.org/' }) });
    const agent = request.agent(app);
    await signIn(agent, 'admin@example.org');
    expect((await agent.get(S)).text).toContain('href="https://survey.example.org/s/test-survey/c/sofia"');
  });
});

describe('questionnaire import', () => {
  let p: Partnership;
  beforeAll(async () => {
    p = await buildPartnership();
  });

  test('when the text is not JSON, then the problem is shown with the file name and nothing is imported', async () => {
    const res = await postForm(p.agents.admin, '/admin/import', { questionnaire: '{ "id": ', file: 'broken.json' }, '/admin/import');
    expect(res.status).toBe(422);
    expect(res.text).toContain('broken.json');
    expect(res.text).toContain('is not valid JSON');
    expect(res.text).toContain('{ &#34;id&#34;: ');
  });

  test('when the file breaks the schema, then each problem is located by its path', async () => {
    const bad = JSON.parse(defaultImportText('bad-survey'));
    bad.pages[0].questions[1].options = [{ id: 'only', label: { en: 'Only' } }];
    bad.languages = ['bg'];
    const res = await postForm(p.agents.admin, '/admin/import', { questionnaire: JSON.stringify(bad), file: 'bad.json' }, '/admin/import');
    expect(res.status).toBe(422);
    expect(res.text).toContain('<code>pages[0].questions[1].options</code>');
    expect(res.text).toContain('<code>languages</code>');
    expect(p.db.prepare("SELECT count(*) AS n FROM surveys WHERE id = 'bad-survey'").get()).toEqual({ n: 0 });
  });

  test('when a valid file is imported, then a survey is created, audited and listed; the same file again is unchanged', async () => {
    const text = defaultImportText('new-survey');
    const res = await postForm(p.agents.admin, '/admin/import', { questionnaire: text, file: 'new.json' }, '/admin/import');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Questionnaire new-survey version 1: created.');
    expect((await p.agents.admin.get('/admin')).text).toContain('/admin/surveys/new-survey');
    expect(p.db.prepare("SELECT detail FROM audit_log WHERE action = 'questionnaire.import'").get()).toEqual({ detail: 'version 1 (created)' });
    expect((await postForm(p.agents.admin, '/admin/import', { questionnaire: text }, '/admin/import')).text).toContain('unchanged');
  });

  test('when the shipped 200 kB questionnaire is pasted, then the larger form limit accepts it', async () => {
    const res = await postForm(p.agents.admin, '/admin/import', { questionnaire: defaultQuestionnaireText() }, '/admin/import');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Questionnaire youth-worker-tna version 1: created.');
  });

  test('when a file is sent to the API, then problems come back as located issues', async () => {
    const token = tokenFor(p.db, 'admin@example.org');
    const res = await request(p.app).post('/api/admin/questionnaires?file=api.json').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"id": 3}');
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual(expect.arrayContaining([{ path: 'id', message: expect.any(String) }]));
  });
});

describe('questionnaire preview', () => {
  let p: Partnership;
  beforeAll(async () => {
    p = await buildPartnership();
  });

  test('when previewed in a language with missing texts, then each is flagged with the language it falls back to', async () => {
    const res = await p.agents.coordinator.get(`${S}/preview?lang=bg`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/\d+ texts are missing in this language/);
    expect(res.text).toContain('<span lang="bg">Тестово проучване</span>');
    expect(res.text).toMatch(/<span class="missing-text" lang="en">Hours a week<\/span> <small class="missing-flag">\[missing, shown in en\]/);
  });

  test('when previewed in the default language, then nothing is flagged', async () => {
    const res = await p.agents.admin.get(`${S}/preview?lang=en`);
    expect(res.text).toContain('Every text exists in this language.');
    expect(res.text).not.toContain('missing-flag');
  });

  test('when the language is not one Needsmap knows, then 400', async () => {
    expect((await p.agents.admin.get(`${S}/preview?lang=xx`)).status).toBe(400);
  });

  test('when previewed, then every question of the questionnaire is listed', async () => {
    const res = await p.agents.admin.get(`${S}/preview`);
    for (const id of buildQuestionnaire().pages.flatMap((page) => page.questions.map((q) => q.id))) expect(res.text).toContain(`<code>${id}</code>`);
  });
});
