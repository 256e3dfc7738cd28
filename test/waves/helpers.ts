import { jStat } from 'jstat';
import type { Db } from '../../src/shared/db';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { validateAnswers } from '../../src/questionnaires/answers';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createResponseService } from '../../src/responses/service';
import { createWaveService } from '../../src/waves/service';

export const today = () => new Date().toISOString().slice(0, 10);
export const dayOffset = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

export function addWave(db: Db, surveyId: string, id: string, opens?: string, closes?: string) {
  return createWaveService(db).save('cli', surveyId, { id, label: `Wave ${id}`, opens, closes });
}

/** Stores responses as the API would, with an optional panel code each. */
export function seedWave(db: Db, surveyId: string, rows: { answers: Answers; collector?: string; panel?: string }[]) {
  const surveys = createSurveyService(db, createQuestionnaireService(db));
  const responses = createResponseService(db);
  const survey = surveys.find(surveyId)!;
  for (const row of rows) {
    if (row.collector && !surveys.collector(surveyId, row.collector)) surveys.saveCollector(surveyId, { id: row.collector, label: row.collector.toUpperCase() });
    const checked = validateAnswers(survey.current.definition, row.answers, { hidden: 'reject' });
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    responses.submit({ survey, version: survey.current, collectorId: row.collector ?? null, lang: 'en', answers: checked.answers, countStart: true, panel: row.panel ? { code: row.panel } : undefined });
  }
}

// Reference statistics from raw values, written independently of src/analysis/stats (which works on counts).

const twoSided = (z: number) => 2 * jStat.normal.cdf(-Math.abs(z), 0, 1);

function midRanks(values: number[]): { ranks: number[]; ties: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  let ties = 0;
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && Math.abs(order[e + 1]!.v - order[s]!.v) < 1e-9) e++;
    const t = e - s + 1;
    ties += t ** 3 - t;
    for (let k = s; k <= e; k++) ranks[order[k]!.i] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return { ranks, ties };
}

/** Mann–Whitney of x against y (z > 0: x higher), normal approximation, tie and continuity correction. */
export function rawMannWhitney(x: number[], y: number[]) {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const { ties } = midRanks([...x, ...y]);
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  const dev = u - (n1 * n2) / 2;
  const z = (dev - 0.5 * Math.sign(dev)) / Math.sqrt(variance);
  return { z, p: twoSided(z), r: z / Math.sqrt(n) };
}

/** Wilcoxon signed-rank of paired differences (zeros dropped), normal approximation, tie and continuity correction. */
export function rawWilcoxon(d: number[]) {
  const nonZero = d.filter((v) => Math.abs(v) > 1e-9);
  const n = nonZero.length;
  const { ranks, ties } = midRanks(nonZero.map(Math.abs));
  const wPlus = nonZero.reduce((s, v, i) => s + (v > 0 ? ranks[i]! : 0), 0);
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
  const dev = wPlus - (n * (n + 1)) / 4;
  const z = (dev - 0.5 * Math.sign(dev)) / Math.sqrt(variance);
  return { z, p: twoSided(z), r: z / Math.sqrt(n), mean: d.reduce((s, v) => s + v, 0) / d.length };
}
