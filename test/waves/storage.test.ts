import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Command } from 'commander';
import { registerWave } from '../../src/cli/commands/wave';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS_DIR, openDb } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createAnalysisService } from '../../src/analysis/service';
import { isSuppressed } from '../../src/analysis/schema';
import { buildTestApp, buildTestDb } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { addWave, dayOffset, seedWave, today } from './helpers';

const SURVEY = 'test-survey';
const waveOf = (db: ReturnType<typeof buildTestDb>) => (db.prepare('SELECT wave_id FROM responses ORDER BY id DESC LIMIT 1').pluck().get() as string | null);

describe('which wave a response joins', () => {
  test('when no wave exists, or none is open today, then the response joins the default wave', () => {
    const db = buildTestDb();
    seedResponses(db, SURVEY, [{ answers: validAnswers() }]);
    expect(waveOf(db)).toBeNull();
    addWave(db, SURVEY, 'over', dayOffset(-30), dayOffset(-1));
    addWave(db, SURVEY, 'future', dayOffset(1));
    seedResponses(db, SURVEY, [{ answers: validAnswers() }]);
    expect(waveOf(db)).toBeNull();
  });

  test('when waves overlap, then the one opened last wins, and a later change of dates moves no response', () => {
    const db = buildTestDb();
    addWave(db, SURVEY, 'baseline');
    seedResponses(db, SURVEY, [{ answers: validAnswers() }]);
    expect(waveOf(db)).toBe('baseline');
    const added = addWave(db, SURVEY, 'follow-up', dayOffset(-2));
    expect(added.overlapping).toEqual(['baseline']);
    seedResponses(db, SURVEY, [{ answers: validAnswers() }]);
    expect(waveOf(db)).toBe('follow-up');
    // same opening day: the one added last
    addWave(db, SURVEY, 'twin', dayOffset(-2), today());
    seedResponses(db, SURVEY, [{ answers: validAnswers() }]);
    expect(waveOf(db)).toBe('twin');
    addWave(db, SURVEY, 'follow-up', dayOffset(-2), dayOffset(-1));
    expect(db.prepare('SELECT wave_id FROM responses ORDER BY id').pluck().all()).toEqual(['baseline', 'follow-up', 'twin']);
  });

  test('when a database from before waves is migrated, then every response stays, in the default wave', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-waves-'));
    try {
      const old = path.join(dir, 'migrations');
      fs.mkdirSync(old);
      for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '029' && !f.endsWith('.ts'))) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(old, f));
      const db = new Database(path.join(dir, 'db.sqlite'));
      db.pragma('foreign_keys = OFF'); // a response row without its survey: only the migration is under test
      migrate(db, old);
      const insert = db.prepare("INSERT INTO responses (public_id, survey_id, version, collector_id, lang, submitted_on, erasure_hash, is_demo, answers, codes) VALUES (?, 's', 1, NULL, 'en', '2026-01-01', ?, 0, '{}', x'00')");
      for (let i = 0; i < 5; i++) insert.run(`p${i}`, `h${i}`);
      expect(migrate(db)).toContain('029-waves.sql');
      expect(db.prepare('SELECT count(*) AS n, count(wave_id) AS waved, count(panel_hash) AS hashed FROM responses').get()).toEqual({ n: 5, waved: 0, hashed: 0 });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when a panel code is given through the API, then only its keyed hash is stored, nowhere the code', async () => {
    const { app, db } = buildTestApp();
    const send = (code: string, key: string) =>
      request(app).post(`/api/surveys/${SURVEY}/responses`).set('Idempotency-Key', key).send({ consent: true, lang: 'en', answers: validAnswers(), panelCode: code });
    expect((await send('Maria-07 Sofia', 'k1')).status).toBe(201);
    expect((await send('maria07sofia', 'k2')).status).toBe(201);
    const hashes = db.prepare('SELECT hex(panel_hash) FROM responses').pluck().all() as string[];
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toMatch(/^[0-9A-F]{64}$/);
    expect(hashes[1]).toBe(hashes[0]); // normalised: the same person typing it slightly differently
    const dump = JSON.stringify(db.prepare('SELECT * FROM responses').all()) + JSON.stringify(db.prepare('SELECT * FROM idempotency_keys').all());
    expect(dump.toLowerCase()).not.toContain('maria');
    const bad = await request(app).post(`/api/surveys/${SURVEY}/responses`).send({ consent: true, answers: validAnswers(), panelCode: 'ab' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('panelCode');
    expect(db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(2);
  });
});

