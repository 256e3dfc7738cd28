/**
 * npm run bench [-- 10000 100000]: builds synthetic surveys (the demo generator, 12 partner countries, 40
 * competence items) and prints, per size, the time and peak memory of the report data and the PDF next to the
 * naive baseline measured in the same run: one GROUP BY over a one-row-per-answer table.
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
console.log(`Needsmap bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
for (const n of SIZES) {
  const t0 = performance.now();
  const file = prepare(n);
  const answers = n * 40;
  console.log(`\n${n.toLocaleString('en')} responses (${answers.toLocaleString('en')} competence answers), prepared in ${fmt((performance.now() - t0) / 1000)} s`);
  const open = measure('open', file, 1);
  const naive = measure('naive', file);
  const report = measure('report', file);
  const pdf = measure('pdf', file, 1);
  console.log(`  naive GROUP BY (baseline)    ${fmt(naive.ms).padStart(9)} ms   peak RSS ${fmt(naive.maxRssMb)} MB`);
  console.log(`  complete report data          ${fmt(report.ms).padStart(9)} ms   peak RSS ${fmt(report.maxRssMb)} MB   ${fmt(naive.ms / report.ms)}× faster than the baseline`);
  if (pdf.error) console.log(`  PDF: ${pdf.error}`);
  else console.log(`  report data + PDF             ${fmt(pdf.ms).padStart(9)} ms   peak RSS ${fmt(pdf.maxRssMb)} MB   ${fmt(naive.ms / pdf.ms, 2)}× the baseline's speed`);
  console.log(`  memory: report peak RSS is ${fmt(report.maxRssMb / open.maxRssMb, 2)}× that of opening the database alone (${fmt(open.maxRssMb)} MB)`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
