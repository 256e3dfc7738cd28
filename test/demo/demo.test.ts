import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Command } from 'commander';
import { registerDemo } from '../../src/cli/commands/demo';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createAuthService } from '../../src/auth/service';
import { createDemoGenerator } from '../../src/demo/generator';
import { createDemoService } from '../../src/demo/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { openDb, type Db } from '../../src/shared/db';
import { createSurveyService } from '../../src/surveys/service';
import { addUser, signIn } from '../helpers/auth';

jest.setTimeout(60_000);

const LIVE = 'youth-worker-tna';
const DEMO = 'youth-worker-tna-demo';

/** The shipped survey as a partnership runs it: a controller, partner "sofia" with 40 invited, one real response. */
async function livePartnership(db: Db) {
  createQuestionnaireService(db).importShipped();
  db.prepare("UPDATE surveys SET controller_name = 'Youth Bulgaria Network', controller_contact = 'dpo@example.org'").run();
  const surveys = createSurveyService(db);
  surveys.saveCollector(LIVE, { id: 'sofia', label: 'Sofia – Youth Bulgaria Network', invited: 40 });
  const app = createApp({ db, config: loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: ':memory:' }) });
  const answers = createDemoGenerator(surveys.find(LIVE)!.current.definition, 5).next().answers;
  const res = await request(app).post(`/api/surveys/${LIVE}/responses`).send({ consent: true, lang: 'bg', collector: 'sofia', answers });
  expect(res.status).toBe(201);
  return { app, surveys };
}

