/**
 * npm run bench:disclosure: what the cell-key perturbation costs in utility, on the 2,000-response demo.
 * Builds the report twice from the same data, exactly (what the report published before perturbation, with
 * suppression only) and perturbed, and prints: whether the ten highest needs keep their order, and the share of
 * published cells (item rating counts, frequency counts, group cells) that are suppressed or changed in each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/shared/db';
import { createQuestionnaireService } from '../src/questionnaires/service';
import { createSurveyService } from '../src/surveys/service';
import { createDemoService } from '../src/demo/service';
import { createAnalysisService } from '../src/analysis/service';
import type { ReportData } from '../src/analysis/schema';

const file = path.join(os.tmpdir(), 'needsmap-disclosure-utility.sqlite');
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
const db = openDb(file);
const questionnaires = createQuestionnaireService(db);
questionnaires.importShipped();
const surveys = createSurveyService(db, questionnaires);
createDemoService(db, { surveys, questionnaires }).load({ surveyId: 'youth-worker-tna', responses: 2000, seed: 1 });
const surveyId = (db.prepare('SELECT survey_id FROM responses LIMIT 1').pluck().get() as string) ?? 'youth-worker-tna';

const build = (perturb: boolean, groupBy?: string) => createAnalysisService(db, { surveys, questionnaires }, { perturb }).build({ surveyId, groupBy, viewer: { freeText: 'none' } });

/** Every published count of a report: item rating counts, frequency counts, group categorical cells. */
function cells(r: ReportData): (number | 'hidden')[] {
  const out: (number | 'hidden')[] = [];
  for (const item of r.items) for (const scale of [item.importance, item.proficiency]) for (const c of (scale as { counts?: number[] }).counts ?? []) out.push(c);
  for (const f of r.frequencies) for (const o of f.options) out.push(typeof o.count === 'number' ? o.count : 'hidden');
  for (const table of r.comparison?.categorical ?? []) for (const row of table.cells) for (const c of row) out.push(typeof c === 'number' ? c : 'hidden');
  return out;
}

const top = (r: ReportData) => r.items.filter((i) => typeof i.rank === 'number').sort((a, b) => (a.rank as number) - (b.rank as number)).slice(0, 10).map((i) => i.id);
for (const groupBy of [undefined, 'country']) {
  const exact = build(false, groupBy);
  const noisy = build(true, groupBy);
  const a = cells(exact);
  const b = cells(noisy);
  const suppressedBefore = a.filter((c) => c === 'hidden').length / a.length;
  const suppressedAfter = b.filter((c) => c === 'hidden').length / b.length;
  const changed = b.filter((c, i) => c !== 'hidden' && c !== a[i]).length / b.length;
  const same = JSON.stringify(top(exact)) === JSON.stringify(top(noisy));
  console.log(
    `${groupBy ? `grouped by ${groupBy}` : 'whole sample'}: ${a.length} published cells; suppressed ${(suppressedBefore * 100).toFixed(1)} % before, ${(suppressedAfter * 100).toFixed(1)} % after; perturbed ${(changed * 100).toFixed(1)} %; ten highest needs in the same order: ${same ? 'yes' : 'no'}`,
  );
  if (!same) console.log(`  exact:     ${top(exact).join(' ')}\n  perturbed: ${top(noisy).join(' ')}`);
}
db.close();
