/**
 * The report's figures recomputed from raw answers, straight from the textbook definitions (METHODOLOGY.md sections
 * 2 and 3), sharing no code with src/analysis: per-respondent values in arrays, sorted and ranked the slow way.
 */
import { jStat } from 'jstat';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { rawCronbachAlpha, rawKruskalH, rawMannWhitneyU, rawMidRank, rawQuantile7, rawVariance } from './stats/raw-reference';

const SMALL = { suppressed: true, reason: 'small_group' };
const Z = jStat.normal.inv(0.975, 0, 1);

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

export function describeValues(values: readonly number[]) {
  const n = values.length;
  const m = mean(values);
  const sd = Math.sqrt(rawVariance(values));
  const half = jStat.studentt.inv(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean: m, sd, ci95: [m - half, m + half], median: rawQuantile7(values, 0.5), q1: rawQuantile7(values, 0.25), q3: rawQuantile7(values, 0.75) };
}

function tieTerm(values: readonly number[]): number {
  return [...new Set(values)].map((v) => values.filter((x) => x === v).length).reduce((s, t) => s + t ** 3 - t, 0);
}

const twoSided = (z: number) => 2 * jStat.normal.cdf(-Math.abs(z), 0, 1);

/** Wilcoxon signed-rank with zeros dropped, ties and continuity correction (R: exact = FALSE, correct = TRUE). */
export function rawWilcoxon(differences: readonly number[]) {
  const nonZero = differences.filter((d) => d !== 0);
  const abs = nonZero.map(Math.abs);
  const n = nonZero.length;
  const wPlus = nonZero.reduce((s, d) => s + (d > 0 ? rawMidRank(abs, Math.abs(d)) : 0), 0);
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm(abs) / 48;
  const deviation = wPlus - (n * (n + 1)) / 4;
  const z = (deviation - 0.5 * Math.sign(deviation)) / Math.sqrt(variance);
  return { z, p: twoSided(z), r: z / Math.sqrt(n) };
}

/** Mann-Whitney with tie and continuity correction; r = z / sqrt(N), > 0 when the first group is higher. */
export function rawMannWhitney(a: readonly number[], b: readonly number[]) {
  const n = a.length + b.length;
  const variance = ((a.length * b.length) / 12) * (n + 1 - tieTerm([...a, ...b]) / (n * (n - 1)));
  const deviation = rawMannWhitneyU(a, b) - (a.length * b.length) / 2;
  const z = (deviation - 0.5 * Math.sign(deviation)) / Math.sqrt(variance);
  return { p: twoSided(z), r: z / Math.sqrt(n) };
}

export function rawHolm(p: readonly number[]): number[] {
  const order = p.map((x, i) => ({ x, i })).sort((u, v) => u.x - v.x);
  const out = new Array<number>(p.length);
  let running = 0;
  order.forEach((o, k) => {
    running = Math.max(running, Math.min(1, (p.length - k) * o.x));
    out[o.i] = running;
  });
  return out;
}

export function rawWilson(k: number, n: number): [number, number] {
  const p = k / n;
  const centre = p + (Z * Z) / (2 * n);
  const half = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  const d = 1 + (Z * Z) / n;
  return [(centre - half) / d, (centre + half) / d];
}

/** Kruskal-Wallis over groups with at least minGroup values, then Holm-adjusted pairs when p < 0.05. */
export function rawGroupTests(groups: { key: string; values: number[] }[], minGroup: number) {
  const usable = groups.filter((g) => g.values.length >= minGroup);
  if (usable.length < 2) return { kruskal: SMALL, pairwise: [] };
  const h = rawKruskalH(usable.map((g) => g.values));
  // everyone gave the same answer: no ranks to compare, the test is withheld like an undefined one
  if (!Number.isFinite(h)) return { kruskal: { suppressed: true, reason: 'no_variation' }, pairwise: [] }; // every answer the same
  const n = usable.reduce((s, g) => s + g.values.length, 0);
  const p = 1 - jStat.chisquare.cdf(h, usable.length - 1);
  const kruskal = { h, df: usable.length - 1, p, epsilonSquared: h / (n - 1) };
  if (p >= 0.05) return { kruskal, pairwise: [] };
  const pairs = usable.flatMap((x, i) => usable.slice(i + 1).map((y) => ({ a: x.key, b: y.key, ...rawMannWhitney(x.values, y.values) })));
  const adjusted = rawHolm(pairs.map((q) => q.p));
  return { kruskal, pairwise: pairs.map((q, i) => ({ a: q.a, b: q.b, pAdjusted: adjusted[i]!, r: q.r })) };
}

