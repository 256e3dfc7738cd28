import request from 'supertest';
import { buildPartnership, postForm, signIn, addUser, SURVEY } from '../helpers/auth';
import { buildTestApp } from '../helpers/app';
import { createSurveyService } from '../../src/surveys/service';
import { validAnswers } from '../helpers/factories';

describe('the admin language', () => {
  test('when ?lang= is given, then the page is in that language and the choice is remembered in a cookie', async () => {
    const p = await buildPartnership();
    const bg = await p.agents.admin.get('/admin?lang=bg');
    expect(bg.text).toContain('<html lang="bg"');
    expect(String(bg.headers['set-cookie'])).toMatch(/nm_admin_lang=bg/);
    const later = await p.agents.admin.get('/admin/users').set('Accept-Language', 'fi');
    expect(later.text).toContain('<html lang="bg"');
  });

  test('when the selector in the navigation is used, then the language changes and the same page comes back', async () => {
    const p = await buildPartnership();
    const page = await p.agents.admin.get(`/admin/surveys/${SURVEY}?lang=en`);
    expect(page.text).toContain('<select id="ui-lang" name="lang">');
    expect(page.text).toContain('<option value="fi" lang="fi">Suomi</option>');
    const res = await postForm(p.agents.admin, '/admin/language', { lang: 'fi', back: `/admin/surveys/${SURVEY}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/surveys/${SURVEY}`);
    expect((await p.agents.admin.get(res.headers.location!)).text).toContain('<html lang="fi"');
  });

  test('when the selector is sent an unknown language or a page outside the admin, then nothing changes and it goes to /admin', async () => {
    const p = await buildPartnership();
    const res = await postForm(p.agents.admin, '/admin/language', { lang: 'xx', back: 'https://evil.example/' });
    expect(res.headers.location).toBe('/admin');
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/nm_admin_lang/);
  });

  test('when the report dashboard is given ?lang=, then it is the report language and the interface keeps its own', async () => {
    const p = await buildPartnership();
    await p.agents.admin.get('/admin?lang=de');
    const res = await p.agents.admin.get(`/admin/surveys/${SURVEY}/report?lang=bg`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="de"');
    expect(res.text).toContain('<div lang="bg">');
  });

  test('when the sign-in page is opened with ?lang=, then it offers the other languages as links keeping where to go next', async () => {
    const { agent } = buildTestApp();
    const res = await agent().get('/login?lang=sl&next=%2Fadmin%2Fusers');
    expect(res.text).toContain('<html lang="sl"');
    expect(res.text).toContain('href="/login?lang=pl&amp;next=%2Fadmin%2Fusers"');
  });
});

describe('the favicon', () => {
  test('when a browser asks for /favicon.ico or the linked SVG, then both exist; every page links the icon', async () => {
    const { app } = buildTestApp();
    const ico = await request(app).get('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers['content-type']).toMatch(/icon/);
    const page = await request(app).get('/s/test-survey');
    const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(page.text)?.[1];
    expect(href).toMatch(/^\/public\/favicon\.svg/);
    const svg = await request(app).get(href!);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/svg/);
  });
});

describe('raw responses through the direct link', () => {
  test('when the partner filter is "direct link", then only responses without a collector are listed', async () => {
    const p = await buildPartnership();
    await request(p.app).post(`/api/surveys/${SURVEY}/responses`).send({ consent: true, lang: 'en', answers: validAnswers({ comment: 'through the direct link' }) });
    const page = await p.agents.admin.get(`/admin/surveys/${SURVEY}/responses`);
    expect(page.text).toContain('<option value="_direct">Direct link</option>');
    const direct = await p.agents.admin.get(`/admin/surveys/${SURVEY}/responses?collector=_direct`);
    expect(direct.status).toBe(200);
    expect(direct.text).toContain('<option value="_direct" selected>Direct link</option>');
    expect(direct.text).toContain('1 response');
    expect(direct.text).toContain('through the direct link');
    expect(direct.text).not.toContain('Sofia private remark');
    const api = await p.agents.admin.get(`/api/admin/surveys/${SURVEY}/responses?collector=_direct`);
    expect(api.body.total).toBe(1);
  });

  test('when a coordinator asks for the direct link, then it does not exist for them (404), and the option is not offered', async () => {
    const p = await buildPartnership();
    expect((await p.agents.coordinator.get(`/admin/surveys/${SURVEY}/responses?collector=_direct`)).status).toBe(404);
    expect((await p.agents.coordinator.get(`/admin/surveys/${SURVEY}/responses`)).text).not.toContain('_direct');
  });
});

describe('the overall response rate', () => {
  test('when the only completed response came through the direct link, then the overall rate counts it (not 0 %)', async () => {
    const { app, db, agent } = buildTestApp();
    createSurveyService(db).saveCollector('test-survey', { id: 'sofia', label: 'Sofia – Youth Bulgaria Network', invited: 40 });
    addUser(db, 'admin@example.org', 'admin');
    const a = agent();
    await signIn(a, 'admin@example.org');
    await request(app).post('/api/surveys/test-survey/responses').send({ consent: true, lang: 'en', answers: validAnswers() });
    const funnel = (await a.get('/api/admin/surveys/test-survey/funnel')).body as { total: { completed: number; responseRate: number } };
    expect(funnel.total).toMatchObject({ completed: 1, responseRate: 3 });
    const page = await a.get('/admin/surveys/test-survey');
    expect(page.text).toContain('<td class="num">3%</td>');
    expect(page.text).toContain('The overall rates count every completed response');
  });
});
