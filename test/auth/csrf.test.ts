import request from 'supertest';
import { buildTestApp } from '../helpers/app';
import { buildPartnership, csrfOf, SURVEY, tokenFor } from '../helpers/auth';
import { validAnswers } from '../helpers/factories';
import { csrfFrom } from '../helpers/forms';

const base = `/s/${SURVEY}`;
const starts = (db: ReturnType<typeof buildTestApp>['db']) => (db.prepare('SELECT count(*) AS n FROM starts').get() as { n: number }).n;

describe('CSRF on the respondent forms', () => {
  test('when the consent page is fetched and its form posted with the token, then the questionnaire starts', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    const consent = await a.get(`${base}?lang=en`);
    const res = await a.post(`${base}/start`).type('form').send({ _csrf: csrfFrom(consent.text), consent: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${base}/p/1`);
    expect(starts(db)).toBe(1);
  });

  test('when the consent form is posted without a token, then it is refused with 403 and nothing is counted', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    await a.get(base);
    const res = await a.post(`${base}/start`).type('form').send({ consent: 'yes' });
    expect(res.status).toBe(403);
    expect(starts(db)).toBe(0);
  });

  test("when a token from another browser's page is used, then it is refused", async () => {
    const { agent } = buildTestApp();
    const other = csrfFrom((await agent().get(base)).text);
    const a = agent();
    await a.get(base);
    expect((await a.post(`${base}/start`).type('form').send({ _csrf: other, consent: 'yes' })).status).toBe(403);
  });

  test('when the erasure form is posted without a token, then it is refused with 403', async () => {
    const { app } = buildTestApp();
    expect((await request(app).post('/erase').type('form').send({ code: 'AAAA-BBBB-CCCC-DDDD' })).status).toBe(403);
  });

  test("when the public JSON endpoints are called without cookies or token, then they work (they never read cookies)", async () => {
    const { app } = buildTestApp();
    const created = await request(app).post(`/api/surveys/${SURVEY}/responses`).send({ consent: true, answers: validAnswers() });
    expect(created.status).toBe(201);
    expect((await request(app).post('/api/erasure').send({ code: created.body.erasureCode })).status).toBe(204);
  });
});

describe('CSRF on the admin API', () => {
  test('when a signed-in browser deletes through the API without the x-csrf-token header, then it is refused', async () => {
    const { agents, ids } = await buildPartnership();
    expect((await agents.admin.delete(`/api/admin/surveys/${SURVEY}/responses/${ids.rome}`)).status).toBe(403);
  });

  test('when a signed-in browser sends the x-csrf-token header, then the API call works', async () => {
    const { agents, ids } = await buildPartnership();
    const token = await csrfOf(agents.admin);
    expect((await agents.admin.delete(`/api/admin/surveys/${SURVEY}/responses/${ids.rome}`).set('x-csrf-token', token)).status).toBe(204);
  });

  test('when a script authenticates with a Bearer token, then no CSRF token is needed', async () => {
    const { app, db, ids } = await buildPartnership();
    const res = await request(app).delete(`/api/admin/surveys/${SURVEY}/responses/${ids.rome}`).set('Authorization', `Bearer ${tokenFor(db, 'admin@example.org')}`);
    expect(res.status).toBe(204);
  });

  test('when a request carries a wrong Bearer token and a valid session cookie, then it is judged by the token alone (401)', async () => {
    const { agents } = await buildPartnership();
    const res = await agents.admin.get('/api/admin/surveys').set('Authorization', 'Bearer nm_forged');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test('when a reverse proxy adds Basic authentication, then the session cookie still signs the browser in', async () => {
    const { agents } = await buildPartnership();
    expect((await agents.admin.get('/admin').set('Authorization', 'Basic dXNlcjpwYXNz')).status).toBe(200);
  });
});
