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
import express from 'express';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { createSurveyService } from '../src/surveys/service';
import { DEMO_PARTNERS } from '../src/demo/generator';

export const ECHO_PATH = '/api/bench/echo';
export const SURVEY_ID = 'youth-worker-tna';

export interface ServerReady {
  port: number;
  dbFile: string;
}

function start() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-load-'));
  const config = loadConfig({ NODE_ENV: 'production', NEEDSMAP_DB: path.join(dir, 'load.sqlite'), HOST: '127.0.0.1' });
  const db = openDb(config.dbFile);
  const questionnaires = createQuestionnaireService(db);
  for (const result of questionnaires.importShipped()) if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const surveys = createSurveyService(db, questionnaires);
  for (const p of DEMO_PARTNERS) surveys.saveCollector(SURVEY_ID, { id: p.collector, label: p.label, invited: null });

  // The same middleware stack (helmet, cookies, the /api JSON parser, CSRF check) as the submission route.
  const app = createApp({ db, config, extend: (a) => a.post(ECHO_PATH, (req: express.Request, res: express.Response) => void res.json(req.body)) });
  const server = app.listen(0, '127.0.0.1', () => {
    const ready: ServerReady = { port: (server.address() as AddressInfo).port, dbFile: config.dbFile };
    process.send?.(ready);
  });
  // The parent asks for CPU time around each segment: server CPU per request is steadier than req/s on a busy machine.
  process.on('message', () => process.send?.({ cpuMicros: process.cpuUsage().user + process.cpuUsage().system }));
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
