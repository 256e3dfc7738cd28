/**
 * npm run bench:startup [-- --runs 5 --before <checkout>]
 *
 * Start-up as an operator sees it: `npm start` until the first `GET /healthz` answers 200, and `needsmap --help` until
 * it exits (the bin itself, as on the PATH, and through `npx`, which first spends about a second looking it up), on an existing database (a first start, run once before, creates it). With `--before <dir>` (a checkout of
 * an older commit with its node_modules) the same two commands run there too, alternating with this checkout's, so
 * the ratio is measured within one run on the same machine load.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(option('runs') ?? 5);
const BEFORE = option('before');
const ROOT = path.resolve(__dirname, '..');

const healthy = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 500 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });

function env(dbFile: string, port: number): NodeJS.ProcessEnv {
  return { ...process.env, NEEDSMAP_DB: dbFile, PORT: String(port), HOST: '127.0.0.1', NEEDSMAP_ADMIN_PASSWORD: 'bench-password-123', NODE_ENV: 'production' };
}

/** Milliseconds from spawning `npm start` in `cwd` to the first 200 from /healthz. */
async function timeStart(cwd: string, dbFile: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd, env: env(dbFile, port), stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} in ${cwd}`);
      if (await healthy(port)) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    // npm start runs the server as a child of npm: end the whole group this bench started.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

/** `npx needsmap --help` (npx first looks the command up in the project), or the `needsmap` bin itself. */
function timeHelp(cwd: string, dbFile: string, viaNpx: boolean): number {
  const started = performance.now();
  const [command, args] = viaNpx ? ['npx', ['needsmap', '--help']] : [path.join(cwd, 'src/cli/bin.js'), ['--help']];
  const r = spawnSync(command, args, { cwd, env: env(dbFile, 0), encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.includes('needsmap')) throw new Error(`needsmap --help failed in ${cwd}: ${r.stderr}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-startup-'));
  const trees = [{ name: 'this checkout', cwd: ROOT }, ...(BEFORE ? [{ name: 'before', cwd: path.resolve(BEFORE) }] : [])];
  const times = new Map(trees.map((t) => [t.name, { start: [] as number[], help: [] as number[], bin: [] as number[] }]));
  try {
    for (const [i, tree] of trees.entries()) await timeStart(tree.cwd, path.join(dir, `db-${i}.sqlite`), 3900 + i); // first start creates the file
    for (let run = 0; run < RUNS; run++) {
      for (const [i, tree] of trees.entries()) {
        const t = times.get(tree.name)!;
        t.start.push(await timeStart(tree.cwd, path.join(dir, `db-${i}.sqlite`), 3900 + i));
        t.help.push(timeHelp(tree.cwd, path.join(dir, `db-${i}.sqlite`), true));
        t.bin.push(timeHelp(tree.cwd, path.join(dir, `db-${i}.sqlite`), false));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Start-up on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, median of ${RUNS} runs, load ${os.loadavg()[0]!.toFixed(2)}`);
  for (const tree of trees) {
    const t = times.get(tree.name)!;
    console.log(
      `  ${tree.name.padEnd(14)} npm start → first /healthz ${median(t.start).toFixed(0).padStart(6)} ms   needsmap --help ${median(t.bin).toFixed(0).padStart(6)} ms   ` +
        `npx needsmap --help ${median(t.help).toFixed(0).padStart(6)} ms`,
    );
  }
  if (BEFORE) {
    const now = times.get('this checkout')!;
    const before = times.get('before')!;
    const pct = (a: number[], b: number[]) => `${((100 * median(a)) / median(b)).toFixed(0)} %`;
    console.log(
      `  ratio          start ${pct(now.start, before.start)} of before (target ≤ 40 %), needsmap --help ${pct(now.bin, before.bin)} (target ≤ 30 %), ` +
        `npx needsmap --help ${pct(now.help, before.help)} (npx's own look-up included)`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
