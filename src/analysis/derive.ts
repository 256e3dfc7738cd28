import { numberValue } from '../questionnaires/number-code';
import type { NumberDictionary, Plan, RawCounts } from './accumulate';
import { areaAxes, areaOffsets, type ValueAxis } from './axes';

/**
 * From the raw tables of the pass to the histograms the summaries read. Every raw table of every group is first
 * handed to the disclosure hook (`perturb`), under a stable name, so that everything published is derived from
 * what the hook left:
 * - `responses`: the group's number of responses (one cell);
 * - `item:<questionId>`: the joint importance × proficiency counts of a competence item, 2 × (K+1)² cells (the
 *   second half: complete cases of its area);
 * - `area:<areaId>:importance`, `area:<areaId>:proficiency`: responses by (items rated n, sum of ratings);
 *   `area:<areaId>:gap`: by (n, summed gap);
 * - `choice:<questionId>` (single, country and likert questions): counts by answer, cell 0 = no answer;
 * - `multi:<questionId>`: [answered, option 1, option 2, ...];
 * - `text:<questionId>`: respondents who wrote something (one cell);
 * - `number:<questionId>`: counts by distinct value, ascending (the values are `Accumulated.axes.numbers`).
 */
export type Perturb = (table: Uint32Array, name: string, groupKey: number) => void;

/** Histograms of one group, derived from its raw tables. Flat typed arrays, indexed [item * bins + bin]. */
export interface GroupCounts {
  n: number;
  key: number;
  /** Per item, K+1 bins: 0 = not applicable or missing, 1..K. */
  importance: Uint32Array;
  proficiency: Uint32Array;
  /** Per item, 2K-1 bins: gaps -(K-1)..K-1. */
  gap: Uint32Array;
  /** Per area: counts over the area's score values (`axes.areas[a].rating` / `.gap`). */
  areaImportance: Uint32Array[];
  areaProficiency: Uint32Array[];
  areaGap: Uint32Array[];
  choices: Uint32Array[];
  multis: Uint32Array[];
  texts: Uint32Array;
  /** Per number question: counts over `axes.numbers[q]`. */
  numbers: Uint32Array[];
}

/** Sums over complete cases, per area and scale, for Cronbach's alpha (all groups together). */
export interface AlphaAccumulator {
  n: number;
  /**
   * With perturbation: the complete cases as published (from the perturbed tables), while the sums and `n` above
   * stay exact. Alpha mixes item and total variances; perturbed independently they no longer fit together (alpha
   * came out as 1.02 or -1.69), so alpha is computed from the exact sums and published to two decimals, beside this n.
   */
  shownN?: number;
  itemSum: Float64Array;
  itemSumSq: Float64Array;
  totalSum: number;
  totalSumSq: number;
}

export interface Axes {
  areas: { rating: ValueAxis; gap: ValueAxis }[];
  /** Per number question: the distinct values answered, ascending. */
  numbers: Float64Array[];
}

export interface Accumulated {
  plan: Plan;
  /** Indexed by group; a group nobody is in has no entry. */
  groups: GroupCounts[];
  alpha: { importance: AlphaAccumulator[]; proficiency: AlphaAccumulator[] };
  axes: Axes;
}

export function emptyGroup(plan: Plan, axes: Axes): GroupCounts {
  const k = plan.items.length;
  const bins = plan.points + 1;
  return {
    n: 0,
    key: 0,
    importance: new Uint32Array(k * bins),
    proficiency: new Uint32Array(k * bins),
    gap: new Uint32Array(k * (2 * plan.points - 1)),
    areaImportance: axes.areas.map((a) => new Uint32Array(a.rating.values.length)),
    areaProficiency: axes.areas.map((a) => new Uint32Array(a.rating.values.length)),
    areaGap: axes.areas.map((a) => new Uint32Array(a.gap.values.length)),
    choices: plan.choices.map((f) => new Uint32Array(f.values.length + 1)),
    multis: plan.multis.map((f) => new Uint32Array(f.values.length + 1)),
    texts: new Uint32Array(plan.texts.length),
    numbers: axes.numbers.map((values) => new Uint32Array(values.length)),
  };
}

/** Number tables re-indexed by ascending value, "no answer" left out: every group gets the same columns. */
function numberTables(raw: RawCounts, dictionaries: readonly NumberDictionary[], orders: readonly Int32Array[]): Uint32Array[] {
  return dictionaries.map((dictionary, q) => {
    const counts = raw.numbers[q]!;
    const order = orders[q]!;
    return Uint32Array.from(order, (k) => counts[k] ?? 0);
  });
}

