import { LANGUAGES } from '../../src/i18n/languages';
import ExcelJS from 'exceljs';
import { buildPartnership, csrfOf, SURVEY } from '../helpers/auth';
import { buildQuestionnaire, defaultQuestionnaireText } from '../helpers/factories';
import { fromQuestionnaire } from '../../src/xlsform/from-questionnaire';
import { writeXlsx } from '../../src/xlsform/write';
import { readForm } from '../../src/xlsform/service';
import { QuestionnaireSchema, type Questionnaire } from '../../src/questionnaires/schema';

type Partnership = Awaited<ReturnType<typeof buildPartnership>>;
type Agent = Partnership['agents']['admin'];

const unescapeHtml = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const hidden = (html: string, name: string) => unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '');

async function upload(agent: Agent, data: Buffer, name = 'form.xlsx', lang = 'en') {
  const token = await csrfOf(agent, '/admin/import');
  return agent.post('/admin/import/form').set('Accept-Language', lang).field('_csrf', token).attach('form', data, name);
}

/** Publishes what the check page carries, as the browser would. */
async function publish(agent: Agent, checkPage: string) {
  const token = await csrfOf(agent, '/admin/import');
  const fields = Object.fromEntries(['definition', 'file', 'controllerName', 'controllerContact'].map((n) => [n, hidden(checkPage, n)]));
  return agent.post('/admin/import/form/publish').type('form').send({ _csrf: token, ...fields });
}

const xlsxOf = (q: Questionnaire, controller = {}) => writeXlsx(fromQuestionnaire(q, controller));
const surveyCount = (p: Partnership) => (p.db.prepare('SELECT count(*) AS n FROM surveys').get() as { n: number }).n;

