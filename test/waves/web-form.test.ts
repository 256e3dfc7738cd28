import { buildTestApp, countResponses } from '../helpers/app';
import { submitForm } from '../helpers/forms';
import { createPanelHasher } from '../../src/waves/panel';
import { addWave } from './helpers';

const SURVEY = 'test-survey';
const base = `/s/${SURVEY}`;
const page1 = { q_country: 'BG', q_role: 'paid', q_hours: '12', q_settings: ['centre'] };
const page2 = { q_fac_1_i: '5', q_fac_1_p: '2', q_fac_2_na: '1', q_interest: '2' };

describe('the panel code on the consent page', () => {
  test('when the survey has no named wave, then the consent page does not ask for it', async () => {
    const { agent } = buildTestApp();
    expect((await agent().get(`${base}?lang=en`)).text).not.toContain('name="panelCode"');
  });

  test('when a code is given, then the response carries only its keyed hash, and the code is stored nowhere (bg)', async () => {
    const { agent, db } = buildTestApp();
    addWave(db, SURVEY, 'baseline-2027');
    const a = agent();
    const consent = await a.get(`${base}?lang=bg`);
    expect(consent.text).toContain('Панелен код (по желание)');
    expect((await submitForm(a, `${base}?lang=bg`, `${base}/start`, { consent: 'yes', panelCode: 'Ma 07-zz' })).status).toBe(303);
    const draft = db.prepare('SELECT hex(panel_hash) AS h, answers FROM drafts').get() as { h: string; answers: string };
    expect(draft.h).toMatch(/^[0-9A-F]{64}$/);
    await submitForm(a, `${base}/p/1`, `${base}/p/1`, { ...page1, _action: 'next' });
    expect((await submitForm(a, `${base}/p/2`, `${base}/p/2`, { ...page2, _action: 'next' })).headers.location).toBe(`${base}/thanks`);
    const row = db.prepare('SELECT panel_hash, wave_id, answers FROM responses').get() as { panel_hash: Buffer; wave_id: string; answers: string };
    expect(row.wave_id).toBe('baseline-2027');
    expect(row.panel_hash.equals(createPanelHasher(db)(SURVEY, 'ma07zz'))).toBe(true);
    expect(JSON.stringify(db.prepare('SELECT * FROM responses').all()).toLowerCase()).not.toContain('ma 07');
    expect(row.answers.toLowerCase()).not.toContain('ma07');
  });

  test('when the code is malformed, then the page says so in the respondent language and nothing is stored', async () => {
    const { agent, db } = buildTestApp();
    addWave(db, SURVEY, 'baseline-2027');
    const res = await submitForm(agent(), `${base}?lang=bg`, `${base}/start`, { consent: 'yes', panelCode: 'ab' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Панелният код трябва да съдържа от 4 до 40 букви или цифри');
    expect(res.text).toContain('value="ab"');
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM starts').pluck().get()).toBe(0);
    expect(countResponses(db)).toBe(0);
  });
});
