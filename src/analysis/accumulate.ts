import type { CodedField, Layout } from '../questionnaires/codebook';
import type { Block } from './block';
import { areaOffsets, areaShape, type AreaShape } from './axes';
import { cloneRaw, derive, mergeRaws, type Accumulated, type GroupCounts, type Perturb } from './derive';

/**
 * One pass over the stored response codes builds every count the diagnosis needs, per group, in memory that
 * grows with the number of items, scale points and groups but never with the number of responses. Answers are
 * discrete, so count tables hold all the information: medians, rank tests and alphas are exact from them.
 * The pass only counts (raw tables, see RawCounts); derive.ts turns the raw tables into the histograms the
 * summaries read, after an optional disclosure hook has seen every raw table.
 */

type PairField = Extract<CodedField, { kind: 'pair' }>;
type ChoiceField = Extract<CodedField, { kind: 'choice' }>;
type MultiField = Extract<CodedField, { kind: 'multi' }>;
type FlagField = Extract<CodedField, { kind: 'flag' }>;
type NumberField = Extract<CodedField, { kind: 'number' }>;

export interface PlanArea {
  id: string;
  /** Offset of the derived values (rated, importance sum, proficiency sum), each `width` bytes. */
  offset: number;
  width: 1 | 2;
  /** Indexes into `Plan.items`. */
  items: number[];
  shape: AreaShape;
}

export interface Plan {
  /** Points K of the competence scales: ratings 1..K, gaps -(K-1)..K-1. */
  points: number;
  items: PairField[];
  areas: PlanArea[];
  choices: ChoiceField[];
  multis: MultiField[];
  texts: FlagField[];
  numbers: NumberField[];
}

export function planFor(layout: Layout): Plan {
  const items = layout.fields.filter((f): f is PairField => f.kind === 'pair');
  const areas = layout.areas.map((a) => {
    const own = items.flatMap((f, i) => (f.area === a.id ? [i] : []));
    return { id: a.id, offset: a.offset, width: a.width, items: own, shape: areaShape(own.length, layout.points) };
  });
  return {
    points: layout.points,
    items,
    areas,
    choices: layout.fields.filter((f): f is ChoiceField => f.kind === 'choice'),
    multis: layout.fields.filter((f): f is MultiField => f.kind === 'multi'),
    texts: layout.fields.filter((f): f is FlagField => f.kind === 'flag'),
    numbers: layout.fields.filter((f): f is NumberField => f.kind === 'number'),
  };
}

/**
 * The raw counts of one group, exactly as the pass counted them: the tables disclosure control perturbs.
 * Flat typed arrays; `tablesOf` (derive.ts) names each table.
 */
export interface RawCounts {
  n: number;
  /** Sum of the record keys of the group's responses (uint32, wrapping): the cell key of its whole group. */
  key: number;
  /**
   * Per item, 2 × (K+1)² counts: the item's byte (importance × (K+1) + proficiency, 0 = not rated), plus (K+1)² when
   * the response rated every item of the item's area (a complete case, for Cronbach's alpha).
   */
  joint: Uint32Array;
  /** Per area, counts by (items rated n, sum) at areaOffsets: importance and proficiency sums, summed gaps. */
  areaImportance: Uint32Array;
  areaProficiency: Uint32Array;
  areaGap: Uint32Array;
  /** Per choice field (single, country, likert), counts by code 0..values (0 = no answer). */
  choices: Uint32Array[];
  /** Per multiple-choice field: [answered, option 1, option 2, ...]. */
  multis: Uint32Array[];
  /** Per text question: respondents who wrote something. */
  texts: Uint32Array;
  /** Per number question: counts by index into the shared dictionary of number codes (see NumberDictionary). */
  numbers: Uint32Array[];
}

/** The distinct number codes met so far for one question, in order of appearance; shared by all groups. */
export interface NumberDictionary {
  index: Int32Array;
  codes: number[];
}

const keysOf = (block: Block): Uint32Array | undefined => block.keys;