describe('spreadsheet form upload in the admin', () => {
  let p: Partnership;
  beforeEach(async () => {
    p = await buildPartnership();
  });

  test('when an admin uploads a new form, then every page is shown in every language with missing texts flagged, and publishing creates the survey', async () => {
    const q = buildQuestionnaire({ id: 'new-form' });
    const res = await upload(p.agents.admin, await xlsxOf(q, { controllerName: 'Sofia municipality', controllerContact: 'dpo@example.org' }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Publishing creates the survey new-form (version 1).');
    expect(res.text).toMatch(/<summary class="success">English \(en\): Every text exists in this language.<\/summary>/);
    // The factory's Bulgarian is incomplete: the hours question, scales, likert points and more fall back to English.
    expect(res.text).toMatch(/<summary class="warning">Български \(bg\): \d+ texts are missing in this language/);
    expect(res.text).toContain('id="bg-page-competences"');
    expect(res.text).toContain('class="missing-text" lang="en">Hours a week</span>');
    expect(surveyCount(p)).toBe(1);

    const published = await publish(p.agents.admin, res.text);
    expect(published.status).toBe(200);
    expect(published.text).toContain('new-form');
    const row = p.db.prepare("SELECT version, controller_name, controller_contact FROM surveys WHERE id = 'new-form'").get();
    expect(row).toEqual({ version: 1, controller_name: 'Sofia municipality', controller_contact: 'dpo@example.org' });
    const stored = JSON.parse((p.db.prepare("SELECT definition FROM questionnaire_versions WHERE questionnaire_id = 'new-form'").get() as { definition: string }).definition);
    expect(stored).toEqual(JSON.parse(JSON.stringify(q)));
    expect(p.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'questionnaire.import'").get()).toEqual({ actor: 'admin@example.org', detail: 'version 1 (created) from form.xlsx' });
  });

  test('when the default questionnaire (every shipped language) is uploaded and published, then the check page shows all its languages and the survey is created', async () => {
    const q = QuestionnaireSchema.parse(JSON.parse(defaultQuestionnaireText()));
    expect(q.languages.length).toBe(LANGUAGES.length);
    const res = await upload(p.agents.admin, await xlsxOf(q));
    expect(res.status).toBe(200);
    expect(res.text.match(/<details class="preview-language"/g)).toHaveLength(q.languages.length);
    expect(res.text.match(/<summary class="success">/g)).toHaveLength(q.languages.length);
    const published = await publish(p.agents.admin, res.text);
    expect(published.status).toBe(200);
    const stored = p.db.prepare("SELECT definition FROM questionnaire_versions WHERE questionnaire_id = 'youth-worker-tna'").get() as { definition: string };
    expect(JSON.parse(stored.definition)).toEqual(JSON.parse(JSON.stringify(q)));
  });

  test('when a changed form is published for a survey with responses, then it becomes a new version and the answered one stays frozen', async () => {
    const before = (p.db.prepare('SELECT definition FROM questionnaire_versions WHERE questionnaire_id = ? AND version = 1').get(SURVEY) as { definition: string }).definition;
    const changed = buildQuestionnaire({ title: { en: 'Test survey, second edition', bg: 'Тестово проучване, второ издание' } });
    const res = await upload(p.agents.admin, await xlsxOf(changed));
    expect(res.text).toContain(`The survey ${SURVEY} already has responses: publishing makes this form its version 2`);
    await publish(p.agents.admin, res.text);
    expect(p.db.prepare('SELECT version FROM surveys WHERE id = ?').get(SURVEY)).toEqual({ version: 2 });
    expect((p.db.prepare('SELECT definition FROM questionnaire_versions WHERE questionnaire_id = ? AND version = 1').get(SURVEY) as { definition: string }).definition).toBe(before);
  });

  test('when the form has problems, then each is shown with sheet, row, column and value in the admin language, and nothing is imported', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('survey').addRows([
      ['type', 'name', 'label::English (en)', 'relevant'],
      ['select_one colours', 'colour', 'Favourite colour', ''],
      ['text', 'why', 'Why?', '${color} = "red"'],
    ]);
    const res = await upload(p.agents.admin, Buffer.from(await book.xlsx.writeBuffer()), 'broken.xlsx', 'bg');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Файлът съдържа 2 проблема; нищо не е импортирано.');
    expect(res.text).toContain('<tr><td class="where">survey</td><td class="where">2</td><td class="where">A (type)</td><td><code>select_one colours</code></td><td>Листът choices няма списък „colours“.</td></tr>');
    expect(res.text).toContain('<td class="where">survey</td><td class="where">3</td><td class="where">D (relevant)</td><td><code>${color} = &#34;red&#34;</code></td><td>Преди този ред няма въпрос „color“.</td>');
    expect(surveyCount(p)).toBe(1);
  });

  test.each([
    ['an OpenDocument file', Buffer.concat([Buffer.from('PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.spreadsheet', 'latin1')]), 'form.ods', 'OpenDocument spreadsheets (.ods) cannot be read'],
    ['a picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]), 'form.png', 'The file cannot be read as .xlsx or as CSV.'],
    ['a file over the size limit', Buffer.alloc(5 * 1024 * 1024 + 1, 0x20), 'big.csv', 'The file is larger than 5 MB.'],
  ])('when the upload is %s, then it is refused with a reason and nothing is imported', async (_what, data, name, message) => {
    const res = await upload(p.agents.admin, data, name);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(surveyCount(p)).toBe(1);
  });

  test('when the form is posted without a file, then the page asks for one', async () => {
    const token = await csrfOf(p.agents.admin, '/admin/import');
    const res = await p.agents.admin.post('/admin/import/form').field('_csrf', token);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose a spreadsheet file to upload.');
  });

  test('when someone who may not import uploads or publishes, then it is refused and nothing is imported', async () => {
    const data = await xlsxOf(buildQuestionnaire({ id: 'sneaky' }));
    expect((await upload(p.agents.coordinator, data)).status).toBe(403);
    expect((await upload(p.agents.researcher, data)).status).toBe(403);
    const token = await csrfOf(p.agents.researcher, '/admin');
    const definition = JSON.stringify(buildQuestionnaire({ id: 'sneaky' }));
    expect((await p.agents.researcher.post('/admin/import/form/publish').type('form').send({ _csrf: token, definition })).status).toBe(403);
    const anonymous = await p.agents.anonymous.post('/admin/import/form').attach('form', data, 'form.xlsx');
    expect([302, 303, 401, 403]).toContain(anonymous.status);
    expect(surveyCount(p)).toBe(1);
  });

  test('when the upload has no CSRF token, then it is refused', async () => {
    const res = await p.agents.admin.post('/admin/import/form').attach('form', await xlsxOf(buildQuestionnaire({ id: 'forged' })), 'form.xlsx');
    expect(res.status).toBe(403);
    expect(surveyCount(p)).toBe(1);
  });

  test('when a published definition was tampered with, then the import refuses it and stores nothing', async () => {
    const token = await csrfOf(p.agents.admin, '/admin/import');
    const res = await p.agents.admin.post('/admin/import/form/publish').type('form').send({ _csrf: token, definition: JSON.stringify({ ...buildQuestionnaire({ id: 'tampered' }), pages: [] }), file: 'form.xlsx' });
    expect(res.status).toBe(422);
    expect(surveyCount(p)).toBe(1);
  });

  test('when the current questionnaire is downloaded, then the .xlsx reads back as the same definition', async () => {
    const res = await p.agents.researcher.get(`/admin/surveys/${SURVEY}/form.xlsx`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`${SURVEY}-v1.xlsx`);
    const read = await readForm(res.body as Buffer, 'download.xlsx');
    expect(read).toMatchObject({ ok: true, questionnaire: JSON.parse(JSON.stringify(buildQuestionnaire())), controller: { controllerName: 'Test Partnership' } });
    expect((await p.agents.admin.get('/admin/surveys/nope/form.xlsx')).status).toBe(404);
  });
});
