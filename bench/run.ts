/**
 * npm run bench [-- 10000 100000]: builds synthetic surveys (the demo generator, 12 partner countries, 40
 * competence items) and prints, per size, the time and peak memory of the report data and the PDF next to the
 * naive baseline measured in the same run: one GROUP BY over a one-row-per-answer table with a covering index (and,
 * as a second line, the same table without it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { createSurveyService } from '../src/surveys/service';
import { createDemoService } from '../src/demo/service';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000, 100_000];

interface Measure {
  step: string;
  firstMs: number;
  ms: number;
  maxRssMb: number;
  error?: string;
}

function prepare(n: number): string {
  const file = path.join(os.tmpdir(), `needsmap-bench-${n}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = openDb(file);
  const questionnaires = createQuestionnaireService(db);
  questionnaires.importShipped();
  createDemoService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }).load({ surveyId: 'youth-worker-tna', responses: n, seed: 42 });
  // The naive layout: one row per competence answer, as a generic survey tool stores it.
  db.exec(`CREATE TABLE naive_answers (response_id INTEGER, item TEXT, importance INTEGER, proficiency INTEGER);
    INSERT INTO naive_answers SELECT r.id, j.key, json_extract(r.answers, '$.' || j.key || '.importance'),
      json_extract(r.answers, '$.' || j.key || '.proficiency') FROM responses r, json_each(r.answers) j WHERE j.type = 'object';`);
  // The fair baseline: the same table with a covering index, so the GROUP BY reads the index in item order and never
  // the table (issue 11). The table without it stays as the second, older baseline.
  db.exec(`CREATE TABLE naive_indexed AS SELECT * FROM naive_answers;
    CREATE INDEX naive_indexed_cover ON naive_indexed (item, importance, proficiency); ANALYZE;`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

function measure(step: string, file: string, repeats = 3): Measure {
  let out: string;
  try {
    out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'measure.ts'), step, file, String(repeats)], { encoding: 'utf8' });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(out.trim().split('\n').pop() || `{"step":"${step}","error":"no output"}`) as Measure;
}

const fmt = (x: number, d = 1) => x.toFixed(d);
const peaks: { n: number; report: number }[] = [];
console.log(`Needsmap bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
for (const n of SIZES) {
  const t0 = performance.now();
  const file = prepare(n);
  const answers = n * 40;
  console.log(`\n${n.toLocaleString('en')} responses (${answers.toLocaleString('en')} competence answers), prepared in ${fmt((performance.now() - t0) / 1000)} s`);
  const open = measure('open', file, 0);
  const naive = measure('naive-indexed', file, 5);
  const unindexed = measure('naive', file, 5);
  const report = measure('report', file, 7);
  const live = measure('report-live', file, 7);
  const pdf = measure('pdf', file, 1);
  // a first process counts and keeps its counts in the database; the second one's first report carries on from them
  measure('report-kept', file, 0);
  const kept = measure('report-kept', file, 0);
  const rss = (m: Measure) => `peak RSS ${fmt(m.maxRssMb).padStart(6)} MB`;
  console.log(`  naive GROUP BY, covering index (baseline) ${fmt(naive.ms).padStart(8)} ms (first ${fmt(naive.firstMs)})   ${rss(naive)}`);
  console.log(`  naive GROUP BY, no index      ${fmt(unindexed.ms).padStart(8)} ms (first ${fmt(unindexed.firstMs)})   ${rss(unindexed)}`);
  console.log(`  complete report data          ${fmt(report.ms).padStart(8)} ms (first ${fmt(report.firstMs)})   ${rss(report)}   ${fmt(naive.ms / report.ms)}× faster than the baseline (first run: ${fmt(naive.firstMs / report.firstMs)}×); ${fmt(unindexed.ms / report.ms)}× the unindexed one`);
  console.log(`  report data, 100 new responses before each ${fmt(live.ms).padStart(8)} ms   ${rss(live)}   ${fmt(naive.ms / live.ms)}× faster than the baseline`);
  console.log(`  a new process's first report, counts kept by the one before ${fmt(kept.firstMs).padStart(8)} ms   ${rss(kept)}   ${fmt(naive.ms / kept.firstMs)}× faster than the baseline`);
  if (pdf.error) console.log(`  PDF: ${pdf.error}`);
  else console.log(`  report data + PDF             ${fmt(pdf.ms).padStart(8)} ms (first ${fmt(pdf.firstMs)})   ${rss(pdf)}   ${fmt(pdf.ms / naive.ms, 2)}× the baseline's time`);
  console.log(`  memory: the report's peak RSS is ${fmt(report.maxRssMb / open.maxRssMb, 2)}× that of opening the database alone (${fmt(open.maxRssMb)} MB)`);
  peaks.push({ n, report: report.maxRssMb });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
if (peaks.length > 1) {
  const [a, b] = [peaks[0]!, peaks[peaks.length - 1]!];
  console.log(`\nMemory growth: ${fmt(b.n / a.n, 0)}× the responses, ${fmt(b.report / a.report, 2)}× the report's peak RSS.`);
}