/** Everything the pass has counted so far, to carry on counting later (src/analysis/report-cache.ts). */
export interface AccumulatorState {
  /** Sparse: a group no response fell into has no entry. */
  raws: RawCounts[];
  dictionaries: NumberDictionary[];
}

const cloneDictionary = (d: NumberDictionary): NumberDictionary => ({ index: d.index.slice(), codes: [...d.codes] });

function cloneState(state: AccumulatorState): AccumulatorState {
  const raws: RawCounts[] = [];
  state.raws.forEach((raw, g) => (raws[g] = cloneRaw(raw)));
  return { raws, dictionaries: state.dictionaries.map(cloneDictionary) };
}

/** `from`: a state to go on counting from (copied; the given state is never changed). */
export function createAccumulator(plan: Plan, from?: AccumulatorState) {
  const start = from ? cloneState(from) : undefined;
  const raws: RawCounts[] = start ? start.raws : [];
  const points = plan.points;
  const ratingBins = points + 1;
  const jointBins = ratingBins * ratingBins;
  const itemCount = plan.items.length;
  const areaCount = plan.areas.length;
  const offsets = Int32Array.from(plan.items, (f) => f.offset);
  const areaOfItem = new Int32Array(itemCount);
  plan.areas.forEach((a, k) => a.items.forEach((i) => (areaOfItem[i] = k)));
  const tables = areaOffsets(plan);
  let completeScratch = new Uint8Array(areaCount * 1024);
  const choiceOffsets = Int32Array.from(plan.choices, (f) => f.offset);
  const multiOffsets = Int32Array.from(plan.multis, (f) => f.offset);
  const multiSizes = Int32Array.from(plan.multis, (f) => f.values.length);
  const multiBytes = Int32Array.from(plan.multis, (f) => f.bytes);
  const byteScratch = new Uint32Array(256 * Math.max(1, ...plan.multis.map((f) => f.bytes)));
  const textOffsets = Int32Array.from(plan.texts, (f) => f.offset);
  const numberOffsets = Int32Array.from(plan.numbers, (f) => f.offset);
  const dictionaries: NumberDictionary[] = start ? start.dictionaries : plan.numbers.map(() => ({ index: new Int32Array(0x10000).fill(-1), codes: [] }));

  const emptyRaw = (): RawCounts => ({
      n: 0,
      key: 0,
      joint: new Uint32Array(itemCount * 2 * jointBins),
      areaImportance: new Uint32Array(tables.sumLength),
      areaProficiency: new Uint32Array(tables.sumLength),
      areaGap: new Uint32Array(tables.gapLength),
      choices: plan.choices.map((f) => new Uint32Array(f.values.length + 1)),
      multis: plan.multis.map((f) => new Uint32Array(f.values.length + 1)),
      texts: new Uint32Array(plan.texts.length),
      numbers: plan.numbers.map(() => new Uint32Array(8)),
    });
  const rawOf = (g: number) => (raws[g] ??= emptyRaw());

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

  /** Counts, per area, responses by (items rated, sum); marks complete cases for the item loop. */
  function addAreas(raw: RawCounts, data: Uint8Array, count: number, start: number, end: number, complete: Uint8Array) {
    for (let a = 0; a < areaCount; a++) {
      const area = plan.areas[a]!;
      const w = area.width;
      const on = area.offset * count;
      const oi = on + w * count;
      const op = oi + w * count;
      const { items: size, sumBins, gapBins, gapShift } = area.shape;
      const sums = tables.sums[a]!;
      const gaps = tables.gaps[a]!;
      const { areaImportance: imp, areaProficiency: prof, areaGap: gap } = raw;
      const row = a * count;
      if (w === 1) {
        for (let j = start; j < end; j++) {
          const r = order[j]!;
          const n = data[on + r]!;
          complete[row + r] = n === size ? jointBins : 0;
          const si = data[oi + r]!;
          const sp = data[op + r]!;
          imp[sums + n * sumBins + si]!++;
          prof[sums + n * sumBins + sp]!++;
          gap[gaps + n * gapBins + si - sp + gapShift]!++;
        }
      } else {
        for (let j = start; j < end; j++) {
          const r = order[j]!;
          const n = data[on + r]! | (data[on + count + r]! << 8);
          complete[row + r] = n === size ? jointBins : 0;
          const si = data[oi + r]! | (data[oi + count + r]! << 8);
          const sp = data[op + r]! | (data[op + count + r]! << 8);
          imp[sums + n * sumBins + si]!++;
          prof[sums + n * sumBins + sp]!++;
          gap[gaps + n * gapBins + si - sp + gapShift]!++;
        }
      }
    }
  }

  /** Counts each number question's codes, growing the group's table when the shared dictionary grows. */
  function addNumbers(raw: RawCounts, data: Uint8Array, count: number, start: number, end: number) {
    for (let q = 0; q < numberOffsets.length; q++) {
      const lo = numberOffsets[q]! * count;
      const hi = lo + count;
      const dictionary = dictionaries[q]!;
      let counts = raw.numbers[q]!;
      for (let j = start; j < end; j++) {
        const r = order[j]!;
        const code = data[lo + r]! | (data[hi + r]! << 8);
        let k = dictionary.index[code]!;
        if (k < 0) k = dictionary.index[code] = dictionary.codes.push(code) - 1;
        if (k >= counts.length) {
          const grown = new Uint32Array(Math.max(k + 1, counts.length * 2));
          grown.set(counts);
          counts = raw.numbers[q] = grown;
        }
        counts[k]!++;
      }
    }
  }

  /**
   * Adds the responses of a column-major block: response r goes to group `group[r]` (0-based, any number of
   * groups) unless `keep` says 0. The hot loops of every report: per group, one pass per column over its rows.
   */
  function addBlock(block: Block, group: Int32Array, keep: Uint8Array | null) {
    const { data, count } = block;
    const keys = keysOf(block);
    const complete = completeScratch.length >= areaCount * count ? completeScratch : (completeScratch = new Uint8Array(areaCount * count * 2));
    for (const [groupIndex, start, end] of sortByGroup(count, group, keep)) {
      const raw = rawOf(groupIndex);
      raw.n += end - start;
      if (keys) {
        let sum = 0;
        for (let j = start; j < end; j++) sum += keys[order[j]!]!;
        raw.key = (raw.key + sum) >>> 0;
      }
      addAreas(raw, data, count, start, end, complete);
      const joint = raw.joint;
      for (let i = 0; i < itemCount; i++) {
        const o = offsets[i]! * count;
        const base = i * 2 * jointBins;
        const completeRow = areaOfItem[i]! * count;
        for (let j = start; j < end; j++) {
          const r = order[j]!;
          // the byte is importance × (K+1) + proficiency; complete cases count in the second half
          joint[base + complete[completeRow + r]! + data[o + r]!]!++;
        }
      }
      const { choices, multis, texts } = raw;
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
      if (numberOffsets.length) addNumbers(raw, data, count, start, end);
    }
  }

  /**
   * The counts of every group. `perturb`, when given, sees every raw table of every group (named as in
   * derive.ts `tablesOf`) before anything is derived from it, so all published figures come from its output.
   */
  function result(options: { perturb?: Perturb } = {}): Accumulated & { total: GroupCounts } {
    // The overall sample is a population of its own: its tables are perturbed under its own key (the sum of all
    // record keys), not added up from the perturbed groups, so it reads the same with or without a grouping.
    const whole = derive(plan, [mergeRaws([emptyRaw(), ...raws.filter(Boolean)])], dictionaries, options.perturb);
    return { ...derive(plan, raws, dictionaries, options.perturb), alpha: whole.alpha, total: whole.groups[0]! };
  }

  /** A copy of the counts so far (take it before `result`, which perturbs the raw tables in place). */
  const snapshot = (): AccumulatorState => cloneState({ raws, dictionaries });

  return { addBlock, result, snapshot };
}

export { totalOf, type Accumulated, type GroupCounts, type Perturb } from './derive';