/** Every raw table of a group under its stable name (views: the hook changes the counts in place). */
function tablesOf(plan: Plan, raw: RawCounts, size: Uint32Array, numbers: Uint32Array[]): [Uint32Array, string][] {
  const jointBins = (plan.points + 1) ** 2;
  const { sums, gaps } = areaOffsets(plan);
  return [
    [size, 'responses'],
    ...plan.items.map((f, i): [Uint32Array, string] => [raw.joint.subarray(i * 2 * jointBins, (i + 1) * 2 * jointBins), `item:${f.question.id}`]),
    ...plan.areas.flatMap((a, k): [Uint32Array, string][] => {
      const sumLength = (a.shape.items + 1) * a.shape.sumBins;
      const gapLength = (a.shape.items + 1) * a.shape.gapBins;
      return [
        [raw.areaImportance.subarray(sums[k]!, sums[k]! + sumLength), `area:${a.id}:importance`],
        [raw.areaProficiency.subarray(sums[k]!, sums[k]! + sumLength), `area:${a.id}:proficiency`],
        [raw.areaGap.subarray(gaps[k]!, gaps[k]! + gapLength), `area:${a.id}:gap`],
      ];
    }),
    ...plan.choices.map((f, c): [Uint32Array, string] => [raw.choices[c]!, `choice:${f.question.id}`]),
    ...plan.multis.map((f, m): [Uint32Array, string] => [raw.multis[m]!, `multi:${f.question.id}`]),
    ...plan.texts.map((f, t): [Uint32Array, string] => [raw.texts.subarray(t, t + 1), `text:${f.question.id}`]),
    ...plan.numbers.map((f, q): [Uint32Array, string] => [numbers[q]!, `number:${f.question.id}`]),
  ];
}

/** A group's item and area histograms from its (possibly perturbed) raw tables. */
function deriveGroup(plan: Plan, axes: Axes, raw: RawCounts, numbers: Uint32Array[]): GroupCounts {
  const g = emptyGroup(plan, axes);
  g.n = raw.n;
  g.key = raw.key;
  const bins = plan.points + 1;
  const jointBins = bins * bins;
  const gapBins = 2 * plan.points - 1;
  for (let i = 0; i < plan.items.length; i++) {
    for (let bin = 0; bin < 2 * jointBins; bin++) {
      const count = raw.joint[i * 2 * jointBins + bin]!;
      if (count === 0) continue;
      const vi = Math.floor((bin % jointBins) / bins);
      const vp = bin % bins;
      const both = vi !== 0 && vp !== 0;
      g.importance[i * bins + (both ? vi : 0)]! += count;
      g.proficiency[i * bins + (both ? vp : 0)]! += count;
      if (both) g.gap[i * gapBins + vi - vp + plan.points - 1]! += count;
    }
  }
  const { sums, gaps } = areaOffsets(plan);
  plan.areas.forEach((area, a) => {
    const { rating, gap } = axes.areas[a]!;
    const cells = (area.shape.items + 1) * area.shape.sumBins;
    // n = 0 (nothing rated) has index -1 on both axes: such a response has no area score
    for (let cell = area.shape.sumBins; cell < cells; cell++) {
      const k = rating.index[cell]!;
      if (k < 0) continue;
      g.areaImportance[a]![k]! += raw.areaImportance[sums[a]! + cell]!;
      g.areaProficiency[a]![k]! += raw.areaProficiency[sums[a]! + cell]!;
    }
    const gapCells = (area.shape.items + 1) * area.shape.gapBins;
    for (let cell = area.shape.gapBins; cell < gapCells; cell++) {
      const k = gap.index[cell]!;
      if (k >= 0) g.areaGap[a]![k]! += raw.areaGap[gaps[a]! + cell]!;
    }
  });
  g.choices = raw.choices;
  g.multis = raw.multis;
  g.texts = raw.texts;
  g.numbers = numbers;
  return g;
}

/** Cronbach's alpha sums of area `a` on one scale: complete cases' totals and the complete-case halves of the joints. */
function alphaOf(plan: Plan, raws: readonly RawCounts[], a: number, scale: 0 | 1): AlphaAccumulator {
  const area = plan.areas[a]!;
  const m = area.shape.items;
  const acc: AlphaAccumulator = { n: 0, itemSum: new Float64Array(m), itemSumSq: new Float64Array(m), totalSum: 0, totalSumSq: 0 };
  const bins = plan.points + 1;
  const jointBins = bins * bins;
  const at = areaOffsets(plan).sums[a]! + m * area.shape.sumBins;
  raws.forEach((raw) => {
    const sums = scale === 0 ? raw.areaImportance : raw.areaProficiency;
    for (let total = 0; total < area.shape.sumBins; total++) {
      const count = sums[at + total]!;
      acc.n += count;
      acc.totalSum += count * total;
      acc.totalSumSq += count * total * total;
    }
    area.items.forEach((item, j) => {
      for (let vi = 1; vi < bins; vi++) {
        for (let vp = 1; vp < bins; vp++) {
          const count = raw.joint[item * 2 * jointBins + jointBins + vi * bins + vp]!;
          const v = scale === 0 ? vi : vp;
          acc.itemSum[j]! += count * v;
          acc.itemSumSq[j]! += count * v * v;
        }
      }
    });
  });
  return acc;
}

