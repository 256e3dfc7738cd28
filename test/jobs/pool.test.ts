import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Jobs } from '../../src/jobs/service';
import { openDb, type Db } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { addUser, tokenFor } from '../helpers/auth';
import { insertGenerated } from '../helpers/seed';

const SURVEY = 'youth-worker-tna';
let dir: string;
let db: Db;
let token: string;
const apps: { app: ReturnType<typeof createApp>; jobs: Jobs }[] = [];

/** `n` generated responses to the shipped questionnaire, written as the server writes them; every seventh with a comment. */
const insertResponses = (target: Db, n: number, seed: number) => insertGenerated(target, SURVEY, n, seed, (i) => (i % 7 === 0 ? `Antwort ${seed}-${i}` : undefined));

function appWith(workers: string) {
  const config = loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: path.join(dir, 'db.sqlite'), NEEDSMAP_REPORT_WORKERS: workers, NEEDSMAP_REPORT_LIMIT: '0', NEEDSMAP_EXPORT_LIMIT: '0' });
  const app = createApp({ db, config });
  const jobs = app.locals.jobs as Jobs;
  apps.push({ app, jobs });
  return { app, jobs };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-pool-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  createQuestionnaireService(db).importShipped();
  db.prepare("UPDATE surveys SET controller_name = 'Test', controller_contact = 'privacy@example.org'").run();
  insertResponses(db, 2500, 1);
  addUser(db, 'admin@example.org', 'admin');
  token = tokenFor(db, 'admin@example.org');
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.jobs.close()));
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('reports and exports in worker threads', () => {
  test('when the database is a file, then the server runs its report jobs in workers', () => {
    expect(appWith('1').jobs.inWorkers).toBe(true);
    expect(appWith('0').jobs.inWorkers).toBe(false);
  });

  test('when a report, a CSV and an XLSX come from a worker, then they equal the ones computed in process, newest responses included', async () => {
    const pooled = appWith('2').app;
    const local = appWith('0').app;
    // Responses written after the workers opened their connections, part of them not yet sealed into a segment.
    await auth(request(pooled).get(`/api/surveys/${SURVEY}/report`));
    insertResponses(db, 1500, 2);
    const url = `/api/surveys/${SURVEY}/report?groupBy=country&lang=de`;
    const [fromWorker, inProcess] = [await auth(request(pooled).get(url)), await auth(request(local).get(url))];
    expect(fromWorker.status).toBe(200);
    expect(fromWorker.headers['content-type']).toMatch(/^application\/json/);
    expect(fromWorker.body).toEqual(inProcess.body);
    expect(fromWorker.body.sample.n).toBeGreaterThan(3900);
    for (const file of ['responses.csv?labels=1', 'responses.xlsx']) {
      const a = await auth(request(pooled).get(`/api/surveys/${SURVEY}/${file}`)).buffer(true).parse(binary);
      const b = await auth(request(local).get(`/api/surveys/${SURVEY}/${file}`)).buffer(true).parse(binary);
      expect(a.status).toBe(200);
      expect(a.headers['content-disposition']).toBe(b.headers['content-disposition']);
      if (file.endsWith('.csv')) expect((a.body as Buffer).equals(b.body as Buffer)).toBe(true);
      else expect((a.body as Buffer).length).toBeGreaterThan(100_000);
    }
  }, 60_000);

  test('when the dashboard and the PDF come from a worker, then they are complete pages and files', async () => {
    const { app } = appWith('1');
    const page = await auth(request(app).get(`/admin/surveys/${SURVEY}/report?groupBy=country`));
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/^<!doctype html>/);
    expect(page.text).toContain('class="admin-nav"');
    expect(page.text).toMatch(/\/public\/css\/app\.css\?v=[0-9a-f]{12}/);
    const pdf = await auth(request(app).get(`/admin/surveys/${SURVEY}/report.pdf?lang=bg`)).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="diagnosis-${SURVEY}-bg.pdf"`);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.body as Buffer).subarray(-6).toString()).toContain('%%EOF');
  }, 60_000);

  test('when a worker builds a report, then the sealer thread keeps its counts in the database for the next process', async () => {
    db.prepare('DELETE FROM kept_counts').run();
    const { app } = appWith('1');
    const url = `/api/surveys/${SURVEY}/report?groupBy=role`;
    const first = await auth(request(app).get(url));
    expect(first.status).toBe(200);
    // handed from the worker to the main thread to the sealer thread, stored there
    const deadline = Date.now() + 10_000;
    const kept = () => db.prepare("SELECT count(*) FROM kept_counts WHERE cache_key LIKE '%\"role\"%'").pluck().get() as number;
    while (kept() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(kept()).toBeGreaterThan(0);
    // a restarted server's worker (a new pool) reads them and reports the same
    const again = await auth(request(appWith('1').app).get(url));
    expect(again.body).toEqual(first.body);
  }, 60_000);

  test('when a job fails in the worker, then the usual error answers: unknown survey 404, unknown grouping 400', async () => {
    const { app } = appWith('1');
    expect((await auth(request(app).get('/api/surveys/nope/report'))).status).toBe(404);
    expect((await auth(request(app).get('/api/surveys/nope/responses.csv'))).status).toBe(404);
    const bad = await auth(request(app).get(`/api/surveys/${SURVEY}/report?groupBy=anything_else`));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('groupBy');
  });

  test('when a reader abandons a download, then the job stops and the worker goes on serving', async () => {
    const { app } = appWith('1');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/api/surveys/${SURVEY}/responses.xlsx`, headers: { authorization: `Bearer ${token}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', reject);
    });
    const after = await auth(request(server).get(`/api/surveys/${SURVEY}/report`));
    expect(after.status).toBe(200);
    await new Promise((r) => server.close(r));
  }, 60_000);
});
