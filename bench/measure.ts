/**
 * One measured step, run in its own process so its peak memory (maxRSS) is its own:
 *   tsx bench/measure.ts <step> <database> [repeats]
 * Steps: open (baseline: open the database and load the questionnaire), naive (GROUP BY over one row per
 * answer), report (the complete report data, 11+ countries, asked again with nothing new: counts of sealed segments
 * are kept between reports, src/analysis/report-cache.ts), report-live (the same while responses keep arriving:
 * 100 new responses are stored, untimed, before each timed report, as on a live server), pdf (report data + PDF to
 * /dev/null), report-kept (as `report`, with the counts kept in the database between processes, as the command line
 * keeps them). `firstMs` of a report step is the first report of the process: nothing kept yet, except what an
 * earlier report-kept process kept in the database.
 * Prints one JSON line: { step, firstMs (the first run, cold: JIT and page cache), ms (median of the runs after
 * it), maxRssMb }.
 */
import fs from 'node:fs';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { createSurveyService } from '../src/surveys/service';
import { createAnalysisService } from '../src/analysis/service';
import { fixedT } from '../src/i18n';

const [step = 'report', file = '', repeatsArg = '3'] = process.argv.slice(2);
const db = openDb(file);
const questionnaires = createQuestionnaireService(db);
// The server's workers read on connections that cannot write, so they keep counts in memory only: these steps do the
// same (as in the earlier rounds). `report-kept` is the command line: its counts are kept in the database for the next
// process (src/analysis/kept-counts.ts); its `firstMs` in a second process is a first report that finds them.
const analysis = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { keepCounts: step === 'report-kept' ? { tails: true } : false });
const request = { surveyId: 'youth-worker-tna', lang: 'bg', groupBy: 'country', viewer: { freeText: 'all' as const } };

const NAIVE_SQL = `SELECT item, count(*), avg(importance), avg(proficiency), avg(importance - proficiency),
  sum(importance * importance), sum(proficiency * proficiency) FROM naive_answers GROUP BY item`;

const arrive = db.prepare(`INSERT INTO responses (public_id, survey_id, version, collector_id, lang, submitted_on, erasure_hash, is_demo, answers, codes)
  SELECT hex(randomblob(16)), survey_id, version, collector_id, lang, submitted_on, hex(randomblob(32)), is_demo, answers, codes
  FROM responses WHERE survey_id = ? ORDER BY id LIMIT 100 OFFSET ?`);
let arrived = 0;

async function run(): Promise<void> {
  switch (step) {
    case 'report-live':
      return void analysis.build(request);
    case 'open':
      return void questionnaires.load('youth-worker-tna', 1);
    case 'naive':
      return void db.prepare(NAIVE_SQL).all();
    case 'naive-indexed':
      return void db.prepare(NAIVE_SQL.replace('FROM naive_answers', 'FROM naive_indexed')).all();
    case 'report':
    case 'report-kept':
      return void analysis.build(request);
    case 'pdf': {
      const modulePath = '../src/reporting/pdf'; // resolved at run time: the PDF adapter is optional here
      type PdfModule = { renderReportPdf: (r: unknown, t: unknown, out: NodeJS.WritableStream) => Promise<void> };
      const pdf = (await import(modulePath).catch(() => undefined)) as PdfModule | undefined;
      if (!pdf) throw new Error('src/reporting/pdf is not available');
      const report = analysis.build(request);
      const out = fs.createWriteStream('/dev/null');
      await pdf.renderReportPdf(report, fixedT(report.lang, 'report'), out);
      return;
    }
    default:
      throw new Error(`unknown step ${step}`);
  }
}

async function main() {
  const times: number[] = [];
  for (let i = 0; i <= Number(repeatsArg); i++) {
    if (step === 'report-live' && i > 0) arrive.run(request.surveyId, (arrived += 100));
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const firstMs = times.shift()!;
  times.sort((a, b) => a - b);
  const ms = times.length ? times[Math.floor(times.length / 2)]! : firstMs;
  console.log(JSON.stringify({ step, firstMs, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((err) => {
  console.log(JSON.stringify({ step, error: String(err) }));
  process.exitCode = 1;
});
