import request from 'supertest';
import { buildTestApp, countResponses } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { createSurveyService } from '../../src/surveys/service';

const url = '/api/surveys/test-survey/responses';
const body = (overrides: Record<string, unknown> = {}) => ({ lang: 'en', consent: true, answers: validAnswers(), ...overrides });

describe('POST /api/surveys/:id/responses', () => {
  test('when a complete response is posted, then 201 returns an id and an erasure code, and it is stored once', async () => {
    const { app, db } = buildTestApp();
    const res = await request(app).post(url).send(body({ lang: 'bg' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), erasureCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) });
    const row = db.prepare('SELECT lang, answers, submitted_on, collector_id FROM responses').get() as Record<string, string>;
    expect(row.lang).toBe('bg');
    expect(JSON.parse(row.answers!)).toEqual(validAnswers());
    expect(row.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(countResponses(db)).toBe(1);
  });

  test('when posted through a collector, then the response belongs to that collector', async () => {
    const { app, db } = buildTestApp();
    createSurveyService(db).saveCollector('test-survey', { id: 'sofia', label: 'Sofia', invited: 10 });
    expect((await request(app).post(url).send(body({ collector: 'sofia' }))).status).toBe(201);
    expect(db.prepare('SELECT collector_id FROM responses').pluck().get()).toBe('sofia');
  });

  test.each([
    ['malformed JSON', (r: request.Test) => r.set('Content-Type', 'application/json').send('{"consent": tru'), 400, 'malformed_json'],
    ['a body over the size limit', (r: request.Test) => r.send(body({ answers: { comment: 'x'.repeat(300_000) } })), 413, 'too_large'],
    ['no consent', (r: request.Test) => r.send(body({ consent: false })), 422, 'consent_required'],
    ['an invalid answer', (r: request.Test) => r.send(body({ answers: validAnswers({ role: 'boss' }) })), 422, 'invalid_answers'],
    ['a missing required answer', (r: request.Test) => r.send(body({ answers: { ...validAnswers(), country: undefined } })), 422, 'invalid_answers'],
    ['a wrong envelope', (r: request.Test) => r.send({ consent: 'yes', answers: [] }), 422, 'invalid_request'],
    ['an unknown language', (r: request.Test) => r.send(body({ lang: 'xx' })), 422, 'invalid_request'],
    ['an unknown collector', (r: request.Test) => r.send(body({ collector: 'nowhere' })), 404, 'collector_not_found'],
  ])('when the request has %s, then it is refused and nothing is stored', async (_name, send, status, code) => {
    const { app, db } = buildTestApp();
    const res = await send(request(app).post(url));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code === 'collector_not_found' ? 'collector_not_found' : code);
    expect(countResponses(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM starts').pluck().get()).toBe(0);
  });

  test('when the survey is unknown, then 404', async () => {
    const { app } = buildTestApp();
    const res = await request(app).post('/api/surveys/nope/responses').send(body());
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  test('when the survey is closed, then 409 and nothing is stored', async () => {
    const { app, db } = buildTestApp();
    db.prepare("UPDATE surveys SET closes_at = '2000-01-01T00:00:00Z'").run();
    const res = await request(app).post(url).send(body());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('survey_closed');
    expect(countResponses(db)).toBe(0);
  });

  test('when answers are invalid, then every issue is listed with its path in the requested language', async () => {
    const { app } = buildTestApp();
    const res = await request(app).post(url).send(body({ lang: 'bg', answers: validAnswers({ role: 'boss', fac_1: { importance: 9, proficiency: 1 } }) }));
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['answers.role', 'answers.fac_1']);
    expect(res.body.error.message).toMatch(/[а-я]/);
    expect(res.body.error.issues[0].message).toMatch(/[а-я]/);
  });

  test('when the same Idempotency-Key is retried, then exactly one response is stored and the same result returned', async () => {
    const { app, db } = buildTestApp();
    const first = await request(app).post(url).set('Idempotency-Key', 'abc-123').send(body());
    const again = await request(app).post(url).set('Idempotency-Key', 'abc-123').send(body());
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(countResponses(db)).toBe(1);
  });

  test('when an Idempotency-Key is reused with another body, then 422 and nothing more is stored', async () => {
    const { app, db } = buildTestApp();
    await request(app).post(url).set('Idempotency-Key', 'k').send(body());
    const res = await request(app).post(url).set('Idempotency-Key', 'k').send(body({ answers: validAnswers({ role: 'volunteer', hours: undefined }) }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('idempotency_mismatch');
    expect(countResponses(db)).toBe(1);
  });
});

describe('erasure', () => {
  test('when the erasure code is posted, then the response is removed; a second time gives 404', async () => {
    const { app, db } = buildTestApp();
    const { body: created } = await request(app).post(url).send(body());
    expect((await request(app).post('/api/erasure').send({ code: created.erasureCode.toLowerCase() })).status).toBe(204);
    expect(countResponses(db)).toBe(0);
    expect((await request(app).post('/api/erasure').send({ code: created.erasureCode })).status).toBe(404);
  });
});

describe('survey definitions', () => {
  test('when surveys are listed, then open ones appear with their languages', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/api/surveys');
    expect(res.body.surveys).toEqual([expect.objectContaining({ id: 'test-survey', languages: ['en', 'bg'] })]);
  });

  test('when a definition is asked in a language, then texts are in it, falling back to the default', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/api/surveys/test-survey?lang=bg');
    expect(res.body.definition.title).toBe('Тестово проучване');
    expect(res.body.definition.pages[0].questions[2].label).toBe('Hours a week');
  });

  test('when the survey does not exist, then 404', async () => {
    const { app } = buildTestApp();
    expect((await request(app).get('/api/surveys/none')).status).toBe(404);
  });

  test('when health is checked, then ok', async () => {
    const { app } = buildTestApp();
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
  });
});
