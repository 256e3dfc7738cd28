import type { GroupCounts, Perturb } from '../analysis/derive';
import type { Plan } from '../analysis/accumulate';
import type { Axes } from '../analysis/derive';
import type { Count, Disclosed } from '../analysis/schema';
import { foldSmallGroups, mannWhitney } from '../analysis/stats';
import { disclosedCount, smallCount } from '../analysis/frequencies';
import { pairedTests, type Pair } from './paired';
import type { PairedTest, PartnerComparison, UnitComparison, Verdict, WaveMeans, WaveTest } from './schema';

/** Significance level of "did the gap close?", and the remaining mean gap below which a narrowed gap counts as closed. */
export const ALPHA = 0.05;
export const CLOSED_BELOW = 0.5;

export interface Thresholds {
  minCell: number;
  minGroup: number;
}

type ScaleResult = Disclosed<WaveMeans & { test: Disclosed<WaveTest> }>;

const sum = (counts: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i]!;
  return s;
};
const mean = (counts: ArrayLike<number>, value: (bin: number) => number) => {
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i]! * value(i);
  return s / sum(counts);
};

/** Means in both waves and Mann–Whitney of b against a (z > 0: b higher) over the same ascending values. */
function scale(a: ArrayLike<number>, b: ArrayLike<number>, value: (bin: number) => number): WaveMeans & { test: Disclosed<WaveTest> } {
  const ma = mean(a, value);
  const mb = mean(b, value);
  const mw = mannWhitney(Array.from(b), Array.from(a));
  const test: Disclosed<WaveTest> = Number.isFinite(mw.z) ? { z: mw.z, p: mw.p, r: mw.r } : { suppressed: true, reason: 'no_variation' };
  return { a: ma, b: mb, change: mb - ma, test };
}

/** "Did the gap close?" from the paired test when it is published, else from Mann–Whitney (README "Waves"). */
export function verdictOf(gap: ScaleResult, paired: Disclosed<PairedTest>): Disclosed<Verdict> {
  if ('suppressed' in gap) return gap;
  const decisive = !('suppressed' in paired) ? { p: paired.p, change: paired.meanChange } : !('suppressed' in gap.test) ? { p: gap.test.p, change: gap.change } : null;
  if (!decisive || !(decisive.p < ALPHA) || decisive.change === 0) return 'unchanged';
  if (decisive.change > 0) return 'widened';
  return gap.b < CLOSED_BELOW ? 'closed' : 'narrowed';
}

export interface WaveCounts {
  groups: GroupCounts[];
  total: GroupCounts;
  axes: Axes;
}

/** Slices of one unit (item or area) out of a group's histograms, with the value of each bin. */
interface UnitSlices {
  importance: ArrayLike<number>;
  proficiency: ArrayLike<number>;
  gap: ArrayLike<number>;
}

function itemSlices(g: GroupCounts, i: number, points: number): UnitSlices {
  const bins = points + 1;
  const gaps = 2 * points - 1;
  return { importance: g.importance.subarray(i * bins + 1, (i + 1) * bins), proficiency: g.proficiency.subarray(i * bins + 1, (i + 1) * bins), gap: g.gap.subarray(i * gaps, (i + 1) * gaps) };
}

function areaSlices(g: GroupCounts, a: number): UnitSlices {
  return { importance: g.areaImportance[a]!, proficiency: g.areaProficiency[a]!, gap: g.areaGap[a]! };
}

