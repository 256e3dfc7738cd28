import { buildTestApp, countResponses } from '../helpers/app';
import { csrfFrom, submitForm } from '../helpers/forms';

const base = '/s/test-survey';
const page1 = { q_country: 'BG', q_role: 'paid', q_hours: '12', q_settings: ['centre'] };
const page2 = { q_fac_1_i: '5', q_fac_1_p: '2', q_fac_2_na: '1', q_interest: '2' };
type Agent = ReturnType<ReturnType<typeof buildTestApp>['agent']>;

async function consent(agent: Agent, lang: string) {
  expect((await submitForm(agent, `${base}?lang=${lang}`, `${base}/start`, { consent: 'yes' })).status).toBe(303);
}
const draftAnswers = (db: ReturnType<typeof buildTestApp>['db']) => JSON.parse(db.prepare('SELECT answers FROM drafts').pluck().get() as string) as Record<string, unknown>;

describe('after the thank-you page', () => {
  test('when the respondent goes Back to the last page, then it says the answers were sent, with erasure and start-again links (bg)', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'bg');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    expect((await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' })).headers.location).toBe(`${base}/thanks`);
    const back = await a.get(`${base}/p/2`);
    expect(back.status).toBe(200);
    expect(back.headers['cache-control']).toBe('no-store');
    expect(back.text).toContain('Отговорите ви вече са изпратени');
    expect(back.text).not.toContain('Не успяхме да открием');
    expect(back.text).toContain('href="/erase?lang=bg"');
    expect(back.text).toContain(`href="${base}/thanks"`);
    expect(back.text).toContain(`href="${base}"`);
  });

  test('when the last page is sent again from the browser history, then nothing is stored twice and the same page explains it', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    // the form as the browser kept it: the same token, posted once more after the thank-you page
    const form = new URLSearchParams({ _csrf: csrfFrom((await a.get(`${base}/p/2`)).text), ...page2, _action: 'next' }).toString();
    expect((await a.post(`${base}/p/2`).type('form').send(form)).headers.location).toBe(`${base}/thanks`);
    const again = await a.post(`${base}/p/2`).type('form').send(form);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Your answers were already sent');
    expect(countResponses(db)).toBe(1);
  });

  test('when a new respondent on the same browser consents again, then the journey starts afresh', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' });
    await consent(a, 'en');
    expect((await a.get(`${base}/p/1`)).text).toContain('id="qform"');
  });

  test('without a sent response, a page without a draft still leads to the resume page', async () => {
    const { agent } = buildTestApp();
    expect((await agent().get(`${base}/p/2`)).headers.location).toBe(`${base}/resume?expired=1`);
  });
});

describe('"not applicable" ticked together with ratings', () => {
  test.each([
    // The message quotes the questionnaire's own label, as the checkbox shows it (bg: not translated in the test questionnaire).
    ['en', 'You ticked “Not applicable” and also gave ratings'],
    ['bg', 'Отбелязахте „Not applicable“ и същевременно дадохте оценки'],
  ])('when both are sent (%s), then the item shows the error, both stay as entered and nothing is stored', async (lang, message) => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, lang);
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    const res = await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, q_fac_1_na: '1', _action: 'next' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#q_fac_1"');
    expect(res.text).toContain(`<p class="field-error" id="q_fac_1-error">${message}`);
    expect(res.text).toMatch(/id="q_fac_1-na" name="q_fac_1_na" value="1" checked/);
    expect(res.text).toMatch(/name="q_fac_1_i" value="5" checked/);
    expect(draftAnswers(db).fac_1).toEqual({ importance: 5, proficiency: 2, na: true });
    expect(countResponses(db)).toBe(0);
  });

  test('when the respondent then unticks "not applicable", then the ratings are stored', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, q_fac_1_na: '1', _action: 'next' });
    expect((await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' })).headers.location).toBe(`${base}/thanks`);
    expect(JSON.parse(db.prepare('SELECT answers FROM responses').pluck().get() as string).fac_1).toEqual({ importance: 5, proficiency: 2 });
  });

  test('when a conflict was saved for later and the last page is sent, then the respondent is sent back to it', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, q_fac_1_na: '1', _action: 'save' });
    const res = await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, q_fac_1_na: '1', _action: 'next' });
    expect(res.status).toBe(422);
    expect(countResponses(db)).toBe(0);
  });
});

describe('a follow-up answered while its condition is not met (no JavaScript)', () => {
  test('when the page is sent, then the answer is not dropped silently: the page asks to confirm, in the page language', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    const res = await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, q_role: 'volunteer', _action: 'next' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="confirm-summary"');
    expect(res.text).toContain('You answered “Hours a week”, but this question only applies if: Role: Paid. This answer will not be kept.');
    expect(res.text).toContain('id="q_hours-notice"');
    expect(res.text).toContain('<input type="hidden" name="_drop" value="hours">');
    expect(draftAnswers(db).hours).toBe(12);
  });

  test('when the respondent confirms, then the answer is removed and the next page follows; the response has no hours', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, q_role: 'volunteer', _action: 'next' });
    const confirmed = await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, q_role: 'volunteer', _drop: 'hours', _action: 'next' });
    expect(confirmed.headers.location).toBe(`${base}/p/2`);
    expect(draftAnswers(db)).not.toHaveProperty('hours');
    await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' });
    expect(JSON.parse(db.prepare('SELECT answers FROM responses').pluck().get() as string)).not.toHaveProperty('hours');
  });

  test('when the respondent changes the answer the condition depends on instead, then the follow-up answer is kept', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, q_role: 'volunteer', _action: 'next' });
    expect((await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _drop: 'hours', _action: 'next' })).headers.location).toBe(`${base}/p/2`);
    expect(draftAnswers(db).hours).toBe(12);
  });

  test('when a confirmation arrives for another question than the one now unmet, then the page asks again', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'bg');
    const res = await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, q_role: 'volunteer', _drop: 'country', _action: 'next' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Моля, проверете, преди да продължите');
  });

  test('when the follow-up is left empty, then no question is asked', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    expect((await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, q_role: 'volunteer', q_hours: '', _action: 'next' })).headers.location).toBe(`${base}/p/2`);
  });
});
