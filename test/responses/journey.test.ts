import { buildTestApp, countResponses } from '../helpers/app';
import { csrfFrom, submitForm } from '../helpers/forms';

const base = '/s/test-survey';
const page1 = { q_country: 'BG', q_role: 'paid', q_hours: '12', q_settings: ['centre', 'street'] };
const page2 = { q_fac_1_i: '5', q_fac_1_p: '2', q_fac_2_na: '1', q_interest: '2', q_comment: '<script>alert(1)</script>' };

async function consent(agent: ReturnType<ReturnType<typeof buildTestApp>['agent']>, lang = 'bg') {
  const res = await submitForm(agent, `${base}?lang=${lang}`, `${base}/start`, { consent: 'yes' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`${base}/p/1`);
}

describe('respondent pages', () => {
  test('when the consent page is opened in Bulgarian, then html lang is bg and the controller is named', async () => {
    const { agent } = buildTestApp();
    const res = await agent().get(`${base}?lang=bg`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="bg" dir="ltr"');
    expect(res.text).toContain('Test Partnership');
    expect(res.text).toContain('Тестово проучване');
  });

  test('when Accept-Language prefers Bulgarian, then the page is Bulgarian; a cookie from ?lang= wins next time', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    expect((await a.get(base).set('Accept-Language', 'bg-BG,bg;q=0.9,en;q=0.5')).text).toContain('lang="bg"');
    await a.get(`${base}?lang=en`);
    expect((await a.get(base).set('Accept-Language', 'bg')).text).toContain('lang="en"');
  });

  test('when consent is not ticked, then the page shows the error and nothing starts', async () => {
    const { agent, db } = buildTestApp();
    const res = await submitForm(agent(), `${base}?lang=en`, `${base}/start`, {});
    expect(res.status).toBe(422);
    expect(res.text).toContain('Please tick the box');
    expect(db.prepare('SELECT count(*) FROM starts').pluck().get()).toBe(0);
  });

  test('when the whole survey is completed in Bulgarian, then the response is stored and an erasure code shown', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a);
    expect((await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' })).headers.location).toBe(`${base}/p/2`);
    const done = await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' });
    expect(done.headers.location).toBe(`${base}/thanks`);
    const thanks = await a.get(`${base}/thanks`);
    expect(thanks.text).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const row = db.prepare('SELECT lang, answers FROM responses').get() as { lang: string; answers: string };
    expect(row.lang).toBe('bg');
    expect(JSON.parse(row.answers)).toEqual({
      country: 'BG', role: 'paid', hours: 12, settings: ['centre', 'street'],
      fac_1: { importance: 5, proficiency: 2 }, fac_2: 'na', interest: 2, comment: '<script>alert(1)</script>',
    });
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
  });

  test('when a page has errors, then they are listed at the top and next to each field, in the page language', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a);
    const res = await submitForm(a, `${base}/p/1`, `${base}/p/1`, { q_hours: 'lots', q_role: 'paid', _action: 'next' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toContain('href="#q_country"');
    expect(res.text).toContain('id="q_country-error"');
    expect(res.text).toContain('aria-describedby="q_country-error"');
    expect(res.text).toContain('value="lots"');
    expect(res.text).toMatch(/Моля/);
    expect(countResponses(db)).toBe(0);
  });

  test('when the language is switched mid-page, then the answers typed so far are kept', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    const res = await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'lang:bg' });
    expect(res.status).toBe(303);
    const again = await a.get(res.headers.location!);
    expect(again.text).toContain('lang="bg"');
    expect(again.text).toMatch(/value="BG" selected/);
    expect(again.text).toMatch(/value="street" checked/);
  });

  test('when a respondent saves and resumes with the code on another device, then the answers are there', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    const saved = await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'save' });
    const code = /class="code"[^>]*>([0-9A-Z-]+)</.exec(saved.text)?.[1];
    expect(code).toBeDefined();
    const b = agent();
    const resumed = await submitForm(b, `${base}/resume`, `${base}/resume`, { code: code!.toLowerCase() });
    expect(resumed.status).toBe(303);
    expect((await b.get(`${base}/p/1`)).text).toMatch(/value="12"/);
  });

  test('when a wrong resume code is given, then a clear error and no access', async () => {
    const { agent } = buildTestApp();
    const res = await submitForm(agent(), `${base}/resume?lang=en`, `${base}/resume`, { code: 'AAAA-BBBB-CCCC' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('We found no saved answers');
  });

  test('when a page is opened without a draft, then the respondent is sent to resume', async () => {
    const { agent } = buildTestApp();
    const res = await agent().get(`${base}/p/1`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${base}/resume?expired=1`);
  });

  test('when the erasure page gets a valid code, then the response is deleted', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await consent(a);
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' });
    const code = /class="code"[^>]*>([0-9A-Z-]+)</.exec((await a.get(`${base}/thanks`)).text)![1]!;
    expect((await submitForm(a, '/erase', '/erase', { code: 'WRONG-CODE' })).status).toBe(404);
    const res = await submitForm(a, '/erase?lang=en', '/erase?lang=en', { code });
    expect(res.text).toContain('Your answers have been deleted');
    expect(countResponses(db)).toBe(0);
  });

  test('when free text holds markup, then pages show it inert', async () => {
    const { agent } = buildTestApp();
    const a = agent();
    await consent(a, 'en');
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    const res = await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, q_comment: '<script>x</script>' + 'y'.repeat(60), _action: 'next' });
    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>x</script>');
    expect(res.text).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  test('when an unknown survey or collector is opened, then a 404 page', async () => {
    const { agent } = buildTestApp();
    expect((await agent().get('/s/nope')).status).toBe(404);
    expect((await agent().get(`${base}/c/nope`)).status).toBe(404);
  });

  test('when pages are rendered, then they carry a CSRF field for forms', async () => {
    const { agent } = buildTestApp();
    expect(csrfFrom((await agent().get(base)).text)).toBeDefined();
  });
});
