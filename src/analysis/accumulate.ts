import type { CodedField, Layout } from '../questionnaires/codebook';

/**
 * One pass over the stored response codes builds every count the diagnosis needs, per group, in memory that
 * grows with the number of items and groups but never with the number of responses. Likert data are discrete,
 * so histograms hold all the information: medians, rank tests and alphas are exact from them.
 */

/** Area means are multiples of 1/AREA_SCALE for areas of up to 6 items (60 = lcm(1..6)). */
export const AREA_SCALE = 60;
export const RATING_BINS = 6; // 0 = not applicable / missing, 1..5
export const GAP_BINS = 9; // -4..4
export const AREA_RATING_BINS = 4 * AREA_SCALE + 1; // 1..5 in steps of 1/60
export const AREA_GAP_BINS = 8 * AREA_SCALE + 1; // -4..4 in steps of 1/60

type PairField = Extract<CodedField, { kind: 'pair' }>;
type ChoiceField = Extract<CodedField, { kind: 'choice' }>;
type MultiField = Extract<CodedField, { kind: 'multi' }>;

export interface Plan {
  items: PairField[];
  areas: { id: string; items: number[] }[];
  choices: ChoiceField[];
  multis: MultiField[];
}

export function planFor(layout: Layout): Plan {
  const items = layout.fields.filter((f): f is PairField => f.kind === 'pair');
  const areaIds = [...new Set(items.map((f) => f.area))];
  const areas = areaIds.map((id) => ({ id, items: items.flatMap((f, i) => (f.area === id ? [i] : [])) }));
  const tooBig = areas.find((a) => a.items.length > 6);
  if (tooBig) throw new Error(`area ${tooBig.id} has more than 6 items; raise AREA_SCALE`);
  return {
    items,
    areas,
    choices: layout.fields.filter((f): f is ChoiceField => f.kind === 'choice'),
    multis: layout.fields.filter((f): f is MultiField => f.kind === 'multi'),
  };
}

/** Counts of one group. Flat typed arrays, indexed [item * bins + bin]. */
export interface GroupCounts {
  n: number;
  importance: Uint32Array;
  proficiency: Uint32Array;
  gap: Uint32Array;
  areaImportance: Uint32Array;
  areaProficiency: Uint32Array;
  areaGap: Uint32Array;
  /** Per choice field, counts by code 0..values (0 = no answer). */
  choices: Uint32Array[];
  /** Per multiple-choice field: [answered, option 1, option 2, ...]. */
  multis: Uint32Array[];
}

/** Sums over complete cases, per area and scale, for Cronbach's alpha (all groups together). */
export interface AlphaAccumulator {
  n: number;
  itemSum: Float64Array;
  itemSumSq: Float64Array;
  totalSum: number;
  totalSumSq: number;
}

export interface Accumulated {
  plan: Plan;
  groups: GroupCounts[];
  alpha: { importance: AlphaAccumulator[]; proficiency: AlphaAccumulator[] };
}

function emptyGroup(plan: Plan): GroupCounts {
  const k = plan.items.length;
  const a = plan.areas.length;
  return {
    n: 0,
    importance: new Uint32Array(k * RATING_BINS),
    proficiency: new Uint32Array(k * RATING_BINS),
    gap: new Uint32Array(k * GAP_BINS),
    areaImportance: new Uint32Array(a * AREA_RATING_BINS),
    areaProficiency: new Uint32Array(a * AREA_RATING_BINS),
    areaGap: new Uint32Array(a * AREA_GAP_BINS),
    choices: plan.choices.map((f) => new Uint32Array(f.values.length + 1)),
    multis: plan.multis.map((f) => new Uint32Array(f.values.length + 1)),
  };
}

const emptyAlpha = (k: number): AlphaAccumulator => ({ n: 0, itemSum: new Float64Array(k), itemSumSq: new Float64Array(k), totalSum: 0, totalSumSq: 0 });