/** Everything recorded for a survey, to compare before and after. */
const snapshot = (db: Db, surveyId: string) => ({
  survey: db.prepare('SELECT * FROM surveys WHERE id = ?').get(surveyId),
  collectors: db.prepare('SELECT * FROM collectors WHERE survey_id = ? ORDER BY id').all(surveyId),
  starts: db.prepare('SELECT * FROM start_counts WHERE survey_id = ? ORDER BY collector_key').all(surveyId),
  responses: db.prepare('SELECT public_id, is_demo FROM responses WHERE survey_id = ? ORDER BY id').all(surveyId),
});
const countIn = (db: Db, table: string, surveyId: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE survey_id = ?`).pluck().get(surveyId) as number;
const auditActions = (db: Db) => db.prepare('SELECT action, target FROM audit_log ORDER BY id').all();

describe('demo data in a survey of its own', () => {
  test('when demo data is loaded for a live survey, then a closed demo survey holds it and the live survey is untouched', async () => {
    const db = openDb(':memory:');
    const { app, surveys } = await livePartnership(db);
    const before = snapshot(db, LIVE);
    const demo = createDemoService(db, { surveys, questionnaires: createQuestionnaireService(db), audit: createAuthService(db).audit });
    expect(demo.prepare(LIVE)).toEqual({ surveyId: DEMO, created: true });
    demo.load({ surveyId: DEMO, responses: 120, seed: 1 });
    expect(snapshot(db, LIVE)).toEqual(before);
    const row = db.prepare('SELECT is_demo, demo_of, closes_at, controller_name FROM surveys WHERE id = ?').get(DEMO) as Record<string, unknown>;
    expect(row).toMatchObject({ is_demo: 1, demo_of: LIVE, controller_name: 'Youth Bulgaria Network' });
    expect(countIn(db, 'responses', DEMO)).toBe(120);
    expect(countIn(db, 'collectors', DEMO)).toBe(12);
    expect(db.prepare('SELECT sum(n) FROM start_counts WHERE survey_id = ?').pluck().get(DEMO)).toBeGreaterThan(120);
    expect(auditActions(db)).toEqual([
      { action: 'demo.create', target: DEMO },
      { action: 'demo.load', target: DEMO },
    ]);
    const respondent = await request(app).get(`/s/${DEMO}?lang=en`);
    expect(respondent.status).toBe(409);
    expect(respondent.text).toContain('This survey is closed');
    db.close();
  });

  test('when it is loaded again, then it is refused with the command that removes it; a second prepare reuses the demo survey', async () => {
    const db = openDb(':memory:');
    const { surveys } = await livePartnership(db);
    const demo = createDemoService(db, { surveys, questionnaires: createQuestionnaireService(db) });
    demo.load({ surveyId: demo.prepare(LIVE).surveyId, responses: 30, seed: 1 });
    expect(demo.prepare(LIVE)).toEqual({ surveyId: DEMO, created: false });
    expect(() => demo.load({ surveyId: DEMO, responses: 30, seed: 2 })).toThrow(`already holds demo data; remove it first: needsmap demo --clear --survey ${LIVE}`);
    expect(() => demo.load({ surveyId: LIVE, responses: 30, seed: 2 })).toThrow('holds real responses');
    db.close();
  });

  test('when demo --clear runs, then the demo survey goes with its responses, consents, collectors and segments; the live survey stays', async () => {
    const db = openDb(':memory:');
    const { surveys } = await livePartnership(db);
    const before = snapshot(db, LIVE);
    const demo = createDemoService(db, { surveys, questionnaires: createQuestionnaireService(db), audit: createAuthService(db).audit });
    demo.load({ surveyId: demo.prepare(LIVE).surveyId, responses: 60, seed: 1 });
    expect(demo.clear(LIVE)).toMatchObject({ surveyId: DEMO, responses: 60, collectors: 12, surveyDeleted: true });
    for (const table of ['responses', 'starts', 'start_counts', 'collectors', 'code_segments', 'drafts']) expect(countIn(db, table, DEMO)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM surveys WHERE id = ?').pluck().get(DEMO)).toBe(0);
    expect(snapshot(db, LIVE)).toEqual(before);
    expect(auditActions(db).at(-1)).toEqual({ action: 'demo.clear', target: DEMO });
    expect(demo.clear(LIVE)).toMatchObject({ responses: 0, surveyDeleted: false });
    db.close();
  });

  test('when a survey in use (collectors or consents, no responses) is filled directly, then it is refused', () => {
    const db = openDb(':memory:');
    createQuestionnaireService(db).importShipped();
    const surveys = createSurveyService(db);
    surveys.saveCollector(LIVE, { id: 'sofia', label: 'Sofia', invited: 40 });
    const demo = createDemoService(db, { surveys, questionnaires: createQuestionnaireService(db) });
    expect(() => demo.load({ surveyId: LIVE, responses: 10, seed: 1 })).toThrow(`survey "${LIVE}" is in use`);
    expect(countIn(db, 'responses', LIVE)).toBe(0);
    db.close();
  });
});

describe('the README quick start, in the order written, on a fresh database', () => {
  let dir: string;
  let output: string[];
  const saved = { db: process.env.NEEDSMAP_DB, url: process.env.NEEDSMAP_PUBLIC_URL };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-demo-'));
    process.env.NEEDSMAP_DB = path.join(dir, 'needsmap.sqlite');
    delete process.env.NEEDSMAP_PUBLIC_URL;
    output = [];
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void output.push(parts.join(' ')));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.NEEDSMAP_DB = saved.db;
    if (saved.url === undefined) delete process.env.NEEDSMAP_PUBLIC_URL;
    else process.env.NEEDSMAP_PUBLIC_URL = saved.url;
  });
  const demoCommand = async (...args: string[]) => {
    const program = new Command('needsmap').exitOverride();
    registerDemo(program);
    await program.parseAsync(['node', 'needsmap', 'demo', ...args]);
  };

  test('when the survey is answered first, then `demo` loads, prints the dashboard URL, which opens the marked demo; --clear removes it', async () => {
    const db = openDb(process.env.NEEDSMAP_DB!);
    const { app } = await livePartnership(db);
    addUser(db, 'admin@example.org', 'admin');
    await demoCommand('--responses', '80', '--seed', '1');
    expect(output).toEqual([
      `Demo responses loaded into the demo survey ${DEMO}: 80 (seed 1).`,
      `The survey ${LIVE} itself, its collectors and its funnel are untouched.`,
      `Open the diagnosis: http://localhost:3000/admin/surveys/${DEMO}/report?groupBy=country`,
      'Remove it again: npx needsmap demo --clear',
    ]);
    const admin = request.agent(app);
    await signIn(admin, 'admin@example.org');
    const url = new URL(output[2]!.replace('Open the diagnosis: ', ''));
    const dashboard = await admin.get(url.pathname + url.search);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('class="demo-banner"');
    const list = await admin.get('/admin');
    expect(list.text).toContain(`<span class="demo-tag">demo</span><br><code>${DEMO}</code>`);
    const live = await admin.get(`/admin/surveys/${LIVE}`);
    expect(live.text).toContain('Sofia – Youth Bulgaria Network');
    expect(live.text).not.toContain('class="demo-banner"');
    const consents = db.prepare('SELECT sum(n) FROM start_counts WHERE survey_id = ?').pluck().get(DEMO) as number;
    await demoCommand('--clear');
    expect(output.at(-1)).toBe(`The demo survey ${DEMO} was removed (demo responses: 80, collectors: 12, consents: ${consents}).`);
    expect((await admin.get(url.pathname)).status).toBe(404);
    db.close();
  });

  test('when NEEDSMAP_PUBLIC_URL is set, then the printed link uses it', async () => {
    process.env.NEEDSMAP_PUBLIC_URL = 'https://needsmap.example.org/';
    const db = openDb(process.env.NEEDSMAP_DB!);
    createQuestionnaireService(db).importShipped();
    db.close();
    await demoCommand('--responses', '20');
    expect(output).toContain(`Open the diagnosis: https://needsmap.example.org/admin/surveys/${DEMO}/report?groupBy=country`);
  });
});
