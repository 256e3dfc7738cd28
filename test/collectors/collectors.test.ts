import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Command } from 'commander';
import { registerCollector } from '../../src/cli/commands/collector';
import { openDb, type Db } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { buildPartnership, postForm, SURVEY } from '../helpers/auth';
import { submitForm } from '../helpers/forms';
import { validAnswers } from '../helpers/factories';

const audit = (db: Db, action: string) => db.prepare('SELECT actor, target, detail FROM audit_log WHERE action = ?').all(action) as { actor: string; target: string; detail: string }[];
const collectorRow = (db: Db, id: string) => db.prepare('SELECT id, label, invited, archived_on FROM collectors WHERE survey_id = ? AND id = ?').get(SURVEY, id) as Record<string, unknown> | undefined;
const counts = (db: Db) => db.prepare('SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM starts) AS starts, (SELECT count(*) FROM drafts) AS drafts').get();

describe('archiving a partner link', () => {
  test('when an admin archives it, then the link closes with a friendly page in the respondent language, and the change is audited', async () => {
    const p = await buildPartnership();
    const res = await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/archive`, {}, `/admin/surveys/${SURVEY}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/surveys/${SURVEY}?saved=archived#collectors`);
    expect(collectorRow(p.db, 'sofia')!.archived_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(audit(p.db, 'collector.archive')).toEqual([{ actor: 'admin@example.org', target: `${SURVEY}/sofia`, detail: '' }]);
    const page = await request(p.app).get(`/s/${SURVEY}/c/sofia?lang=bg`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('<html lang="bg"');
    expect(page.text).toContain('Тази връзка е затворена');
    expect(page.text).not.toContain('name="consent"');
    const survey = await p.agents.admin.get(res.headers.location!);
    expect(survey.text).toContain('The link was archived');
    expect(survey.text).toMatch(/Archived on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  });

  test('when a respondent posts a start or the API a response through an archived link, then nothing is stored', async () => {
    const p = await buildPartnership();
    const consentPage = await p.agents.anonymous.get(`/s/${SURVEY}/c/sofia?lang=en`);
    await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/archive`, {}, `/admin/surveys/${SURVEY}`);
    const before = counts(p.db);
    const token = /name="_csrf" value="([^"]*)"/.exec(consentPage.text)![1]!;
    const start = await p.agents.anonymous.post(`/s/${SURVEY}/start`).type('form').send({ _csrf: token, collector: 'sofia', consent: 'yes' });
    expect(start.status).toBe(410);
    expect(start.text).toContain('This link is closed');
    const api = await request(p.app).post(`/api/surveys/${SURVEY}/responses`).send({ lang: 'bg', collector: 'sofia', consent: true, answers: validAnswers() });
    expect(api.status).toBe(409);
    expect(api.body.error).toMatchObject({ code: 'collector_archived', message: 'Тази връзка към проучването е затворена и вече не приема отговори.' });
    expect(counts(p.db)).toEqual(before);
  });

  test('when a link is archived, then its figures stay in the funnel (admin page, API) and in the report', async () => {
    const p = await buildPartnership();
    await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/archive`, {}, `/admin/surveys/${SURVEY}`);
    const funnel = (await p.agents.admin.get(`/api/admin/surveys/${SURVEY}/funnel`)).body as { rows: { id: string; completed: number; archived: boolean }[] };
    expect(funnel.rows.find((r) => r.id === 'sofia')).toMatchObject({ completed: 1, archived: true });
    const page = await p.agents.admin.get(`/admin/surveys/${SURVEY}`);
    expect(page.text).toMatch(/Sofia youth centre <span class="hint">\(archived\)<\/span>/);
    const report = (await p.agents.admin.get(`/api/surveys/${SURVEY}/report`)).body as { sample: { funnel: { collector: string | null }[] } };
    expect(report.sample.funnel.map((f) => f.collector)).toContain('sofia');
  });

  test('when someone had started before the link was archived, then they can still finish', async () => {
    const p = await buildPartnership();
    const a = p.agent();
    await submitForm(a, `/s/${SURVEY}/c/sofia?lang=en`, `/s/${SURVEY}/start`, { collector: 'sofia', consent: 'yes' });
    await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/archive`, {}, `/admin/surveys/${SURVEY}`);
    await submitForm(a, `/s/${SURVEY}/p/1`, `/s/${SURVEY}/p/1`, { q_country: 'BG', q_role: 'volunteer', _action: 'next' });
    const done = await submitForm(a, `/s/${SURVEY}/p/2`, `/s/${SURVEY}/p/2`, { q_fac_1_na: '1', q_fac_2_na: '1', _action: 'next' });
    expect(done.headers.location).toBe(`/s/${SURVEY}/thanks`);
  });

  test('when an admin reopens it, then respondents can start again, audited; a coordinator may do neither', async () => {
    const p = await buildPartnership();
    await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/archive`, {}, `/admin/surveys/${SURVEY}`);
    expect((await postForm(p.agents.coordinator, `/admin/surveys/${SURVEY}/collectors/sofia/reopen`, {}, `/admin/surveys/${SURVEY}`)).status).toBe(403);
    const res = await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/reopen`, {}, `/admin/surveys/${SURVEY}`);
    expect(res.headers.location).toBe(`/admin/surveys/${SURVEY}?saved=reopened#collectors`);
    expect(collectorRow(p.db, 'sofia')!.archived_on).toBeNull();
    expect(audit(p.db, 'collector.reopen')).toHaveLength(1);
    expect((await request(p.app).get(`/s/${SURVEY}/c/sofia`)).status).toBe(200);
  });

  test('when the collector does not exist, then 404', async () => {
    const p = await buildPartnership();
    expect((await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/nope/archive`, {}, `/admin/surveys/${SURVEY}`)).status).toBe(404);
  });
});

describe('deleting a partner link', () => {
  test('when it holds responses, then the confirmation page says to archive instead and a delete is refused with 409', async () => {
    const p = await buildPartnership();
    const page = await p.agents.admin.get(`/admin/surveys/${SURVEY}/collectors/sofia/delete`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('This link cannot be deleted: responses were sent through it');
    expect(page.text).toContain(`/collectors/sofia/archive`);
    const res = await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/sofia/delete`, {}, `/admin/surveys/${SURVEY}`);
    expect(res.status).toBe(409);
    expect(collectorRow(p.db, 'sofia')).toBeDefined();
    expect(audit(p.db, 'collector.delete')).toEqual([]);
  });

  test('when someone is answering through it, then it is refused (archive instead)', async () => {
    const p = await buildPartnership();
    createSurveyService(p.db).saveCollector(SURVEY, { id: 'lyon', label: 'Lyon', invited: 5 });
    await submitForm(p.agent(), `/s/${SURVEY}/c/lyon?lang=en`, `/s/${SURVEY}/start`, { collector: 'lyon', consent: 'yes' });
    const res = await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/lyon/delete`, {}, `/admin/surveys/${SURVEY}`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('some people have started answering through it');
    expect(collectorRow(p.db, 'lyon')).toBeDefined();
  });

  test('when nobody answered through it, then it goes with its abandoned consents and coordinator scope, audited', async () => {
    const p = await buildPartnership();
    createSurveyService(p.db).saveCollector(SURVEY, { id: 'lyon', label: 'Lyon', invited: 5 });
    p.db.prepare("INSERT INTO starts (survey_id, collector_id, started_on) VALUES (?, 'lyon', date('now'))").run(SURVEY);
    p.db.prepare("INSERT INTO user_scopes (user_id, survey_id, collector_id) SELECT id, ?, 'lyon' FROM users WHERE email = 'sofia@example.org'").run(SURVEY);
    const res = await postForm(p.agents.admin, `/admin/surveys/${SURVEY}/collectors/lyon/delete`, {}, `/admin/surveys/${SURVEY}`);
    expect(res.headers.location).toBe(`/admin/surveys/${SURVEY}?saved=deleted#collectors`);
    expect(collectorRow(p.db, 'lyon')).toBeUndefined();
    expect(p.db.prepare("SELECT count(*) FROM starts WHERE collector_id = 'lyon'").pluck().get()).toBe(0);
    expect(p.db.prepare("SELECT count(*) FROM start_counts WHERE collector_key = 'lyon'").pluck().get()).toBe(0);
    expect(p.db.prepare("SELECT count(*) FROM user_scopes WHERE collector_id = 'lyon'").pluck().get()).toBe(0);
    expect(audit(p.db, 'collector.delete')).toEqual([{ actor: 'admin@example.org', target: `${SURVEY}/lyon`, detail: '1 unfinished consents removed with it' }]);
    expect((await request(p.app).get(`/s/${SURVEY}/c/lyon`)).status).toBe(404);
  });
});

describe('npx needsmap collector archive|reopen|delete', () => {
  let dir: string;
  let output: string[];
  const saved = process.env.NEEDSMAP_DB;
  const withDb = <T>(fn: (db: Db) => T): T => {
    const db = openDb(process.env.NEEDSMAP_DB!);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  async function run(...args: string[]) {
    const program = new Command('needsmap').exitOverride();
    registerCollector(program);
    await program.parseAsync(['node', 'needsmap', 'collector', ...args]);
  }
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-collector-'));
    process.env.NEEDSMAP_DB = path.join(dir, 'db.sqlite');
    withDb((db) => createQuestionnaireService(db).importShipped());
    output = [];
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void output.push(parts.join(' ')));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.NEEDSMAP_DB = saved;
  });

  test('when a collector is added, archived, listed, reopened and deleted, then each step is printed and audited as cli', async () => {
    await run('add', '--survey', 'youth-worker-tna', '--id', 'sofia', '--label', 'Sofia', '--invited', '40');
    await run('archive', '--survey', 'youth-worker-tna', '--id', 'sofia');
    await run('list', '--survey', 'youth-worker-tna');
    await run('reopen', '--survey', 'youth-worker-tna', '--id', 'sofia');
    await run('delete', '--survey', 'youth-worker-tna', '--id', 'sofia');
    expect(output[1]).toBe('Collector sofia archived: its link is closed; its figures stay in the funnel and reports.');
    expect(output[2]).toMatch(/^sofia\tSofia\tinvited: 40\tarchived on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(output[3]).toBe('Collector sofia reopened: its link accepts new respondents again.');
    expect(output[4]).toBe('Collector sofia deleted.');
    const actions = withDb((db) => db.prepare("SELECT action FROM audit_log WHERE actor = 'cli' ORDER BY id").pluck().all());
    expect(actions).toEqual(['collector.create', 'collector.archive', 'collector.reopen', 'collector.delete']);
  });

  test('when a collector with responses is to be deleted, then the command fails with advice and deletes nothing', async () => {
    await run('add', '--survey', 'youth-worker-tna', '--id', 'sofia', '--label', 'Sofia');
    withDb((db) =>
      db
        .prepare("INSERT INTO responses (public_id, survey_id, version, collector_id, lang, submitted_on, erasure_hash, answers, codes) VALUES ('x', 'youth-worker-tna', 1, 'sofia', 'en', date('now'), 'h', '{}', x'')")
        .run(),
    );
    await expect(run('delete', '--survey', 'youth-worker-tna', '--id', 'sofia')).rejects.toThrow('collector "sofia" cannot be deleted because responses were given through it (1); archive it instead: needsmap collector archive');
    await expect(run('archive', '--survey', 'youth-worker-tna', '--id', 'nope')).rejects.toThrow('has no collector "nope"');
    expect(withDb((db) => db.prepare("SELECT count(*) FROM collectors WHERE id = 'sofia'").pluck().get())).toBe(1);
  });
});
