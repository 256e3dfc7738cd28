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
const JOINT_BINS = RATING_BINS * RATING_BINS;
export const AREA_RATING_BINS = 4 * AREA_SCALE + 1; // 1..5 in steps of 1/60
export const AREA_GAP_BINS = 8 * AREA_SCALE + 1; // -4..4 in steps of 1/60

type PairField = Extract<CodedField, { kind: 'pair' }>;
type ChoiceField = Extract<CodedField, { kind: 'choice' }>;
type MultiField = Extract<CodedField, { kind: 'multi' }>;
type FlagField = Extract<CodedField, { kind: 'flag' }>;

export interface Plan {
  items: PairField[];
  /** Areas in layout order: `offset` of the derived bytes (rated, importance sum, proficiency sum), item indexes. */
  areas: { id: string; offset: number; items: number[] }[];
  choices: ChoiceField[];
  multis: MultiField[];
  texts: FlagField[];
}

export function planFor(layout: Layout): Plan {
  const items = layout.fields.filter((f): f is PairField => f.kind === 'pair');
  const areas = layout.areas.map((a) => ({ id: a.id, offset: a.offset, items: items.flatMap((f, i) => (f.area === a.id ? [i] : [])) }));
  return {
    items,
    areas,
    choices: layout.fields.filter((f): f is ChoiceField => f.kind === 'choice'),
    multis: layout.fields.filter((f): f is MultiField => f.kind === 'multi'),
    texts: layout.fields.filter((f): f is FlagField => f.kind === 'flag'),
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
  /** Per text question: respondents who wrote something. */
  texts: Uint32Array;
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
    texts: new Uint32Array(plan.texts.length),
  };
}

const emptyAlpha = (k: number): AlphaAccumulator => ({ n: 0, itemSum: new Float64Array(k), itemSumSq: new Float64Array(k), totalSum: 0, totalSumSq: 0 });
const TOTAL_BINS = 31; // an area total of up to 6 items x 5 points

