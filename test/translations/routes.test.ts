import { buildPartnership, postForm, SURVEY } from '../helpers/auth';
import { submitForm } from '../helpers/forms';

const PAGE = `/admin/surveys/${SURVEY}/translations`;
const exportUrl = (lang: string, format: string) => `${PAGE}/export?lang=${lang}&format=${format}`;

/** Fills the Bulgarian target of one XLIFF unit. */
const translate = (xml: string, id: string, text: string) => xml.replace(new RegExp(`(<unit id="${id.replace(/\./g, '\\.')}">[\\s\\S]*?</source>)(\\s*<target>[\\s\\S]*?</target>)?`), `$1<target>${text}</target>`);

describe('the translations page of a survey', () => {
  let p: Awaited<ReturnType<typeof buildPartnership>>;
  beforeEach(async () => {
    p = await buildPartnership();
  });

  test('when nobody is signed in, then the page and the downloads send to the sign-in page', async () => {
    for (const url of [PAGE, exportUrl('bg', 'xliff')]) {
      const res = await p.agents.anonymous.get(url).set('Accept', 'text/html');
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/login\?next=/);
    }
  });

  test.each(['coordinator', 'researcher'] as const)('when a %s asks, then it is forbidden', async (role) => {
    expect((await p.agents[role].get(PAGE)).status).toBe(403);
    expect((await p.agents[role].get(exportUrl('bg', 'csv'))).status).toBe(403);
    expect((await postForm(p.agents[role], PAGE, { translation: 'x' })).status).toBe(403);
  });

  test('when the form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const before = p.db.prepare('SELECT hash FROM questionnaire_versions').pluck().all();
    const res = await p.agents.admin.post(PAGE).type('form').send({ translation: 'x' });
    expect(res.status).toBe(403);
    expect(p.db.prepare('SELECT hash FROM questionnaire_versions').pluck().all()).toEqual(before);
  });

  test('when an admin opens it, then each language shows its completeness with downloads, and the survey page links to it', async () => {
    const res = await p.agents.admin.get(PAGE);
    expect(res.status).toBe(200);
    const bg = /<tr data-lang="bg">([\s\S]*?)<\/tr>/.exec(res.text)?.[1] ?? '';
    expect(bg).toMatch(/data-count="missing">\d+</);
    expect(bg).toContain(`href="${exportUrl('bg', 'xliff').replace(/&/g, '&amp;')}"`);
    expect(/<tr data-lang="en">[\s\S]*?\(source language\)/.test(res.text)).toBe(true);
    expect((await p.agents.admin.get(`/admin/surveys/${SURVEY}`)).text).toContain(`href="${PAGE}"`);
    expect((await p.agents.coordinator.get(`/admin/surveys/${SURVEY}`)).text).not.toContain(`href="${PAGE}"`);
  });

  test('when an admin downloads a language, then the file is an attachment in its format; the source language is refused', async () => {
    const xliff = await p.agents.admin.get(exportUrl('bg', 'xliff'));
    expect(xliff.status).toBe(200);
    expect(xliff.headers['content-type']).toBe('application/xliff+xml; charset=utf-8');
    expect(xliff.headers['content-disposition']).toBe(`attachment; filename="${SURVEY}.bg.xlf"`);
    const csv = await p.agents.admin.get(exportUrl('bg', 'csv'));
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFsurvey,unit,status,source (en),target (bg),note')).toBe(true);
    expect((await p.agents.admin.get(exportUrl('en', 'csv'))).status).toBe(400);
    expect((await p.agents.admin.get(exportUrl('fi', 'csv'))).status).toBe(400);
    expect((await p.agents.admin.get(exportUrl('bg', 'pdf'))).status).toBe(400);
  });

  test('when an admin uploads a translation, then respondents see it, the page counts it and the audit log records it', async () => {
    const xml = translate((await p.agents.admin.get(exportUrl('bg', 'xliff'))).text, 'question.hours.label', 'Часове седмично');
    const res = await postForm(p.agents.admin, PAGE, { translation: xml }, PAGE);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/Български: 1 of \d+ texts changed; questionnaire version 2 \(saved as a new version\)\./);
    expect(p.db.prepare("SELECT detail FROM audit_log WHERE action = 'translations.import'").pluck().get()).toMatch(/^bg: 1 of \d+ texts changed, version 2/);

    const respondent = p.agent();
    await submitForm(respondent, `/s/${SURVEY}?lang=bg`, `/s/${SURVEY}/start`, { consent: 'yes' });
    const page1 = await submitForm(respondent, `/s/${SURVEY}/p/1`, `/s/${SURVEY}/p/1`, { q_country: 'BG', q_role: 'paid', _action: 'lang:bg' });
    const shown = await respondent.get(page1.headers.location as string);
    expect(shown.text).toMatch(/<label for="q_hours" class="label">Часове седмично/);
  });

  test('when an admin uploads a file with problems, then the page lists them located and nothing is applied', async () => {
    const before = p.db.prepare('SELECT hash FROM questionnaire_versions').pluck().all();
    const xml = translate((await p.agents.admin.get(exportUrl('bg', 'xliff'))).text, 'title', 'Ново').replace('<unit id="purpose">', '<unit id="purpos">');
    const res = await postForm(p.agents.admin, PAGE, { translation: xml }, PAGE);
    expect(res.status).toBe(422);
    expect(res.text).toContain('1 problem: nothing was applied');
    expect(res.text).toMatch(/<code>line \d+<\/code><\/td><td>unknown unit &#34;purpos&#34;/);
    expect(p.db.prepare('SELECT hash FROM questionnaire_versions').pluck().all()).toEqual(before);
    expect((await postForm(p.agents.admin, PAGE, { translation: '  ' }, PAGE)).status).toBe(422);
  });
});
