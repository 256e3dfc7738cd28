/** Builds scale surveys and checks a whole report against the raw recomputation (scale-reference.ts). */
import { createAnalysisService } from '../../src/analysis/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import type { ReportData } from '../../src/analysis/schema';
import type { Answers } from '../../src/questionnaires/answers-schema';
import type { Db } from '../../src/shared/db';
import { buildTestDb } from '../helpers/app';
import { seedResponses } from '../helpers/seed';
import { areaItems, scaleAnswers, scaleQuestionnaire, type ScaleSurvey } from './scale-data';
import { areaScore, rawGroupTests, referenceArea, referenceItem, referenceScore, scoreValues, describeValues } from './scale-reference';

export const MIN_GROUP = 10;
export const SMALL = { suppressed: true, reason: 'small_group' };

/** Every key of `expected` is in `actual`, numbers equal to 1e-9 (relative), NaN matching NaN. */
export function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') throw new Error(`${path}: expected ${expected}, got ${JSON.stringify(actual)}`);
    if (Number.isNaN(expected) ? !Number.isNaN(actual) : Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) throw new Error(`${path}: expected ${expected}, got ${actual}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) throw new Error(`${path}: expected ${expected.length} entries, got ${JSON.stringify(actual)}`);
    expected.forEach((e, i) => expectClose(actual[i], e, `${path}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) throw new Error(`${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, e] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
  } else if (actual !== expected) throw new Error(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function buildScaleSurvey(s: ScaleSurvey, seed = 1): { db: Db; rows: Answers[]; surveyId: string } {
  const q = scaleQuestionnaire(s);
  const db = buildTestDb(q);
  const rows = scaleAnswers(s, seed);
  seedResponses(db, q.id, rows);
  return { db, rows: rows.map((r) => r.answers), surveyId: q.id };
}

export function buildReport(db: Db, surveyId: string, query: { groupBy?: string; filters?: { questionId: string; values: string[] }[] } = {}): ReportData {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb: false }).build({ surveyId, viewer: { freeText: 'all' }, ...query });
}

/** Average ranks, highest first. */
const ranksDesc = (v: number[]) => v.map((x) => v.filter((y) => y > x).length + (v.filter((y) => y === x).length + 1) / 2);

/** The respondents behind each column of a comparison by country, from the groups' statuses in the report. */
function columnRows(report: ReportData, rows: readonly Answers[]) {
  const comparison = report.comparison!;
  const folded = comparison.groups.filter((g) => g.status === 'folded').map((g) => g.key);
  return comparison.columns.map((c) => ({ key: c.key, rows: rows.filter((a) => (c.key === '__other' ? folded.includes(a.country as string) : a.country === c.key)) }));
}

/** Checks a whole report against the raw recomputation. */
export function expectMatchesRaw(report: ReportData, s: ScaleSurvey, rows: readonly Answers[]) {
  const areas = areaItems(s);
  const itemIds = Object.values(areas).flat();
  const items = itemIds.map((id) => referenceItem(rows, id, s.points, MIN_GROUP));
  const shown = items.filter((i) => i.n >= MIN_GROUP);
  const ranks = ranksDesc(shown.map((i) => i.mwds as number));
  // Locus for Focus: axes split at the mean over the shown items of their mean importance and mean gap
  const meanOf = (pick: (i: (typeof shown)[number]) => number) => shown.reduce((sum, i) => sum + pick(i), 0) / shown.length;
  const importanceOf = (i: (typeof shown)[number]) => (i.importance as { mean: number }).mean;
  const gapOf = (i: (typeof shown)[number]) => ('gap' in i ? i.gap.mean : Number.NaN);
  const centre = { grandImportance: meanOf(importanceOf), grandGap: meanOf(gapOf) };
  expectClose(report.locus, centre, 'locus');
  const quadrant = (i: (typeof shown)[number]) => {
    const high = (v: number, split: number) => v >= split - 1e-12 * Math.max(1, Math.abs(split));
    const [imp, gap] = [high(importanceOf(i), centre.grandImportance), high(gapOf(i), centre.grandGap)];
    return imp ? (gap ? 'first_priority' : 'high_importance_low_gap') : gap ? 'high_gap_low_importance' : 'lowest_priority';
  };
  items.forEach((expected) => {
    const k = shown.indexOf(expected);
    expectClose(report.items.find((i) => i.id === expected.id), k >= 0 ? { ...expected, rank: ranks[k], quadrant: quadrant(expected) } : { ...expected, rank: SMALL }, `items.${expected.id}`);
  });
  for (const [id, ids] of Object.entries(areas)) expectClose(report.areas.find((a) => a.id === id), referenceArea(rows, ids, MIN_GROUP), `areas.${id}`);
  for (const id of ['hours', 'distance', 'agree']) {
    const score = report.scores.find((x) => x.questionId === id)!;
    expectClose(score, referenceScore(rows, id, MIN_GROUP), `scores.${id}`);
    expect(score.points).toBe(id === 'agree' ? s.likertPoints : null);
    expect(score.type).toBe(id === 'agree' ? 'likert' : 'number');
  }
  if (!report.comparison) return;
  const columns = columnRows(report, rows);
  const cell = (values: number[], full: boolean) => {
    if (values.length < MIN_GROUP) return SMALL;
    const d = describeValues(values);
    return full ? d : { n: d.n, mean: d.mean, sd: d.sd, ci95: d.ci95 };
  };
  for (const [id, ids] of Object.entries(areas)) {
    const gaps = columns.map((c) => ({ key: c.key, values: c.rows.flatMap((a) => areaScore(a, ids)?.gap ?? []) }));
    const area = report.comparison.areas.find((a) => a.id === id)!;
    expectClose(area.gap, gaps.map((g) => cell(g.values, false)), `comparison.areas.${id}.gap`);
    expectClose(area.importance, columns.map((c) => cell(c.rows.flatMap((a) => areaScore(a, ids)?.importance ?? []), false)), `comparison.areas.${id}.importance`);
    expectClose(area, rawGroupTests(gaps, MIN_GROUP), `comparison.areas.${id}`);
  }
  for (const id of ['hours', 'distance', 'agree']) {
    const values = columns.map((c) => ({ key: c.key, values: scoreValues(c.rows, id) }));
    const score = report.comparison.scores.find((x) => x.questionId === id)!;
    expectClose(score, { questionId: id, cells: values.map((v) => cell(v.values, true)), ...rawGroupTests(values, MIN_GROUP) }, `comparison.scores.${id}`);
  }
}

