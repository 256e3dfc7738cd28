/**
 * node --import tsx bench/pdf.ts [-- --responses 10000 --runs 5 --before <checkout> --lang en]
 *
 * The PDF report as cron or systemd runs it: one whole process `needsmap report --survey <id> --group-by country --out
 * <file>`, timed from spawn to exit with its peak resident memory (GNU time's %M). This checkout runs its compiled
 * command line (`node dist/src/cli/index.js`, built first if stale); with `--before <dir>` (a checkout of an older
 * commit with its node_modules) that checkout's own `src/cli/bin.js` runs too, alternating with this one's, each on a
 * database of `--responses` demo responses made by its own `needsmap demo`, so the ratio is measured within one run on
 * the same machine load. A third line, "counted afresh", runs this checkout's command after removing the report counts
 * the previous run kept in the database (src/analysis/kept-counts.ts): a first report, or the first after an erasure.
 * Prints medians, the ratios and the load average before and after.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(option('runs') ?? 5);
const RESPONSES = Number(option('responses') ?? 10_000);
const BEFORE = option('before');
const LANG = option('lang');
const ROOT = path.resolve(__dirname, '..');
const TIME = '/usr/bin/time';

interface Tree {
  name: string;
  cwd: string;
  /** The command line as its operator would run it. */
  command: string[];
  db: string;
  survey?: string;
  wall: number[];
  cpu: number[];
  rssMb: number[];
  pages?: string;
  /** Runs before each timed run (the "counted afresh" line clears the counts kept in the database). */
  prepare?: () => void;
  /** Shares the database of the tree before it. */
  shared?: boolean;
}

function run(tree: Tree, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const [bin, ...rest] = tree.command;
  const r = spawnSync(TIME, ['-f', 'BENCH %e %U %S %M', bin!, ...rest, ...args], { cwd: tree.cwd, env: { ...process.env, NEEDSMAP_DB: tree.db, NEEDSMAP_LANG: 'en', ...extraEnv }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !line) throw new Error(`${tree.name}: ${bin} ${[...rest, ...args].join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { wall: Number(line[1]), cpu: Number(line[2]) + Number(line[3]), rssMb: Number(line[4]) / 1024 };
}

/** The survey holding the demo responses (a demo survey of its own today, the shipped survey in older commits). */
function demoSurvey(db: string): string {
  const conn = new Database(db, { readonly: true });
  try {
    const row = conn.prepare('SELECT survey_id AS id FROM responses GROUP BY survey_id ORDER BY count(*) DESC LIMIT 1').get() as { id: string } | undefined;
    if (!row) throw new Error(`no responses in ${db}`);
    return row.id;
  } finally {
    conn.close();
  }
}

/** Removes the report counts a previous run kept in the database (migration 030); older checkouts have none. */
function clearKeptCounts(db: string) {
  const conn = new Database(db);
  try {
    if (conn.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kept_counts'").get()) conn.exec('DELETE FROM kept_counts');
  } finally {
    conn.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pages = (file: string) => {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return /Pages:\s+(\d+)/.exec(r.stdout ?? '')?.[1];
};

function main() {
  if (spawnSync(TIME, ['-f', '%M', 'true']).status !== 0) throw new Error(`${TIME} (GNU time) is needed for the peak memory: apt-get install time`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-pdf-bench-'));
  // this checkout's compiled command line, up to date
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build, isStale } = require(path.join(ROOT, 'scripts/build.js')) as { build(o: { quiet: boolean; incremental: boolean }): boolean; isStale(): boolean };
  if (isStale() && !build({ quiet: true, incremental: true })) throw new Error('dist/ could not be built');
  const trees: Tree[] = [{ name: 'this checkout', cwd: ROOT, command: [process.execPath, 'dist/src/cli/index.js'], db: path.join(dir, 'now.sqlite'), wall: [], cpu: [], rssMb: [] }];
  // The same command on the same database with the counts kept by the previous report removed first (as after an
  // erasure, or on the first report of a database): every segment counted again, the counts written back.
  const afresh: Tree = { ...trees[0]!, name: 'counted afresh', wall: [], cpu: [], rssMb: [], shared: true, prepare: () => clearKeptCounts(trees[0]!.db) };
  trees.push(afresh);
  if (BEFORE) trees.push({ name: 'before', cwd: path.resolve(BEFORE), command: [process.execPath, 'src/cli/bin.js'], db: path.join(dir, 'before.sqlite'), wall: [], cpu: [], rssMb: [] });
  try {
    for (const tree of trees) {
      if (tree.shared) continue;
      run(tree, ['demo', '--responses', String(RESPONSES), '--seed', '42']);
      tree.survey = demoSurvey(tree.db);
    }
    const loadBefore = os.loadavg();
    const args = (tree: Tree) => ['report', '--survey', tree.survey!, '--group-by', 'country', ...(LANG ? ['--lang', LANG] : []), '--out', path.join(dir, `${tree.name.replace(/\W/g, '-')}.pdf`)];
    afresh.survey = trees[0]!.survey;
    for (const tree of trees) run(tree, args(tree)); // a first run each: the report cache filled, files in the page cache
    for (let i = 0; i < RUNS; i++) {
      for (const tree of i % 2 ? [...trees].reverse() : trees) {
        tree.prepare?.();
        const m = run(tree, args(tree));
        tree.wall.push(m.wall);
        tree.cpu.push(m.cpu);
        tree.rssMb.push(m.rssMb);
      }
    }
    for (const tree of trees) tree.pages = pages(path.join(dir, `${tree.name.replace(/\W/g, '-')}.pdf`));
    const loadAfter = os.loadavg();
    console.log(`PDF at ${RESPONSES.toLocaleString('en')} responses, whole process, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; median of ${RUNS} alternating runs; load average ${loadBefore[0]!.toFixed(2)} → ${loadAfter[0]!.toFixed(2)}`);
    for (const tree of trees) {
      console.log(
        `  ${tree.name.padEnd(14)} ${median(tree.wall).toFixed(2)} s (runs ${tree.wall.map((w) => w.toFixed(2)).join(', ')})   CPU ${median(tree.cpu).toFixed(2)} s   peak RSS ${median(tree.rssMb).toFixed(0)} MiB   ${tree.pages ?? '?'} pages   (${tree.command.slice(1).join(' ')})`,
      );
    }
    if (BEFORE) {
      const [now, , before] = trees as [Tree, Tree, Tree];
      console.log(`  counted afresh ${((100 * median(afresh.wall)) / median(before.wall)).toFixed(0)} % of before`);
      console.log(`  ratio          time ${((100 * median(now.wall)) / median(before.wall)).toFixed(0)} % of before (target ≤ 40 %), CPU ${((100 * median(now.cpu)) / median(before.cpu)).toFixed(0)} %, peak RSS ${median(now.rssMb).toFixed(0)} MiB against ${median(before.rssMb).toFixed(0)} (target ≤ 150 MB)`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
