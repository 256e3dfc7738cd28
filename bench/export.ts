/**
 * Export benchmark: `npm run bench:export [-- 10000 100000] [--before <checkout>] [--keep]`
 *
 * Fills a database per size with synthetic responses to the default questionnaire (demo generator, one in ten with
 * free text), then times each export as an operator runs it, a whole process: `needsmap export --format csv|xlsx
 * [--labels]` to a file, with its peak RSS, next to the baseline measured in the same run: `sqlite3 -csv` dumping the
 * same rows (id, collector, language, date, version, demo flag and the answers' JSON) to a file. With `--before <dir>`
 * (a checkout of an older commit with node_modules) its CLI runs the same exports too, alternating with this tree's
 * (which goes first changes every repeat), and the ratios after/before are printed. `--repeats n` sets the runs per
 * figure (default 5, 3 from 100,000). Each tree's dist/ is brought up to date before each run, untimed, so a source
 * a colleague just saved does not put a compilation into a timed run. Both trees must ship the same questionnaire
 * files (link the checkout's db/questionnaires to this one's): each CLI imports its own at start, and a different one
 * becomes a new version, whose rows are then of an older version. `--keep` keeps the databases in the temporary
 * directory for the next run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { encodeAnswers } from '../src/questionnaires/codebook';
import { createSurveyService } from '../src/surveys/service';
import { createResponseRepo } from '../src/responses/repo';
import { createDemoGenerator } from '../src/demo/generator';

const SURVEY = 'youth-worker-tna';
const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const BEFORE = option('before');
const KEEP = args.includes('--keep');
const REPEATS = option('repeats') === undefined ? undefined : Number(option('repeats'));
const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--before' && args[i - 1] !== '--repeats').map(Number);
const SIZES = sizes.length ? sizes : [10_000, 100_000];
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Responses of the bench's survey in a kept database file (0 when it cannot be read). */
function storedResponses(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[string], number>('SELECT count(*) FROM responses WHERE survey_id = ?').pluck().get(SURVEY) ?? 0;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function fill(file: string, n: number): void {
  const db = openDb(file);
  createQuestionnaireService(db).importShipped();
  const current = createSurveyService(db).find(SURVEY)!.current;
  const repo = createResponseRepo(db);
  const demo = createDemoGenerator(current.definition, 1);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const r = demo.next();
      // Every tenth respondent writes something in the last box, so free text is part of the load.
      if (i % 10 === 0) r.answers.anything_else = `Mehr Praxis, bitte — "${i}", =1+1?\nZweite Zeile`;
      const id = `bench-${i}`;
      repo.insert({ publicId: id, surveyId: SURVEY, version: current.version, collectorId: r.collector, lang: r.lang, erasureHash: id, isDemo: true, answers: JSON.stringify(r.answers), codes: encodeAnswers(current.layout, r.answers) });
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

interface Run {
  seconds: number;
  peakMb: number;
  bytes: number;
}

/** Runs `command` with its output to `out`, timed as a whole process, peak RSS from GNU time when present. */
function run(command: string[], env: NodeJS.ProcessEnv, out: string, stdoutToFile = false): Run {
  fs.rmSync(out, { force: true });
  const argv = TIME ? [TIME, '-f', '%M', ...command] : command;
  const fd = stdoutToFile ? fs.openSync(out, 'w') : 'ignore';
  const started = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (typeof fd === 'number') fs.closeSync(fd);
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed: ${r.stderr}`);
  const peakKb = TIME ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, peakMb: peakKb / 1024, bytes: fs.statSync(out).size };
}

const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
const fmt = (r: Run) => `${r.seconds.toFixed(2).padStart(6)} s   peak RSS ${r.peakMb.toFixed(0).padStart(4)} MB   ${(r.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB`;

function main() {
  const dir = path.join(os.tmpdir(), 'needsmap-export-bench');
  fs.mkdirSync(dir, { recursive: true });
  const repeats = (n: number) => REPEATS ?? (n >= 100_000 ? 3 : 5);
  console.log(`Export bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}; each figure the median of whole processes`);
  for (const n of SIZES) {
    const file = path.join(dir, `bench-${n}.sqlite`);
    // a kept database is used only if it holds the n responses (a run stopped while filling leaves an empty file)
    if (fs.existsSync(file) && storedResponses(file) !== n) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    if (!fs.existsSync(file)) {
      const t = performance.now();
      fill(file, n);
      console.log(`\n${n.toLocaleString('en')} responses inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else console.log(`\n${n.toLocaleString('en')} responses (database kept from an earlier run)`);
    const env = { ...process.env, NEEDSMAP_DB: file };
    const out = path.join(dir, 'out');
    const sql = `SELECT id, collector_id, lang, submitted_on, version, is_demo, answers FROM responses WHERE survey_id = '${SURVEY}' ORDER BY id`;
    const trees = [{ name: 'needsmap', root: ROOT }, ...(BEFORE ? [{ name: 'before', root: path.resolve(BEFORE) }] : [])];
    const results = new Map<string, Run[]>();
    const record = (key: string, r: Run) => results.set(key, [...(results.get(key) ?? []), r]);
    for (let i = 0; i < repeats(n); i++) {
      record('sqlite3', run(['/usr/bin/sqlite3', '-csv', file, sql], env, `${out}.sqlite.csv`, true));
      for (const tree of i % 2 ? [...trees].reverse() : trees) {
        for (const [format, labels] of [['csv', false], ['csv', true], ['xlsx', false], ['xlsx', true]] as const) {
          const target = `${out}.${format}`;
          spawnSync('node', [path.join(tree.root, 'scripts/build.js'), '--if-stale'], { stdio: 'ignore' });
          const cmd = ['node', path.join(tree.root, 'src/cli/bin.js'), 'export', '--survey', SURVEY, '--format', format, '--out', target, ...(labels ? ['--labels'] : [])];
          record(`${tree.name} ${format}${labels ? ' labels' : ''}`, run(cmd, env, target));
        }
      }
    }
    const base = median(results.get('sqlite3')!);
    console.log(`  sqlite3 -csv (baseline)    ${fmt(base)}   (load ${os.loadavg()[0]!.toFixed(2)} at the end)`);
    for (const [key, runs] of results) {
      if (key === 'sqlite3') continue;
      const m = median(runs);
      const before = key.startsWith('needsmap ') ? results.get(key.replace('needsmap', 'before')) : undefined;
      const ratio = before ? `   ${(median(before).seconds / m.seconds).toFixed(2)}× faster than before` : '';
      console.log(`  ${key.padEnd(26)} ${fmt(m)}   speed ${((100 * base.seconds) / m.seconds).toFixed(0).padStart(3)} % of sqlite3's${ratio}`);
      console.log(`  ${''.padEnd(26)} each run: ${runs.map((r) => r.seconds.toFixed(2)).join(' ')} s`);
    }
    const probe = openDb(file);
    const versions = probe.prepare<[string], { n: number }>('SELECT count(*) AS n FROM questionnaire_versions WHERE questionnaire_id = ?').get(SURVEY)!.n;
    probe.close();
    if (versions > 1) console.log(`  WARNING: ${versions} versions of ${SURVEY}: the trees ship different questionnaires, so older rows were read from their JSON`);
    for (const suffix of ['.sqlite.csv', '.csv', '.xlsx']) fs.rmSync(`${out}${suffix}`, { force: true });
    if (!KEEP) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

main();
