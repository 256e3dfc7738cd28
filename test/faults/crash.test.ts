import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { DEMO_PARTNERS, seededRandom } from '../../src/demo/generator';
import { runClient, type ClientLog } from './clients';
import { createServerProcess, freePort } from './server';
import { verify } from './check';

const CLIENTS = 8;
const KILLS = Number(process.env.FAULTS_KILLS ?? 12);
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 100_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database file with the shipped questionnaire and one collector per demo partner, as an operator would set up. */
function prepareDatabase(file: string) {
  const db = openDb(file);
  const questionnaires = createQuestionnaireService(db);
  for (const result of questionnaires.importShipped()) if (!result.ok) throw new Error(JSON.stringify(result.problems));
  // the consent notice names a controller and a contact: a survey without them takes no responses
  db.prepare("UPDATE surveys SET controller_name = 'Faults Partnership', controller_contact = 'privacy@example.org'").run();
  const surveys = createSurveyService(db, questionnaires);
  for (const p of DEMO_PARTNERS) surveys.saveCollector('youth-worker-tna', { id: p.collector, label: p.label, invited: null });
  const definition = surveys.find('youth-worker-tna')!.current.definition;
  db.close();
  return definition;
}

test(`when the server is killed with SIGKILL ${KILLS} times under concurrent submissions, then no acknowledged response is lost, none is partial and no retry is stored twice`, async () => {
  const began = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-faults-'));
  const dbFile = path.join(dir, 'faults.sqlite');
  const definition = prepareDatabase(dbFile);
  const server = createServerProcess(dbFile, await freePort());
  const random = seededRandom(SEED);
  const log: ClientLog = { acknowledged: [], unknown: [], unexpected: [], retries: 0 };
  const restarts: number[] = [await server.start()];

  let running = true;
  const clients = Array.from({ length: CLIENTS }, (_, n) => runClient(n, server.url, definition, () => running, log));
  try {
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(150 + random() * 1000); // a random moment while the clients are submitting
      await server.kill();
      restarts.push(await server.start());
    }
    await sleep(300);
    running = false;
    await Promise.all(clients); // keyed requests cut by the last kill are retried to completion here
  } finally {
    running = false;
    await server.kill(); // the database is read after a crash too, not after a clean shutdown
  }

  const verdict = verify(dbFile, log);
  const retried = log.acknowledged.filter((a) => a.retried);
  const summary = [
    `faults: seed ${SEED}, ${CLIENTS} clients, ${KILLS} SIGKILLs, ${((Date.now() - began) / 1000).toFixed(1)} s`,
    `  acknowledged ${log.acknowledged.length} (${log.acknowledged.filter((a) => a.key).length} with an Idempotency-Key), all present and complete: ${verdict.problems.length === 0 ? 'yes' : 'NO'}`,
    `  keyed requests cut by a kill and retried: ${retried.length} (${retried.filter((a) => a.replayed).length} had been stored: answered as replays, one copy each)`,
    `  unkeyed requests cut by a kill: ${log.unknown.length} (${verdict.unknownStored} had been stored, none twice)`,
    `  stored ${verdict.stored} responses; unexpected answers ${log.unexpected.length}; restart ${Math.round(restarts.reduce((a, b) => a + b, 0) / restarts.length)} ms on average`,
    ...verdict.problems.slice(0, 20).map((p) => `  PROBLEM ${p}`),
  ].join('\n');
  process.stdout.write(`\n${summary}\n`);
  fs.writeFileSync(path.join(os.tmpdir(), 'needsmap-faults-summary.txt'), summary + '\n');

  expect(verdict.problems).toEqual([]);
  expect(log.unexpected).toEqual([]);
  expect(log.acknowledged.length).toBeGreaterThan(KILLS * CLIENTS);
  expect(log.retries + log.unknown.length).toBeGreaterThan(0); // kills did cut requests in flight
  fs.rmSync(dir, { recursive: true, force: true });
}, 240_000);
