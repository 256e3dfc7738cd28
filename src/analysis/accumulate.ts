import type { CodedField, Layout } from '../questionnaires/codebook';
import type { Block } from './block';

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
  // Interim: the pass below still assumes 5-point scales and areas of up to 6 items (one-byte sums).
  if (layout.points !== 5 || layout.areas.some((a) => a.width !== 1 || a.items.length > 6)) {
    throw new Error('reports of competence scales other than 5 points or areas over 6 items are not available yet');
  }
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
const N_BINS = 7; // items rated in an area: 0..6
const SUM_BINS = 31; // an area total of up to 6 items x 5 points
const GAP_SUM_BINS = 61; // an area's summed gap, -30..30

export function createAccumulator(plan: Plan) {
  const groups: GroupCounts[] = [];
  // Raw counts of the hot loop, per group; result() derives the histograms the summaries read from them.
  // joint: per item, 2 × 36 bins: the item's byte (importance × 6 + proficiency), plus 36 when the response rated
  // every item of the item's area (a complete case, for Cronbach's alpha).
  const joints: Uint32Array[] = [];
  // areas: per area, counts by (items rated n, sum): importance and proficiency sums 0..30, gap sums -30..30.
  const rawAreas: { imp: Uint32Array; prof: Uint32Array; gap: Uint32Array }[] = [];
  const itemCount = plan.items.length;
  const areaCount = plan.areas.length;
  const offsets = Int32Array.from(plan.items, (f) => f.offset);
  const areaOfItem = new Int32Array(itemCount);
  plan.areas.forEach((a, k) => a.items.forEach((i) => (areaOfItem[i] = k)));
  const areaOffsets = Int32Array.from(plan.areas, (a) => a.offset);
  const areaSize = Int32Array.from(plan.areas, (a) => a.items.length);
  // 60 / n as integers, so histogram indexes stay small integers (no floating point in the hot loop).
  const scaleOf = Int32Array.from({ length: 7 }, (_, n) => (n ? AREA_SCALE / n : 0));
  let completeScratch = new Uint8Array(areaCount * 1024);
  const choiceOffsets = Int32Array.from(plan.choices, (f) => f.offset);
  const multiOffsets = Int32Array.from(plan.multis, (f) => f.offset);
  const multiSizes = Int32Array.from(plan.multis, (f) => f.values.length);
  const multiBytes = Int32Array.from(plan.multis, (f) => f.bytes);
  const byteScratch = new Uint32Array(256 * Math.max(1, ...plan.multis.map((f) => f.bytes)));
  const textOffsets = Int32Array.from(plan.texts, (f) => f.offset);

  const groupOf = (g: number) => (groups[g] ??= emptyGroup(plan));
  const jointOf = (g: number) => (joints[g] ??= new Uint32Array(itemCount * 2 * JOINT_BINS));
  const rawAreaOf = (g: number) =>
    (rawAreas[g] ??= {
      imp: new Uint32Array(areaCount * N_BINS * SUM_BINS),
      prof: new Uint32Array(areaCount * N_BINS * SUM_BINS),
      gap: new Uint32Array(areaCount * N_BINS * GAP_SUM_BINS),
    });

  let order = new Int32Array(1024);

  /** Kept responses of a block ordered by group (a counting sort): each group's rows are then a contiguous run. */
  function sortByGroup(count: number, group: Int32Array, keep: Uint8Array | null): [group: number, start: number, end: number][] {
    let groupCount = 0;
    for (let r = 0; r < count; r++) if (group[r]! >= groupCount) groupCount = group[r]! + 1;
    const next = new Int32Array(groupCount + 1);
    for (let r = 0; r < count; r++) if (!keep || keep[r]) next[group[r]! + 1]!++;
    for (let g = 0; g < groupCount; g++) next[g + 1]! += next[g]!;
    const runs: [number, number, number][] = [];
    for (let g = 0; g < groupCount; g++) if (next[g + 1]! > next[g]!) runs.push([g, next[g]!, next[g + 1]!]);
    if (order.length < count) order = new Int32Array(count * 2);
    for (let r = 0; r < count; r++) if (!keep || keep[r]) order[next[group[r]!]!++] = r;
    return runs;
  }

  /**
   * Adds the responses of a column-major block: response r goes to group `group[r]` (0-based, any number of
   * groups) unless `keep` says 0. The hot loops of every report: per group, one pass per column over its rows.
   */
  function addBlock(block: Block, group: Int32Array, keep: Uint8Array | null) {
    const { data, count } = block;
    const complete = completeScratch.length >= areaCount * count ? completeScratch : (completeScratch = new Uint8Array(areaCount * count * 2));
    for (const [groupIndex, start, end] of sortByGroup(count, group, keep)) {
      const g = groupOf(groupIndex);
      const joint = jointOf(groupIndex);
      g.n += end - start;
      const { choices, multis, texts } = g;
      const raw = rawAreaOf(groupIndex);
      for (let a = 0; a < areaCount; a++) {
        const on = areaOffsets[a]! * count;
        const oi = on + count;
        const op = oi + count;
        const size = areaSize[a]!;
        const at = a * N_BINS;
        for (let j = start; j < end; j++) {
          const r = order[j]!;
          const n = data[on + r]!;
          complete[a * count + r] = n === size ? JOINT_BINS : 0;
          const si = data[oi + r]!;
          const sp = data[op + r]!;
          raw.imp[(at + n) * SUM_BINS + si]!++;
          raw.prof[(at + n) * SUM_BINS + sp]!++;
          raw.gap[(at + n) * GAP_SUM_BINS + si - sp + 30]!++;
        }
      }
      for (let i = 0; i < itemCount; i++) {
        const o = offsets[i]! * count;
        const base = i * 2 * JOINT_BINS;
        const completeRow = areaOfItem[i]! * count;
        for (let j = start; j < end; j++) {
          const r = order[j]!;
          // the byte is importance × 6 + proficiency; complete cases count in the second half
          joint[base + complete[completeRow + r]! + data[o + r]!]!++;
        }
      }
      for (let c = 0; c < choiceOffsets.length; c++) {
        const o = choiceOffsets[c]! * count;
        const counts = choices[c]!;
        for (let j = start; j < end; j++) counts[data[o + order[j]!]!]!++;
      }
      for (let m = 0; m < multiOffsets.length; m++) {
        // Count each byte's value (one increment per byte), then read the options' counts off the byte histograms.
        const o = multiOffsets[m]! * count;
        const bytes = multiBytes[m]!;
        const byteCounts = byteScratch.fill(0, 0, bytes * 256);
        let answered = 0;
        for (let j = start; j < end; j++) {
          const r = order[j]!;
          let any = 0;
          for (let b = 0; b < bytes; b++) {
            const v = data[o + b * count + r]!;
            byteCounts[b * 256 + v]!++;
            any |= v;
          }
          if (any) answered++;
        }
        const counts = multis[m]!;
        counts[0]! += answered;
        for (let k = 0, options = multiSizes[m]!; k < options; k++) {
          const bit = 1 << (k & 7);
          const at = (k >> 3) * 256;
          for (let v = bit; v < 256; v++) if (v & bit) counts[k + 1]! += byteCounts[at + v]!;
        }
      }
      for (let f = 0; f < textOffsets.length; f++) {
        const o = textOffsets[f]! * count;
        for (let j = start; j < end; j++) texts[f]! += data[o + order[j]!]!;
      }
    }
  }

  /** Cronbach's alpha sums of area `a` on one scale, from the complete-case halves of the joint counts. */
  function alphaOf(a: number, scale: 0 | 1): AlphaAccumulator {
    const area = plan.areas[a]!;
    const acc = emptyAlpha(area.items.length);
    const size = area.items.length;
    rawAreas.forEach((raw) => {
      const sums = scale === 0 ? raw.imp : raw.prof;
      for (let total = 0; total < SUM_BINS; total++) {
        const count = sums[(a * N_BINS + size) * SUM_BINS + total]!;
        acc.n += count;
        acc.totalSum += count * total;
        acc.totalSumSq += count * total * total;
      }
    });
    joints.forEach((joint) => {
      area.items.forEach((item, j) => {
        for (let vi = 1; vi < RATING_BINS; vi++) {
          for (let vp = 1; vp < RATING_BINS; vp++) {
            const count = joint[item * 2 * JOINT_BINS + JOINT_BINS + vi * RATING_BINS + vp]!;
            const v = scale === 0 ? vi : vp;
            acc.itemSum[j]! += count * v;
            acc.itemSumSq[j]! += count * v * v;
          }
        }
      });
    });
    return acc;
  }

  /** Derives each group's item histograms and area-score histograms from the raw counts. */
  function result(): Accumulated {
    groups.forEach((g, group) => {
      const joint = joints[group]!;
      for (let i = 0; i < itemCount; i++) {
        for (let bin = 0; bin < 2 * JOINT_BINS; bin++) {
          const count = joint[i * 2 * JOINT_BINS + bin]!;
          if (count === 0) continue;
          const vi = Math.floor((bin % JOINT_BINS) / RATING_BINS);
          const vp = bin % RATING_BINS;
          const both = vi !== 0 && vp !== 0;
          g.importance[i * RATING_BINS + (both ? vi : 0)]! += count;
          g.proficiency[i * RATING_BINS + (both ? vp : 0)]! += count;
          if (both) g.gap[i * GAP_BINS + vi - vp + 4]! += count;
        }
      }
      const raw = rawAreas[group]!;
      for (let a = 0; a < areaCount; a++) {
        for (let n = 1; n < N_BINS; n++) {
          const scale = scaleOf[n]!;
          const at = a * N_BINS + n;
          for (let sum = 0; sum < SUM_BINS; sum++) {
            const imp = raw.imp[at * SUM_BINS + sum]!;
            const prof = raw.prof[at * SUM_BINS + sum]!;
            if (imp) g.areaImportance[a * AREA_RATING_BINS + sum * scale - AREA_SCALE]! += imp;
            if (prof) g.areaProficiency[a * AREA_RATING_BINS + sum * scale - AREA_SCALE]! += prof;
          }
          for (let d = 0; d < GAP_SUM_BINS; d++) {
            const gap = raw.gap[at * GAP_SUM_BINS + d]!;
            if (gap) g.areaGap[a * AREA_GAP_BINS + (d - 30) * scale + 4 * AREA_SCALE]! += gap;
          }
        }
      }
    });
    const alpha = { importance: plan.areas.map((_, a) => alphaOf(a, 0)), proficiency: plan.areas.map((_, a) => alphaOf(a, 1)) };
    return { plan, groups, alpha };
  }

  return { addBlock, result };
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