type Pair = { importance: number; proficiency: number };
const pairOf = (answers: Answers, id: string): Pair | undefined => {
  const v = answers[id];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
};

/** A respondent's area scores: the means of the items they rated, or undefined when they rated none. */
export function areaScore(answers: Answers, items: readonly string[]) {
  const pairs = items.flatMap((id) => pairOf(answers, id) ?? []);
  if (!pairs.length) return undefined;
  const importance = mean(pairs.map((p) => p.importance));
  const proficiency = mean(pairs.map((p) => p.proficiency));
  return { importance, proficiency, gap: mean(pairs.map((p) => p.importance - p.proficiency)) };
}

export function referenceItem(rows: readonly Answers[], id: string, points: number, minGroup: number) {
  const pairs = rows.flatMap((a) => pairOf(a, id) ?? []);
  const n = pairs.length;
  const base = { id, n, notApplicable: rows.length - n };
  if (n < minGroup) return { ...base, importance: SMALL, mwds: SMALL, wilcoxon: SMALL };
  const imp = pairs.map((p) => p.importance);
  const prof = pairs.map((p) => p.proficiency);
  const gap = pairs.map((p) => p.importance - p.proficiency);
  const counts = (v: number[]) => Array.from({ length: points }, (_, k) => v.filter((x) => x === k + 1).length);
  const positive = gap.filter((d) => d > 0).length;
  const { mean: gapMean, sd: gapSd, ci95 } = describeValues(gap);
  const distribution = (v: number[]) => {
    const { n: _n, ...d } = describeValues(v);
    return { ...d, counts: counts(v) };
  };
  return {
    ...base,
    importance: distribution(imp),
    proficiency: distribution(prof),
    gap: { mean: gapMean, sd: gapSd, ci95, positiveShare: positive / n, positiveCi: rawWilson(positive, n) },
    mwds: mean(gap) * mean(imp),
    wilcoxon: rawWilcoxon(gap),
  };
}

export function referenceArea(rows: readonly Answers[], items: readonly string[], minGroup: number) {
  const scores = rows.flatMap((a) => areaScore(a, items) ?? []);
  const complete = rows.filter((a) => items.every((id) => pairOf(a, id)));
  const alpha = (scale: keyof Pair) => (complete.length >= minGroup ? rawCronbachAlpha(complete.map((a) => items.map((id) => pairOf(a, id)![scale]))) : null);
  const stats = (pick: (s: { importance: number; proficiency: number; gap: number }) => number) => {
    const d = describeValues(scores.map(pick));
    return { n: d.n, mean: d.mean, sd: d.sd, median: d.median, ci95: d.ci95 };
  };
  const enough = scores.length >= minGroup;
  return {
    importance: enough ? stats((s) => s.importance) : SMALL,
    proficiency: enough ? stats((s) => s.proficiency) : SMALL,
    gap: enough ? stats((s) => s.gap) : SMALL,
    mwds: enough ? mean(scores.map((s) => s.gap)) * mean(scores.map((s) => s.importance)) : SMALL,
    alpha: { importance: alpha('importance'), proficiency: alpha('proficiency'), n: complete.length },
  };
}

/** The values of a Likert or number question, from the answers that have one. */
export const scoreValues = (rows: readonly Answers[], id: string) => rows.flatMap((a) => (typeof a[id] === 'number' ? [a[id] as number] : []));

export function referenceScore(rows: readonly Answers[], id: string, minGroup: number) {
  const values = scoreValues(rows, id);
  return { questionId: id, n: values.length, stats: values.length >= minGroup ? describeValues(values) : SMALL };
}
