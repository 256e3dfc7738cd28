import { histogramMoments, histogramStats, momentsStats, valuesHistogram, type Histogram } from './stats';
import type { Accumulated, GroupCounts } from './accumulate';
import { compact, kruskalTest, posthocPairs } from './group-tests';
import type { LabelSource } from './frequencies';
import type { Comparison, Disclosed, ScoreStats, ScoreSummary } from './schema';

/**
 * Single Likert questions (counted by answer like any choice) and number questions (counted by value, see
 * number-code.ts) summarised as scores: mean (SD), median (IQR), and the group comparison the areas get.
 */
interface ScoreSource {
  questionId: string;
  type: 'likert' | 'number';
  offset: number;
  points: number | null;
  histogram: (g: GroupCounts) => Histogram;
}

function sources(acc: Accumulated): ScoreSource[] {
  const likert = acc.plan.choices.flatMap((field, c): ScoreSource[] =>
    field.question.type === 'likert'
      ? [{ questionId: field.question.id, type: 'likert', offset: field.offset, points: field.values.length, histogram: (g) => ({ min: 1, step: 1, counts: Array.from(g.choices[c]!.subarray(1)) }) }]
      : [],
  );
  const numbers = acc.plan.numbers.map(
    (field, q): ScoreSource => ({ questionId: field.question.id, type: 'number', offset: field.offset, points: null, histogram: (g) => valuesHistogram(acc.axes.numbers[q]!, g.numbers[q]!) }),
  );
  return [...likert, ...numbers].sort((a, b) => a.offset - b.offset);
}

const SMALL_GROUP = { suppressed: true as const, reason: 'small_group' as const };

/** The statistics of one histogram, or withheld when fewer than minGroup answered. */
export function scoreStats(h: Histogram, minGroup: number): Disclosed<ScoreStats> {
  const s = histogramStats(h);
  if (s.n < minGroup) return SMALL_GROUP;
  return { n: s.n, mean: s.mean, sd: s.sd, ci95: momentsStats(histogramMoments(h)).ci95, median: s.median, q1: s.q1, q3: s.q3 };
}

export function summarizeScores(acc: Accumulated, total: GroupCounts, labels: LabelSource, minGroup: number): ScoreSummary[] {
  return sources(acc).map((source) => {
    const h = source.histogram(total);
    return {
      questionId: source.questionId,
      label: labels.question(source.questionId),
      type: source.type,
      page: labels.page(source.questionId),
      n: h.counts.reduce((a, b) => a + b, 0),
      points: source.points,
      stats: scoreStats(h, minGroup),
    };
  });
}

/**
 * Each score question across the comparison's columns: statistics per column, Kruskal-Wallis, post-hoc pairs. The
 * question the groups are made of (a Likert question can be the grouping) is left out.
 */
export function compareScores(acc: Accumulated, columns: readonly { key: string; counts: GroupCounts }[], byId: string, labels: LabelSource, minGroup: number): Comparison['scores'] {
  return sources(acc).filter((source) => source.questionId !== byId).map((source) => {
    const histograms = columns.map((c) => source.histogram(c.counts));
    const table = compact(histograms.map((h) => [...h.counts]));
    const kruskal = kruskalTest(table, minGroup);
    return {
      questionId: source.questionId,
      label: labels.question(source.questionId),
      type: source.type,
      cells: histograms.map((h) => scoreStats(h, minGroup)),
      kruskal,
      pairwise: posthocPairs(
        table,
        columns.map((c) => c.key),
        kruskal,
        minGroup,
      ),
    };
  });
}
