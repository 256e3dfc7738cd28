/**
 * The server side of `npm run bench:load`, run as a child process so the load generator does not share its event
 * loop: the real app on a fresh temporary database file (WAL, synchronous=FULL as in production), the shipped
 * questionnaire, one collector per demo partner, and a trivial echo route mounted only here. It tells the parent
 * its port and database file over IPC and answers CPU-time questions; the bench kills it with SIGKILL at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { createSurveyService } from '../src/surveys/service';
import { createDemoGenerator, DEMO_PARTNERS } from '../src/demo/generator';
import { encodeAnswers } from '../src/questionnaires/codebook';
import { createResponseRepo } from '../src/responses/repo';
import { createAuthService } from '../src/auth/service';

export const ECHO_PATH = '/api/bench/echo';
export const SURVEY_ID = 'youth-worker-tna';

export interface ServerReady {
  port: number;
  dbFile: string;
  /** An admin's API token, for the client that fetches the report. */
  token: string;
}

/** Responses in the database before the bench starts, so the report read meanwhile is a realistic one. */
export const PRELOADED = 10_000;

function start() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-load-'));
  // 100 clients on one address would hit the per-address submission limit, one report client the per-user one.
  const config = loadConfig({ NODE_ENV: 'production', NEEDSMAP_DB: path.join(dir, 'load.sqlite'), HOST: '127.0.0.1', NEEDSMAP_SUBMIT_LIMIT: '0', NEEDSMAP_REPORT_LIMIT: '0',
    // `npm run bench:load -- --workers 0` measures reports computed on the request loop, as before worker threads.
    ...(process.env.NEEDSMAP_REPORT_WORKERS ? { NEEDSMAP_REPORT_WORKERS: process.env.NEEDSMAP_REPORT_WORKERS } : {}),
    // `--share 1` turns the pacing of report jobs off (src/jobs/pacer.ts), for comparison.
    ...(process.env.NEEDSMAP_REPORT_SHARE ? { NEEDSMAP_REPORT_SHARE: process.env.NEEDSMAP_REPORT_SHARE } : {}) });
  const db = openDb(config.dbFile);
  const questionnaires = createQuestionnaireService(db);
  for (const result of questionnaires.importShipped()) if (!result.ok) throw new Error(JSON.stringify(result.problems));
  // The consent page names the controller; a survey without one takes no responses.
  db.prepare("UPDATE surveys SET controller_name = 'Bench Partnership', controller_contact = 'privacy@example.org' WHERE id = ?").run(SURVEY_ID);
  const surveys = createSurveyService(db, questionnaires);
  for (const p of DEMO_PARTNERS) surveys.saveCollector(SURVEY_ID, { id: p.collector, label: p.label, invited: null });
  const current = surveys.find(SURVEY_ID)!.current;
  const generator = createDemoGenerator(current.definition, 3);
  const responseRepo = createResponseRepo(db);
  db.transaction(() => {
    for (let i = 0; i < PRELOADED; i++) {
      const r = generator.next();
      const id = `preloaded-${i}`;
      responseRepo.insert({ publicId: id, surveyId: SURVEY_ID, version: current.version, collectorId: r.collector, lang: r.lang, erasureHash: id, isDemo: false, answers: JSON.stringify(r.answers), codes: encodeAnswers(current.layout, r.answers) });
    }
  })();
  const auth = createAuthService(db, { scryptN: 1024 });
  const admin = auth.createUser({ email: 'bench@example.org', role: 'admin', password: 'bench-password-123' });
  if (!admin.ok) throw new Error('could not create the bench admin');
  const { token } = auth.createToken(admin.id);

  // The same middleware stack (helmet, cookies, the /api JSON parser, CSRF check) as the submission route.
  const app = createApp({ db, config, extend: (a) => a.post(ECHO_PATH, (req: express.Request, res: express.Response) => void res.json(req.body)) });
  const server = app.listen(0, '127.0.0.1', () => {
    (app.locals.jobs as { warm(): void }).warm();
    const ready: ServerReady = { port: (server.address() as AddressInfo).port, dbFile: config.dbFile, token };
    process.send?.(ready);
  });
  // The parent asks for CPU time around each segment: server CPU per request is steadier than req/s on a busy machine.
  // …and the request loop's delays: how long a ready request may wait behind other work on the main thread.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', () => {
    process.send?.({ cpuMicros: process.cpuUsage().user + process.cpuUsage().system, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 });
    loop.reset();
  });
  process.on('disconnect', () => process.exit(0)); // the bench ended or died: do not linger on the port
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => {
      db.close();
      process.exit(0);
    });
  });
}

if (require.main === module) start();
