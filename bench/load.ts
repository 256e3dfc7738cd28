/**
 * npm run bench:load [-- --duration 30 --connections 100 --rounds 3]
 *
 * 100 concurrent clients POST complete, varied responses (demo generator, twelve partner collectors, one in ten
 * with an Idempotency-Key) to /api/surveys/youth-worker-tna/responses of the real app running in a child process on
 * loopback, on a database file with synchronous=FULL. The same clients then hit a trivial echo route of the same
 * app (same middleware, same bodies). Routes alternate in `rounds` segments so a noisy neighbour hurts both
 * alike; each route gets `duration` seconds in total. At the end the server is stopped and every acknowledged
 * (201) response is counted in the database file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { parseQuestionnaire } from '../src/questionnaires/schema';
import { createDemoGenerator } from '../src/demo/generator';
import { ECHO_PATH, SURVEY_ID, type ServerReady } from './load-server';

interface Args {
  duration: number;
  connections: number;
  rounds: number;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  return { duration: value('duration', 30), connections: value('connections', 100), rounds: value('rounds', 3) };
}

/** Distinct valid bodies, serialised once so the load generator spends its time sending, not building. */
function buildBodies(count: number): string[] {
  const file = path.resolve(__dirname, '../db/questionnaires/youth-worker-tna.json');
  const parsed = parseQuestionnaire(fs.readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error('the shipped questionnaire is invalid');
  const generator = createDemoGenerator(parsed.questionnaire, 7);
  return Array.from({ length: count }, () => {
    const r = generator.next();
    return JSON.stringify({ lang: r.lang, collector: r.collector, consent: true, answers: r.answers });
  });
}

function startServer(): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(path.join(__dirname, 'load-server.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => resolve({ child, ready: ready as ServerReady }));
    child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
  });
}

interface Totals {
  requests: number;
  seconds: number;
  ok: number;
  non2xx: number;
  fiveXx: number;
  errors: number;
  p50: number[];
  p99: number[];
  cpuMicros: number;
}

const emptyTotals = (): Totals => ({ requests: 0, seconds: 0, ok: 0, non2xx: 0, fiveXx: 0, errors: 0, p50: [], p99: [], cpuMicros: 0 });

function add(t: Totals, r: Result, cpuMicros: number) {
  t.cpuMicros += cpuMicros;
  t.requests += r.requests.total;
  t.seconds += r.duration;
  t.ok += r['2xx'];
  t.non2xx += r.non2xx;
  t.fiveXx += r['5xx'];
  t.errors += r.errors + r.timeouts;
  t.p50.push(r.latency.p50);
  t.p99.push(r.latency.p99);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const bodies = buildBodies(2000);
  const { child, ready } = await startServer();
  const url = `http://127.0.0.1:${ready.port}`;
  let sent = 0;
  const target = (p: string, withKeys: boolean) => ({
    method: 'POST',
    path: p,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req: { headers?: Record<string, string> }) => {
      const n = sent++;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (withKeys && n % 10 === 0) headers['idempotency-key'] = `bench-${n}`;
      // The echo route is not a public JSON route: a bearer header skips the CSRF check the way the submission
      // route's own exemption does, through the same middleware.
      if (p === ECHO_PATH) headers.authorization = 'Bearer bench';
      return { ...req, headers, body: bodies[n % bodies.length] };
    },
  });
  const serverCpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { cpuMicros: number }).cpuMicros));
      child.send('cpu');
    });
  const run = (p: string, seconds: number, withKeys = false) =>
    autocannon({ url, connections: args.connections, duration: seconds, timeout: 30, requests: [target(p, withKeys)] });
  const measured = async (t: Totals, p: string, seconds: number, withKeys = false) => {
    const before = await serverCpu();
    const r = await run(p, seconds, withKeys);
    add(t, r, (await serverCpu()) - before);
    return r;
  };

  const submitPath = `/api/surveys/${SURVEY_ID}/responses`;
  const echo = emptyTotals();
  const submit = emptyTotals();
  let acknowledged = (await run(submitPath, 2, true))['2xx']; // warm-up: JIT, statement cache, WAL file
  await run(ECHO_PATH, 2);
  const segment = args.duration / args.rounds;
  for (let round = 0; round < args.rounds; round++) {
    await measured(echo, ECHO_PATH, segment);
    acknowledged += (await measured(submit, submitPath, segment, true))['2xx'];
  }

  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  const db = new Database(ready.dbFile, { readonly: true });
  const stored = db.prepare('SELECT count(*) FROM responses').pluck().get() as number;
  db.close();
  fs.rmSync(path.dirname(ready.dbFile), { recursive: true, force: true });

  const rate = (t: Totals) => t.requests / t.seconds;
  const cpu = (t: Totals) => t.cpuMicros / 1000 / t.requests;
  const line = (name: string, t: Totals) =>
    `  ${name.padEnd(22)} ${rate(t).toFixed(0).padStart(7)} req/s   p50 ${Math.max(...t.p50).toFixed(1).padStart(6)} ms   ` +
    `p99 ${Math.max(...t.p99).toFixed(1).padStart(6)} ms   server CPU ${cpu(t).toFixed(3)} ms/req   non-2xx ${t.non2xx}   5xx ${t.fiveXx}   errors ${t.errors}`;
  console.log(`Needsmap load bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`${args.connections} connections, ${args.duration} s per route in ${args.rounds} alternating segments, synchronous=FULL`);
  console.log(line('echo (same app)', echo));
  console.log(line('submit response', submit));
  console.log(`  ratio submit / echo     ${((100 * rate(submit)) / rate(echo)).toFixed(1)} % of the throughput (target ≥ 60 %); ` +
    `server CPU per request ${((100 * cpu(echo)) / cpu(submit)).toFixed(1)} % of the submission's is the echo's; p50/p99: worst segment`);
  console.log(`  durability: ${acknowledged} acknowledged (201), ${stored} in the database file after the run`);
  const failed = submit.non2xx + submit.errors + echo.non2xx + echo.errors > 0 || stored < acknowledged;
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