/** Perturbs (when asked) and derives every group's counts, the axes they are counted over and the alpha sums. */
export function derive(plan: Plan, raws: RawCounts[], dictionaries: readonly NumberDictionary[], perturb?: Perturb): Accumulated {
  // number values ascending, "no answer" (code 0) left out
  const orders = dictionaries.map((d) => Int32Array.from(d.codes.map((code, k) => [numberValue(code), k] as const).filter(([v]) => !Number.isNaN(v)).sort((x, y) => x[0] - y[0]).map(([, k]) => k)));
  const axes: Axes = {
    areas: plan.areas.map((a) => areaAxes(a.shape, plan.points)),
    numbers: dictionaries.map((d, q) => Float64Array.from(orders[q]!, (k) => numberValue(d.codes[k]!))),
  };
  const alphaSums = () => ({ importance: plan.areas.map((_, a) => alphaOf(plan, raws, a, 0)), proficiency: plan.areas.map((_, a) => alphaOf(plan, raws, a, 1)) });
  const exactAlpha = perturb ? alphaSums() : undefined;
  const groups: GroupCounts[] = [];
  raws.forEach((raw, index) => {
    const numbers = numberTables(raw, dictionaries, orders);
    if (perturb) {
      const size = Uint32Array.of(raw.n);
      for (const [table, name] of tablesOf(plan, raw, size, numbers)) perturb(table, name, raw.key);
      raw.n = size[0]!;
    }
    groups[index] = deriveGroup(plan, axes, raw, numbers);
  });
  const shown = alphaSums();
  const alpha = exactAlpha
    ? {
        importance: exactAlpha.importance.map((e, a) => ({ ...e, shownN: shown.importance[a]!.n })),
        proficiency: exactAlpha.proficiency.map((e, a) => ({ ...e, shownN: shown.proficiency[a]!.n })),
      }
    : shown;
  return { plan, groups, alpha, axes };
}

/** The counts of all groups added together (the overall sample). */
export function totalOf(acc: Pick<Accumulated, 'plan' | 'axes'>, groups: readonly (GroupCounts | undefined)[]): GroupCounts {
  const total = emptyGroup(acc.plan, acc.axes);
  const addInto = (into: Uint32Array, from: Uint32Array) => {
    for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
  };
  for (const g of groups) {
    if (!g) continue;
    total.n += g.n;
    total.key = (total.key + g.key) >>> 0;
    addInto(total.importance, g.importance);
    addInto(total.proficiency, g.proficiency);
    addInto(total.gap, g.gap);
    g.areaImportance.forEach((c, a) => addInto(total.areaImportance[a]!, c));
    g.areaProficiency.forEach((c, a) => addInto(total.areaProficiency[a]!, c));
    g.areaGap.forEach((c, a) => addInto(total.areaGap[a]!, c));
    g.choices.forEach((c, i) => addInto(total.choices[i]!, c));
    g.multis.forEach((m, i) => addInto(total.multis[i]!, m));
    addInto(total.texts, g.texts);
    g.numbers.forEach((c, i) => addInto(total.numbers[i]!, c));
  }
  return total;
}

/** A deep copy of one group's raw counts. */
export function cloneRaw(raw: RawCounts): RawCounts {
  return {
    n: raw.n,
    key: raw.key,
    joint: raw.joint.slice(),
    areaImportance: raw.areaImportance.slice(),
    areaProficiency: raw.areaProficiency.slice(),
    areaGap: raw.areaGap.slice(),
    choices: raw.choices.map((c) => c.slice()),
    multis: raw.multis.map((m) => m.slice()),
    texts: raw.texts.slice(),
    numbers: raw.numbers.map((c) => c.slice()),
  };
}

/** All groups' raw counts added together (copies; the groups are left as they are). */
export function mergeRaws(groups: readonly RawCounts[]): RawCounts {
  const sum = (arrays: readonly Uint32Array[]) => {
    const out = new Uint32Array(Math.max(0, ...arrays.map((a) => a.length)));
    for (const a of arrays) for (let i = 0; i < a.length; i++) out[i]! += a[i]!;
    return out;
  };
  const first = groups[0];
  return {
    n: groups.reduce((a, g) => a + g.n, 0),
    key: groups.reduce((a, g) => (a + g.key) >>> 0, 0),
    joint: sum(groups.map((g) => g.joint)),
    areaImportance: sum(groups.map((g) => g.areaImportance)),
    areaProficiency: sum(groups.map((g) => g.areaProficiency)),
    areaGap: sum(groups.map((g) => g.areaGap)),
    choices: (first?.choices ?? []).map((_, i) => sum(groups.map((g) => g.choices[i]!))),
    multis: (first?.multis ?? []).map((_, i) => sum(groups.map((g) => g.multis[i]!))),
    texts: sum(groups.map((g) => g.texts)),
    numbers: (first?.numbers ?? []).map((_, i) => sum(groups.map((g) => g.numbers[i]!))),
  };
}