/** One unit compared: every figure withheld unless both waves have at least min_group respondents rating it. */
function unit(
  id: string,
  label: string,
  a: UnitSlices | undefined,
  b: UnitSlices | undefined,
  values: { rating: (bin: number) => number; gap: (bin: number) => number },
  paired: Disclosed<PairedTest>,
  t: Thresholds,
): UnitComparison {
  const na = a ? sum(a.gap) : 0;
  const nb = b ? sum(b.gap) : 0;
  const n: [Count, Count] = [na >= t.minGroup ? disclosedCount(na, t.minCell) : smallCount(t.minGroup), nb >= t.minGroup ? disclosedCount(nb, t.minCell) : smallCount(t.minGroup)];
  if (!a || !b || na < t.minGroup || nb < t.minGroup) {
    const none = { suppressed: true as const, reason: 'small_group' as const };
    return { id, label, n, importance: none, proficiency: none, gap: none, paired: none, verdict: none };
  }
  const gap = scale(a.gap, b.gap, values.gap);
  return { id, label, n, importance: scale(a.importance, b.importance, values.rating), proficiency: scale(a.proficiency, b.proficiency, values.rating), gap, paired, verdict: verdictOf(gap, paired) };
}

export interface CompareInput {
  plan: Plan;
  a: WaveCounts;
  b: WaveCounts;
  /** Pairs of panel-coded responses (overall). */
  pairs: readonly Pair[];
  /** Group g's collector id (the last group: the direct link, null) and label. */
  partners: { id: string | null; label: string }[];
  labels: { item: (id: string) => string; area: (id: string) => string };
  perturb: Perturb | undefined;
  thresholds: Thresholds;
}

const itemValues = (points: number) => ({ rating: (bin: number) => bin + 1, gap: (bin: number) => bin - (points - 1) });

export function compareItems(input: CompareInput): UnitComparison[] {
  const { plan, a, b, pairs, perturb, thresholds } = input;
  return plan.items.map((field, i) => {
    const paired = pairedTests(pairs, plan, { kind: 'item', index: i, id: field.question.id }, perturb, thresholds.minGroup);
    return unit(field.question.id, input.labels.item(field.question.id), itemSlices(a.total, i, plan.points), itemSlices(b.total, i, plan.points), itemValues(plan.points), paired, thresholds);
  });
}

function compareAreas(input: CompareInput, ga: GroupCounts | undefined, gb: GroupCounts | undefined, pairs: readonly Pair[], scope: string): UnitComparison[] {
  const { plan, a, perturb, thresholds } = input;
  return plan.areas.map((area, k) => {
    const axis = a.axes.areas[k]!;
    const paired = pairedTests(pairs, plan, { kind: 'area', index: k, id: `${area.id}${scope}` }, perturb, thresholds.minGroup);
    return unit(area.id, input.labels.area(area.id), ga && areaSlices(ga, k), gb && areaSlices(gb, k), { rating: (bin) => axis.rating.values[bin]!, gap: (bin) => axis.gap.values[bin]! }, paired, thresholds);
  });
}

export const compareOverallAreas = (input: CompareInput) => compareAreas(input, input.a.total, input.b.total, input.pairs, '');

/**
 * Areas per partner. A wave/partner cell under min_group publishes nothing; when the small partners of a wave together
 * stay under min_group, the smallest shown partner is withheld too (secondary suppression, as in the group comparison:
 * the wave's overall figures minus the shown partners would otherwise describe the small ones).
 */
export function comparePartners(input: CompareInput): PartnerComparison[] {
  const { a, b, partners, thresholds } = input;
  const present = partners.map((p, g) => ({ ...p, g })).filter(({ g }) => (a.groups[g]?.n ?? 0) > 0 || (b.groups[g]?.n ?? 0) > 0);
  const fold = (w: WaveCounts) => foldSmallGroups(present.map(({ g }) => ({ key: String(g), n: w.groups[g]?.n ?? 0 })), thresholds.minGroup);
  const [fa, fb] = [fold(a), fold(b)];
  return present.map(({ id, label, g }) => {
    const key = String(g);
    const status = fa.withheld.includes(key) || fb.withheld.includes(key) ? 'withheld' : fa.shown.includes(key) && fb.shown.includes(key) ? 'shown' : 'suppressed';
    if (status !== 'shown') return { collector: id, label, status, areas: [] };
    const own = input.pairs.filter(([x, y]) => x.collector === id && y.collector === id);
    return { collector: id, label, status, areas: compareAreas(input, a.groups[g], b.groups[g], own, `@${id ?? ''}`) };
  });
}
