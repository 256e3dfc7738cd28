import request from 'supertest';
import { buildTestApp, countResponses } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { submitForm } from '../helpers/forms';
import { validAnswers } from '../helpers/factories';

const base = '/s/test-survey';
/** A survey whose settings name no controller contact (or no controller at all). */
function incomplete(set: { name?: string; contact?: string } = {}) {
  const built = buildTestApp();
  built.db.prepare('UPDATE surveys SET controller_name = ?, controller_contact = ?').run(set.name ?? '', set.contact ?? '');
  return built;
}
const stored = (db: ReturnType<typeof buildTestApp>['db']) =>
  db.prepare('SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM starts) + (SELECT count(*) FROM drafts)').pluck().get();

describe('a survey whose consent notice is incomplete', () => {
  test.each([
    ['en', {}, 'This survey is not open yet'],
    ['bg', { name: 'Partnership' }, 'Проучването все още не е отворено'],
    ['en', { contact: 'dpo@example.org' }, 'This survey is not open yet'],
  ])('when a respondent opens it (%s), then a clear page says it is not open yet, without a consent form', async (lang, set, title) => {
    const { agent } = incomplete(set);
    const res = await agent().get(`${base}?lang=${lang}`);
    expect(res.status).toBe(409);
    expect(res.text).toContain(`<html lang="${lang}"`);
    expect(res.text).toContain(title);
    expect(res.text).not.toContain('name="consent"');
  });

  test('when the start form of the consent page is posted after the controller was removed, then 409 and nothing is stored', async () => {
    const { agent, db } = buildTestApp();
    const a = agent();
    const consentPage = await a.get(`${base}?lang=en`);
    db.prepare("UPDATE surveys SET controller_contact = ''").run();
    const token = /name="_csrf" value="([^"]*)"/.exec(consentPage.text)![1]!;
    const res = await a.post(`${base}/start`).type('form').send({ _csrf: token, consent: 'yes' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('This survey is not open yet');
    expect(stored(db)).toBe(0);
  });

  test.each([
    ['en', 'its consent notice is incomplete', 'This part of the consent notice is missing.'],
    ['bg', 'информацията за съгласие е непълна', 'Тази част от информацията за съгласие липсва.'],
  ])('when the API is sent a response (%s), then 409 consent_notice_incomplete names the missing settings and stores nothing', async (lang, message, issue) => {
    const { app, db } = incomplete({ name: 'Partnership' });
    const res = await request(app).post('/api/surveys/test-survey/responses').send({ lang, consent: true, answers: validAnswers() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('consent_notice_incomplete');
    expect(res.body.error.message).toContain(message);
    expect(res.body.error.issues).toEqual([{ path: 'settings.controllerContact', message: issue }]);
    expect(stored(db)).toBe(0);
  });

  test('when a signed-in admin opens the survey link, then the consent page is a preview: what is missing, a link to the settings, no form', async () => {
    const { agent, db } = incomplete();
    addUser(db, 'admin@example.org', 'admin');
    const a = agent();
    await signIn(a, 'admin@example.org');
    const res = await a.get(`${base}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Preview for organisers:');
    expect(res.text).toContain('the name of the data controller');
    expect(res.text).toContain("the controller's contact".replace("'", '&#39;'));
    expect(res.text).toContain('href="/admin/surveys/test-survey#settings"');
    expect(res.text).not.toContain('name="consent"');
    expect(stored(db)).toBe(0);
  });

  test('when the admin survey page is opened, then it warns that respondents cannot start and links the missing fields', async () => {
    const { agent, db } = incomplete({ name: 'Partnership' });
    addUser(db, 'admin@example.org', 'admin');
    const a = agent();
    await signIn(a, 'admin@example.org');
    const res = await a.get('/admin/surveys/test-survey');
    expect(res.text).toContain('Respondents cannot start this survey until its consent notice is complete');
    expect(res.text).toContain('href="#controllerContact"');
    expect(res.text).not.toContain('href="#controllerName"');
  });

  test('when the settings are completed, then respondents can start', async () => {
    const { agent, db } = incomplete();
    db.prepare("UPDATE surveys SET controller_name = 'Partnership', controller_contact = 'dpo@example.org'").run();
    const res = await submitForm(agent(), `${base}?lang=en`, `${base}/start`, { consent: 'yes' });
    expect(res.status).toBe(303);
    expect(countResponses(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM starts').pluck().get()).toBe(1);
  });
});

// The test questionnaire is in en and bg; every language's forms are checked by check:i18n (CLDR categories).
describe('the consent notice says how long answers are kept, with the right plural form', () => {
  test.each([
    ['en', 1, 'Your answers are deleted 1 day after you send them.'],
    ['en', 30, 'Your answers are deleted 30 days after you send them.'],
    ['bg', 1, 'Отговорите ви се изтриват 1 ден след като ги изпратите.'],
    ['bg', 90, 'Отговорите ви се изтриват 90 дни след като ги изпратите.'],
  ])('when a survey keeps answers for a number of days (%s, %i), then the sentence agrees with it', async (lang, days, sentence) => {
    const { db, agent } = buildTestApp();
    db.prepare('UPDATE surveys SET retention_days = ?').run(days);
    const res = await agent().get(`${base}?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(sentence);
  });

  test('when the minimum group is shown, then its noun agrees with the number', async () => {
    const { agent } = buildTestApp();
    expect((await agent().get(`${base}?lang=en`)).text).toMatch(/never show groups of fewer than \d+ people\./);
    expect((await agent().get(`${base}?lang=bg`)).text).toMatch(/по-малко от \d+ души\./);
  });
});
