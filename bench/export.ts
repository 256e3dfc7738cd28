/**
 * Export benchmark: are the CSV and XLSX exports streamed in constant memory?
 *   tsx bench/export.ts [responses=100000]
 * Fills a temporary database with synthetic responses to the default questionnaire (one transaction, one prepared
 * statement, codes from encodeAnswers), then streams each export to /dev/null in a fresh process and prints its time
 * and peak RSS (sampled every 5 ms) as a ratio to the RSS just before the export started.
 * Without a limit V8 lets its heap grow before collecting; to see that the exports need no more than a fixed amount,
 * cap it: NODE_OPTIONS=--max-old-space-size=80 tsx bench/export.ts (an export that buffered its file would fail).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { encodeAnswers } from '../src/questionnaires/codebook';
import { createSurveyService } from '../src/surveys/service';
import { createResponseRepo } from '../src/responses/repo';
import { createDemoGenerator } from '../src/demo/generator';
import { writeCsv } from '../src/reporting/exports/csv';
import { writeXlsx } from '../src/reporting/exports/xlsx';
import { createExportService } from '../src/reporting/exports/service';

const SURVEY = 'youth-worker-tna';
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function fill(file: string, n: number): number {
  const start = performance.now();
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
      repo.insert({
        publicId: `bench-${i}`,
        surveyId: SURVEY,
        version: current.version,
        collectorId: r.collector,
        lang: r.lang,
        erasureHash: `bench-${i}`,
        isDemo: true,
        answers: JSON.stringify(r.answers),
        codes: encodeAnswers(current.layout, r.answers),
      });
    }
  })();
  db.close();
  return performance.now() - start;
}

/** Runs in the child process: one export to /dev/null, measured. */
async function measure(format: 'csv' | 'xlsx', file: string) {
  const db = openDb(file);
  const set = createExportService({ db, surveys: createSurveyService(db) }).prepare({
    surveyId: SURVEY,
    scope: { collectors: 'all', includeFreeText: true },
  })!;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const out = fs.createWriteStream('/dev/null');
  const start = performance.now();
  const rows = await (format === 'csv' ? writeCsv : writeXlsx)(set, out, { labels: false });
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ format, rows, variables: set.variables.length, ms, before, peak, bytes: out.bytesWritten }));
}

function main() {
  const n = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: tsx bench/export.ts [responses]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-export-bench-'));
  const file = path.join(dir, 'bench.db');
  try {
    const fillMs = fill(file, n);
    console.log(`${n} synthetic responses inserted in ${(fillMs / 1000).toFixed(1)} s`);
    for (const format of ['csv', 'xlsx'] as const) {
      const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', __filename, '--measure', format, file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { rows: number; variables: number; ms: number; before: number; peak: number; bytes: number };
      console.log(
        `${format.padEnd(4)} ${r.rows} rows x ${r.variables} variables: ${(r.ms / 1000).toFixed(1)} s, ${mb(r.bytes)} MB written; ` +
          `RSS before ${mb(r.before)} MB, peak ${mb(r.peak)} MB, ratio ${(r.peak / r.before).toFixed(2)}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') void measure(process.argv[3] as 'csv' | 'xlsx', process.argv[4]!);
else main();