export function createAccumulator(plan: Plan) {
  const groups: GroupCounts[] = [];
  const joints: Uint32Array[] = [];
  const itemCount = plan.items.length;
  const areaCount = plan.areas.length;
  const offsets = Int32Array.from(plan.items, (f) => f.offset);
  const areaOfItem = new Int32Array(itemCount);
  plan.areas.forEach((a, k) => a.items.forEach((i) => (areaOfItem[i] = k)));
  const areaOffsets = Int32Array.from(plan.areas, (a) => a.offset);
  const areaSize = Int32Array.from(plan.areas, (a) => a.items.length);
  // 60 / n as integers, so histogram indexes stay small integers (no floating point in the hot loop).
  const scaleOf = Int32Array.from({ length: 7 }, (_, n) => (n ? AREA_SCALE / n : 0));
  const complete = new Uint8Array(areaCount);
  // Complete cases (every item of an area rated) for Cronbach's alpha: a joint count per item and the area totals.
  const completeJoint = new Uint32Array(itemCount * JOINT_BINS);
  const completeTotals = new Uint32Array(areaCount * 2 * TOTAL_BINS);
  const choiceOffsets = Int32Array.from(plan.choices, (f) => f.offset);
  const multiOffsets = Int32Array.from(plan.multis, (f) => f.offset);
  const multiSizes = Int32Array.from(plan.multis, (f) => f.values.length);
  const textOffsets = Int32Array.from(plan.texts, (f) => f.offset);

  /**
   * Adds the response whose codes start at `base` in `codes` to group `group` (0-based, any number of groups).
   * The hot loop of every report: a few typed-array increments per item and area, no allocation.
   */
  function add(codes: Uint8Array, group: number, base = 0) {
    const g = (groups[group] ??= emptyGroup(plan));
    const joint = (joints[group] ??= new Uint32Array(itemCount * JOINT_BINS));
    g.n++;
    const areaImportance = g.areaImportance;
    const areaProficiency = g.areaProficiency;
    const areaGap = g.areaGap;
    for (let a = 0; a < areaCount; a++) {
      const o = base + areaOffsets[a]!;
      const n = codes[o]!;
      complete[a] = n === areaSize[a] ? 1 : 0;
      if (n === 0) continue;
      const scale = scaleOf[n]!;
      const si = codes[o + 1]!;
      const sp = codes[o + 2]!;
      areaImportance[a * AREA_RATING_BINS + si * scale - AREA_SCALE]!++;
      areaProficiency[a * AREA_RATING_BINS + sp * scale - AREA_SCALE]!++;
      areaGap[a * AREA_GAP_BINS + (si - sp) * scale + 4 * AREA_SCALE]!++;
      if (complete[a]) {
        completeTotals[a * 2 * TOTAL_BINS + si]!++;
        completeTotals[(a * 2 + 1) * TOTAL_BINS + sp]!++;
      }
    }
    for (let i = 0; i < itemCount; i++) {
      const o = base + offsets[i]!;
      const bin = i * JOINT_BINS + codes[o]! * RATING_BINS + codes[o + 1]!;
      joint[bin]!++;
      if (complete[areaOfItem[i]!]) completeJoint[bin]!++;
    }
    const choices = g.choices;
    for (let c = 0; c < choiceOffsets.length; c++) choices[c]![codes[base + choiceOffsets[c]!]!]!++;
    const multis = g.multis;
    for (let m = 0; m < multiOffsets.length; m++) {
      const counts = multis[m]!;
      const o = base + multiOffsets[m]!;
      let any = 0;
      for (let k = 0, size = multiSizes[m]!; k < size; k++) {
        if ((codes[o + (k >> 3)]! & (1 << (k & 7))) !== 0) {
          counts[k + 1]!++;
          any = 1;
        }
      }
      counts[0]! += any;
    }
    for (let f = 0; f < textOffsets.length; f++) g.texts[f]! += codes[base + textOffsets[f]!]!;
  }

  function alphaOf(a: number, scale: 0 | 1): AlphaAccumulator {
    const area = plan.areas[a]!;
    const acc = emptyAlpha(area.items.length);
    const totals = completeTotals.subarray((a * 2 + scale) * TOTAL_BINS, (a * 2 + scale + 1) * TOTAL_BINS);
    totals.forEach((count, total) => {
      acc.n += count;
      acc.totalSum += count * total;
      acc.totalSumSq += count * total * total;
    });
    area.items.forEach((item, j) => {
      for (let vi = 1; vi < RATING_BINS; vi++) {
        for (let vp = 1; vp < RATING_BINS; vp++) {
          const count = completeJoint[item * JOINT_BINS + vi * RATING_BINS + vp]!;
          const v = scale === 0 ? vi : vp;
          acc.itemSum[j]! += count * v;
          acc.itemSumSq[j]! += count * v * v;
        }
      }
    });
    return acc;
  }

  /** Turns each group's joint counts into the importance, proficiency and gap histograms the summaries read. */
  function result(): Accumulated {
    groups.forEach((g, group) => {
      const joint = joints[group]!;
      for (let i = 0; i < itemCount; i++) {
        for (let vi = 0; vi < RATING_BINS; vi++) {
          for (let vp = 0; vp < RATING_BINS; vp++) {
            const count = joint[i * JOINT_BINS + vi * RATING_BINS + vp]!;
            if (count === 0) continue;
            const both = vi !== 0 && vp !== 0;
            g.importance[i * RATING_BINS + (both ? vi : 0)]! += count;
            g.proficiency[i * RATING_BINS + (both ? vp : 0)]! += count;
            if (both) g.gap[i * GAP_BINS + vi - vp + 4]! += count;
          }
        }
      }
    });
    const alpha = { importance: plan.areas.map((_, a) => alphaOf(a, 0)), proficiency: plan.areas.map((_, a) => alphaOf(a, 1)) };
    return { plan, groups, alpha };
  }

  return { add, result };
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
    addInto(total.texts, g.texts);
  }
  return total;
}