describe('compareWaves in the report API', () => {
  async function admin() {
    const built = buildTestApp();
    addUser(built.db, 'admin@example.org', 'admin');
    const agent = built.agent();
    await signIn(agent, 'admin@example.org');
    return { ...built, agent };
  }

  test('when two known waves are named, then the report carries their comparison and the dashboard shows it', async () => {
    const { db, agent } = await admin();
    addWave(db, SURVEY, 'baseline-2027');
    // 25 a wave: perturbation moves a count by up to 6, so a wave of 12 could fall under min_group (10) and publish nothing
    seedWave(db, SURVEY, Array.from({ length: 25 }, () => ({ answers: validAnswers({ fac_1: { importance: 5, proficiency: 1 } }) })));
    addWave(db, SURVEY, 'after-training-2028', today());
    seedWave(db, SURVEY, Array.from({ length: 25 }, () => ({ answers: validAnswers({ fac_1: { importance: 5, proficiency: 4 } }) })));
    const res = await agent.get(`/api/surveys/${SURVEY}/report?compareWaves=baseline-2027,after-training-2028`);
    expect(res.status).toBe(200);
    expect(res.body.waves.list.map((w: { id: string }) => w.id)).toEqual(['baseline-2027', 'after-training-2028']);
    expect(res.body.waves.comparison.a.id).toBe('baseline-2027');
    expect(res.body.waves.comparison.items[0].gap.change).toBeLessThan(-2);
    expect(JSON.stringify(res.body)).not.toMatch(/panel_hash|panelHash/);
    const page = await agent.get(`/admin/surveys/${SURVEY}/report?lang=bg&compareWaves=baseline-2027&compareWaves=after-training-2028`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Намаля ли разликата?');
    expect(page.text).toContain('name="compareWaves"');
  });

  test.each([
    ['baseline', 'must be two wave ids'],
    ['a,a', 'two different waves'],
    ['A B,c', 'must be a wave id'],
  ])('when compareWaves is %s, then 400 with a located issue', async (value, message) => {
    const { agent } = await admin();
    const res = await agent.get(`/api/surveys/${SURVEY}/report?compareWaves=${encodeURIComponent(value)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toMatch(/^compareWaves/);
    expect(res.body.error.issues.map((i: { message: string }) => i.message).join(' ')).toContain(message);
  });

  test('when a wave does not exist, then 422 names it and the known waves, in the request language', async () => {
    const { db, agent } = await admin();
    addWave(db, SURVEY, 'baseline-2027');
    const res = await agent.get(`/api/surveys/${SURVEY}/report?lang=de&compareWaves=baseline-2027,nope`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_wave');
    expect(res.body.error.message).toContain('nope');
    expect(res.body.error.message).toContain('default, baseline-2027');
  });

  test('when not signed in, then 401', async () => {
    const { app } = buildTestApp();
    expect((await request(app).get(`/api/surveys/${SURVEY}/report?compareWaves=default,x`)).status).toBe(401);
  });
});

describe('needsmap wave', () => {
  let dir: string;
  let output: string[];
  const saved = process.env.NEEDSMAP_DB;
  async function run(...args: string[]) {
    const program = new Command('needsmap').exitOverride();
    registerWave(program);
    await program.parseAsync(['node', 'needsmap', 'wave', ...args]);
  }
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-wave-'));
    process.env.NEEDSMAP_DB = path.join(dir, 'db.sqlite');
    const db = openDb(process.env.NEEDSMAP_DB);
    createQuestionnaireService(db).importShipped();
    db.close();
    output = [];
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void output.push(parts.join(' ')));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.NEEDSMAP_DB = saved;
  });

  test('when waves are added and listed, then each is printed with its dates, overlaps are named, and the change is audited', async () => {
    await run('add', '--survey', 'youth-worker-tna', '--id', 'baseline-2027', '--label', 'Baseline 2027', '--closes', '2027-12-31');
    await run('add', '--survey', 'youth-worker-tna', '--id', 'after-training-2028', '--label', 'After training', '--opens', '2027-06-01');
    await run('list', '--survey', 'youth-worker-tna');
    expect(output[0]).toBe('Wave baseline-2027 added: until 2027-12-31.');
    expect(output).toContain('Its dates overlap baseline-2027: on a day several waves are open, a response joins the one opened last.');
    expect(output.slice(-3)).toEqual([
      'default\t(responses outside every named wave)\t-\tresponses: 0',
      'baseline-2027\tBaseline 2027\tuntil 2027-12-31\tresponses: 0',
      'after-training-2028\tAfter training\tfrom 2027-06-01, open-ended\tresponses: 0',
    ]);
    const db = openDb(process.env.NEEDSMAP_DB!);
    expect(db.prepare("SELECT actor, target FROM audit_log WHERE action = 'wave.create'").all()).toEqual([
      { actor: 'cli', target: 'youth-worker-tna/baseline-2027' },
      { actor: 'cli', target: 'youth-worker-tna/after-training-2028' },
    ]);
    db.close();
  });

  test.each([
    [['--id', 'default', '--label', 'x'], 'reserved'],
    [['--id', 'Bad Id', '--label', 'x'], 'lowercase letters'],
    [['--id', 'w', '--label', 'x', '--opens', '2027-02-30'], 'not a valid date'],
    [['--id', 'w', '--label', 'x', '--opens', '2027-03-01', '--closes', '2027-02-01'], 'closes before it opens'],
  ])('when %j, then it is refused with a clear message and nothing is stored', async (args, message) => {
    await expect(run('add', '--survey', 'youth-worker-tna', ...args)).rejects.toThrow(message);
    const db = openDb(process.env.NEEDSMAP_DB!);
    expect(db.prepare('SELECT count(*) FROM waves').pluck().get()).toBe(0);
    db.close();
  });

  test('when demo waves are loaded, then the follow-up shows the improvement: every area\'s gap narrowed or closed, paired and unpaired', async () => {
    await run('demo', '--responses', '200', '--seed', '2');
    expect(output[0]).toBe('Demo data loaded into youth-worker-tna-demo: two waves, responses per wave: 200; with the same panel code in both: 120.');
    expect(output[1]).toContain('compareWaves=baseline-2027,after-training-2028');
    const db = openDb(process.env.NEEDSMAP_DB!);
    const questionnaires = createQuestionnaireService(db);
    const report = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }).build({
      surveyId: 'youth-worker-tna-demo',
      viewer: { freeText: 'none' },
      compareWaves: ['baseline-2027', 'after-training-2028'],
    });
    const c = report.waves!.comparison!;
    expect(c.areas.length).toBeGreaterThan(5);
    for (const area of c.areas) {
      expect(['narrowed', 'closed']).toContain(area.verdict);
      expect(isSuppressed(area.paired)).toBe(false);
    }
    db.close();
  });

  test('when the survey does not exist, then it is refused', async () => {
    await expect(run('list', '--survey', 'nope')).rejects.toThrow('nope');
  });
});

describe('exports', () => {
  test('when responses belong to waves, then every exported row carries its wave, and no panel-code hash leaves the database', async () => {
    const { db, app } = buildTestApp();
    addUser(db, 'admin@example.org', 'admin');
    seedWave(db, SURVEY, [{ answers: validAnswers(), panel: 'CODE-1' }]);
    addWave(db, SURVEY, 'after', today());
    seedWave(db, SURVEY, [{ answers: validAnswers(), panel: 'CODE-1' }]);
    const agent = request.agent(app);
    await signIn(agent, 'admin@example.org');
    const hashes = (db.prepare('SELECT hex(panel_hash) FROM responses').pluck().all() as string[]).map((h) => h.toLowerCase());
    const csv = await agent.get(`/api/surveys/${SURVEY}/responses.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const wave = lines[0]!.split(',').indexOf('wave');
    expect(wave).toBeGreaterThan(0);
    expect(lines.slice(1).map((l) => l.split(',')[wave])).toEqual(['default', 'after']);
    const labelled = await agent.get(`/api/surveys/${SURVEY}/responses.csv?labels=1`);
    expect(labelled.text).toContain('Before waves');
    expect(labelled.text).toContain('Wave after');
    const sps = await agent.get(`/api/surveys/${SURVEY}/codebook.sps`);
    expect(sps.text).toMatch(/wave/);
    for (const body of [csv.text, labelled.text, sps.text]) for (const h of hashes) expect(body.toLowerCase()).not.toContain(h.slice(0, 16));
    expect((csv.text + sps.text).toLowerCase()).not.toMatch(/panel/);
  });
});