export function createAccumulator(plan: Plan) {
  const groups: GroupCounts[] = [];
  const alpha = { importance: plan.areas.map((a) => emptyAlpha(a.items.length)), proficiency: plan.areas.map((a) => emptyAlpha(a.items.length)) };
  const offsets = Int32Array.from(plan.items, (f) => f.offset);
  const imp = new Uint8Array(plan.items.length);
  const prof = new Uint8Array(plan.items.length);

  function addAlpha(acc: AlphaAccumulator, values: Uint8Array, items: number[]) {
    let total = 0;
    for (let j = 0; j < items.length; j++) if (values[items[j]!] === 0) return;
    acc.n++;
    for (let j = 0; j < items.length; j++) {
      const v = values[items[j]!]!;
      acc.itemSum[j]! += v;
      acc.itemSumSq[j]! += v * v;
      total += v;
    }
    acc.totalSum += total;
    acc.totalSumSq += total * total;
  }

  /** Adds one response's codes to group `group` (0-based, any number of groups). */
  function add(codes: Uint8Array, group: number) {
    const g = (groups[group] ??= emptyGroup(plan));
    g.n++;
    for (let i = 0; i < offsets.length; i++) {
      const o = offsets[i]!;
      const vi = codes[o]!;
      const vp = codes[o + 1]!;
      const both = vi !== 0 && vp !== 0;
      imp[i] = both ? vi : 0;
      prof[i] = both ? vp : 0;
      g.importance[i * RATING_BINS + (both ? vi : 0)]!++;
      g.proficiency[i * RATING_BINS + (both ? vp : 0)]!++;
      if (both) g.gap[i * GAP_BINS + vi - vp + 4]!++;
    }
    for (let a = 0; a < plan.areas.length; a++) {
      const items = plan.areas[a]!.items;
      let n = 0;
      let si = 0;
      let sp = 0;
      for (let j = 0; j < items.length; j++) {
        const vi = imp[items[j]!]!;
        if (vi === 0) continue;
        n++;
        si += vi;
        sp += prof[items[j]!]!;
      }
      if (n === 0) continue;
      const scale = AREA_SCALE / n;
      g.areaImportance[a * AREA_RATING_BINS + (si * scale - AREA_SCALE)]!++;
      g.areaProficiency[a * AREA_RATING_BINS + (sp * scale - AREA_SCALE)]!++;
      g.areaGap[a * AREA_GAP_BINS + ((si - sp) * scale + 4 * AREA_SCALE)]!++;
      addAlpha(alpha.importance[a]!, imp, items);
      addAlpha(alpha.proficiency[a]!, prof, items);
    }
    for (let c = 0; c < plan.choices.length; c++) g.choices[c]![codes[plan.choices[c]!.offset]!]!++;
    for (let m = 0; m < plan.multis.length; m++) {
      const field = plan.multis[m]!;
      const counts = g.multis[m]!;
      let any = false;
      for (let k = 0; k < field.values.length; k++) {
        if ((codes[field.offset + (k >> 3)]! & (1 << (k & 7))) !== 0) {
          counts[k + 1]!++;
          any = true;
        }
      }
      if (any) counts[0]!++;
    }
  }

  return { add, result: (): Accumulated => ({ plan, groups, alpha }) };
}

/** The counts of all groups added together (the overall sample). */
export function totalOf(plan: Plan, groups: readonly (GroupCounts | undefined)[]): GroupCounts {
  const total = emptyGroup(plan);
  const addInto = (into: Uint32Array, from: Uint32Array) => {
    for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
  };
  for (const g of groups) {
    if (!g) continue;
    total.n += g.n;
    addInto(total.importance, g.importance);
    addInto(total.proficiency, g.proficiency);
    addInto(total.gap, g.gap);
    addInto(total.areaImportance, g.areaImportance);
    addInto(total.areaProficiency, g.areaProficiency);
    addInto(total.areaGap, g.areaGap);
    g.choices.forEach((c, i) => addInto(total.choices[i]!, c));
    g.multis.forEach((m, i) => addInto(total.multis[i]!, m));
  }
  return total;
}
