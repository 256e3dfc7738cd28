/**
 * npm run bench:load [-- --duration 30 --connections 100 --rounds 6]
 *
 * 100 concurrent clients POST complete, varied responses (demo generator, twelve partner collectors, one in ten
 * with an Idempotency-Key) to /api/surveys/youth-worker-tna/responses of the real app running in a child process on
 * loopback, on a database file with synchronous=FULL. The same clients then hit a trivial echo route of the same
 * app (same middleware, same bodies). Routes alternate in `rounds` segments so a noisy neighbour hurts both
 * alike; each route gets `duration` seconds in total. At the end the server is killed (SIGKILL) and every
 * acknowledged (201) response is looked up by id in the database file.
 *
 * A third scenario measures reports off the request loop: the same submissions while one more client fetches the
 * report (GET /api/surveys/:id/report?groupBy=country, 10,000 responses preloaded and growing) back to back; the
 * figure is the submissions' throughput with that client as a share of their throughput without it.
 * `--workers 0` runs the server with reports on the request loop, for comparison; `--share 1` runs report jobs without
 * pacing (src/jobs/pacer.ts), `--share 0.1` with another share.
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
  workers?: string;
  share?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const w = argv.indexOf('--workers');
  const workers = w >= 0 ? argv[w + 1] : undefined;
  if (workers !== undefined && !/^\d+$/.test(workers)) throw new Error('--workers must be a whole number');
  const sh = argv.indexOf('--share');
  const share = sh >= 0 ? argv[sh + 1] : undefined;
  if (share !== undefined && !(Number(share) > 0 && Number(share) <= 1)) throw new Error('--share must be a number above 0, at most 1');
  return { duration: value('duration', 30), connections: value('connections', 100), rounds: value('rounds', 6), workers, share };
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

function startServer(workers?: string, share?: string): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const env = { ...process.env, ...(workers !== undefined ? { NEEDSMAP_REPORT_WORKERS: workers } : {}), ...(share !== undefined ? { NEEDSMAP_REPORT_SHARE: share } : {}) };
  const child = fork(path.join(__dirname, 'load-server.ts'), [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
  const { child, ready } = await startServer(args.workers, args.share);
  const url = `http://127.0.0.1:${ready.port}`;
  let sent = 0;
  const acknowledged: string[] = [];
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
    // Every acknowledged id is looked up in the database file at the end.
    onResponse: (status: number, body: string) => {
      if (status === 201) acknowledged.push((JSON.parse(body) as { id: string }).id);
    },
  });
  const loopDelays = new Map<Totals, { p99: number; max: number }>();
  let lastLoop = { p99: 0, max: 0 };
  const serverCpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => {
        const { cpuMicros, loopP99, loopMax } = m as { cpuMicros: number; loopP99: number; loopMax: number };
        lastLoop = { p99: loopP99, max: loopMax };
        resolve(cpuMicros);
      });
      child.send('cpu');
    });
  const run = (p: string, seconds: number, withKeys = false) =>
    autocannon({ url, connections: args.connections, duration: seconds, timeout: 30, requests: [target(p, withKeys)] });
  const measured = async (t: Totals, p: string, seconds: number, withKeys = false) => {
    const before = await serverCpu();
    const r = await run(p, seconds, withKeys);
    add(t, r, (await serverCpu()) - before);
    const seen = loopDelays.get(t) ?? { p99: 0, max: 0 };
    loopDelays.set(t, { p99: Math.max(seen.p99, lastLoop.p99), max: Math.max(seen.max, lastLoop.max) });
    return r;
  };

  const submitPath = `/api/surveys/${SURVEY_ID}/responses`;
  const reportPath = `/api/surveys/${SURVEY_ID}/report?groupBy=country`;
  const echo = emptyTotals();
  const submit = emptyTotals();
  const withReports = emptyTotals();
  const reports = emptyTotals();
  /** One client fetching the report back to back while the submissions run. */
  const reportClient = (seconds: number) =>
    autocannon({ url, connections: 1, duration: seconds, timeout: 60, requests: [{ method: 'GET', path: reportPath, headers: { authorization: `Bearer ${ready.token}` } }] });
  await run(submitPath, 2, true); // warm-up: JIT, statement cache, WAL file
  await run(ECHO_PATH, 2);
  const segment = args.duration / args.rounds;
  const ratios: number[] = [];
  const kept: number[] = [];
  for (let round = 0; round < args.rounds; round++) {
    const e = await measured(echo, ECHO_PATH, segment);
    const r = await measured(submit, submitPath, segment, true);
    ratios.push(r.requests.total / r.duration / (e.requests.total / e.duration));
    const [w, rep] = await Promise.all([measured(withReports, submitPath, segment, true), reportClient(segment)]);
    add(reports, rep, 0);
    kept.push(w.requests.total / w.duration / (r.requests.total / r.duration));
  }

  // Killed, not stopped: what was acknowledged must be in the file without a clean shutdown.
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  const db = new Database(ready.dbFile);
  const stored = new Set(db.prepare('SELECT public_id FROM responses').pluck().all() as string[]);
  db.close();
  const missing = acknowledged.filter((id) => !stored.has(id)).length;
  fs.rmSync(path.dirname(ready.dbFile), { recursive: true, force: true });

  const rate = (t: Totals) => t.requests / t.seconds;
  const cpu = (t: Totals) => t.cpuMicros / 1000 / t.requests;
  const line = (name: string, t: Totals) =>
    `  ${name.padEnd(22)} ${rate(t).toFixed(0).padStart(7)} req/s   p50 ${Math.max(...t.p50).toFixed(1).padStart(6)} ms   ` +
    `p99 ${Math.max(...t.p99).toFixed(1).padStart(6)} ms   server CPU ${cpu(t).toFixed(3)} ms/req   event-loop delay p99 ${(loopDelays.get(t)?.p99 ?? 0).toFixed(0)} ms, max ${(loopDelays.get(t)?.max ?? 0).toFixed(0)} ms   ` +
    `non-2xx ${t.non2xx}   5xx ${t.fiveXx}   errors ${t.errors}`;
  console.log(`Needsmap load bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`${args.connections} connections, ${args.duration} s per route in ${args.rounds} alternating segments, synchronous=FULL`);
  console.log(line('echo (same app)', echo));
  console.log(line('submit response', submit));
  console.log(line('submit, report client', withReports));
  console.log(
    `  report client           ${rate(reports).toFixed(1).padStart(7)} req/s   p50 ${Math.max(...reports.p50).toFixed(1).padStart(6)} ms   p99 ${Math.max(...reports.p99).toFixed(1).padStart(6)} ms   non-2xx ${reports.non2xx}   errors ${reports.errors}`,
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
  console.log(`  ratio submit / echo     ${pct(rate(submit) / rate(echo))} of the throughput (target ≥ 60 %); per round: median ${pct(median)}, ` +
    `range ${pct(sorted[0]!)} – ${pct(sorted[sorted.length - 1]!)}`);
  const keptSorted = [...kept].sort((a, b) => a - b);
  console.log(`  reports off the loop    submissions keep ${pct(rate(withReports) / rate(submit))} of their throughput while one client fetches the report back to back (target ≥ 90 %); ` +
    `per round: median ${pct(keptSorted[(keptSorted.length - 1) >> 1]!)}, range ${pct(keptSorted[0]!)} – ${pct(keptSorted[keptSorted.length - 1]!)}; p99 ${Math.max(...submit.p99).toFixed(0)} → ${Math.max(...withReports.p99).toFixed(0)} ms; report workers: ${args.workers ?? 'default'}, report share: ${args.share ?? 'default'}`);
  console.log(`  server CPU per request: the echo's is ${pct(cpu(echo) / cpu(submit))} of the submission's; p50/p99 above: worst segment`);
  console.log(`  durability: ${acknowledged.length} acknowledged (201), ${missing} of them missing from the database file after SIGKILL (${stored.size} stored)`);
  const failed = submit.non2xx + submit.errors + echo.non2xx + echo.errors + withReports.non2xx + withReports.errors + reports.non2xx + reports.errors > 0 || missing > 0;
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
