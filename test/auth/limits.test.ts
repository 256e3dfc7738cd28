import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/config';
import { createAuthService } from '../../src/auth/service';
import { buildTestApp, countResponses } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { csrfFrom } from '../helpers/forms';
import { addUser, PASSWORD, SURVEY, tokenFor } from '../helpers/auth';

const body = () => ({ consent: true, lang: 'en', answers: validAnswers() });

describe('per-address limit on anonymous submissions (NEEDSMAP_SUBMIT_LIMIT)', () => {
  test('when one address submits more than the limit in a minute, then the extra response is refused with 429 and not stored', async () => {
    const { app, db } = buildTestApp(undefined, { env: { NEEDSMAP_SUBMIT_LIMIT: '3' } });
    for (let i = 0; i < 3; i++) expect((await request(app).post(`/api/surveys/${SURVEY}/responses`).send(body())).status).toBe(201);
    const refused = await request(app).post(`/api/surveys/${SURVEY}/responses`).send(body());
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBe('60');
    expect(countResponses(db)).toBe(3);
  });

  test('when a client not among the trusted proxies rotates X-Forwarded-For, then the header is ignored and its own address is limited', async () => {
    const { app, db } = buildTestApp(undefined, { env: { NEEDSMAP_SUBMIT_LIMIT: '3', NEEDSMAP_TRUST_PROXY: '10.9.8.7' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(app).post(`/api/surveys/${SURVEY}/responses`).set('X-Forwarded-For', `203.0.113.${i + 1}`).send(body())).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(countResponses(db)).toBe(3);
  });

  test('when the request comes through a trusted proxy, then each forwarded address has its own budget', async () => {
    const { app } = buildTestApp(undefined, { env: { NEEDSMAP_SUBMIT_LIMIT: '1', NEEDSMAP_TRUST_PROXY: 'loopback' } });
    const send = (address: string) => request(app).post(`/api/surveys/${SURVEY}/responses`).set('X-Forwarded-For', address).send(body());
    expect((await send('203.0.113.1')).status).toBe(201);
    expect((await send('203.0.113.2')).status).toBe(201);
    expect((await send('203.0.113.1')).status).toBe(429);
  });
});

describe('sign-in throttle and forged X-Forwarded-For', () => {
  test('when failed sign-ins rotate X-Forwarded-For from an untrusted address, then the per-address delay still applies', async () => {
    const { app } = buildTestApp(undefined, { env: { NEEDSMAP_TRUST_PROXY: '10.9.8.7' } });
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login')).text);
    const statuses: number[] = [];
    // A different account name each time, so only the address can be what is throttled.
    for (let i = 0; i < 12; i++) {
      const res = await agent.post('/login').set('X-Forwarded-For', `198.51.100.${i + 1}`).type('form').send({ _csrf: token, email: `nobody${i}@example.org`, password: 'wrong password here' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(11)).toEqual([429]);
  });
});

describe('configuration of trusted proxies', () => {
  test.each(['1', 'true', '2', 'example.org', '10.0.0.0/33'])('when NEEDSMAP_TRUST_PROXY is %p, then the start is refused with a message naming it', (value) => {
    expect(() => loadConfig({ NEEDSMAP_TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ NEEDSMAP_TRUST_PROXY: value })).toThrow(/NEEDSMAP_TRUST_PROXY: must list the proxy addresses/);
  });

  test('when it lists addresses, ranges and presets, then Express gets that list', () => {
    expect(loadConfig({ NEEDSMAP_TRUST_PROXY: 'loopback, 10.0.0.2,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.2', 'fd00::/8']);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});

describe('per-user limits on reports and exports', () => {
  test('when a user fetches more reports than NEEDSMAP_REPORT_LIMIT in a minute, then 429; another user keeps her own budget', async () => {
    const { app, db } = buildTestApp(undefined, { env: { NEEDSMAP_REPORT_LIMIT: '2' } });
    addUser(db, 'a@example.org', 'admin');
    addUser(db, 'b@example.org', 'researcher');
    const [a, b] = [tokenFor(db, 'a@example.org'), tokenFor(db, 'b@example.org')];
    const report = (token: string) => request(app).get(`/api/surveys/${SURVEY}/report`).set('Authorization', `Bearer ${token}`);
    expect((await report(a)).status).toBe(200);
    expect((await report(a)).status).toBe(200);
    expect((await report(a)).status).toBe(429);
    expect((await request(app).get(`/admin/surveys/${SURVEY}/report.pdf`).set('Authorization', `Bearer ${a}`)).status).toBe(429);
    expect((await report(b)).status).toBe(200);
  });

  test('when a user exports more often than NEEDSMAP_EXPORT_LIMIT, then 429', async () => {
    const { app, db } = buildTestApp(undefined, { env: { NEEDSMAP_EXPORT_LIMIT: '1' } });
    addUser(db, 'a@example.org', 'admin');
    const token = tokenFor(db, 'a@example.org');
    const csv = () => request(app).get(`/api/surveys/${SURVEY}/responses.csv`).set('Authorization', `Bearer ${token}`);
    expect((await csv()).status).toBe(200);
    expect((await csv()).status).toBe(429);
    expect((await request(app).get(`/api/surveys/${SURVEY}/responses.xlsx`).set('Authorization', `Bearer ${token}`)).status).toBe(429);
  });
});

describe('API tokens and password changes', () => {
  test('when a user changes her password, then her API tokens stop working and show as revoked', async () => {
    const { app, db } = buildTestApp();
    const id = addUser(db, 'a@example.org', 'admin');
    const token = tokenFor(db, 'a@example.org');
    const report = () => request(app).get(`/api/surveys/${SURVEY}/report`).set('Authorization', `Bearer ${token}`);
    expect((await report()).status).toBe(200);
    expect(await createAuthService(db).changePassword(id, PASSWORD, 'a new password of some length')).toBe(true);
    expect((await report()).status).toBe(401);
    expect(createAuthService(db).users().find((u) => u.id === id)!.tokens.every((t) => t.revoked_at !== null)).toBe(true);
  });

  test('when the current password is wrong, then nothing changes and the token keeps working', async () => {
    const { app, db } = buildTestApp();
    const id = addUser(db, 'a@example.org', 'admin');
    const token = tokenFor(db, 'a@example.org');
    expect(await createAuthService(db).changePassword(id, 'not the password', 'a new password of some length')).toBe(false);
    expect((await request(app).get(`/api/surveys/${SURVEY}/report`).set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });
});
