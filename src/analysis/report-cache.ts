import type { AccumulatorState } from './accumulate';

/** Responses counted per dictionary entry (collector or language) with the sum of their record keys. */
export type Tally<K> = Map<K, { n: number; key: number }>;

/**
 * What one report pass counted over sealed code segments, kept so that the next report with the same selection
 * reads only what is new. Sealed segments never change while the data generation (migration 027: raised by every
 * deletion or change of a response) stays the same, and new responses only ever add rows after the last id; so a
 * kept entry stays exact for as long as its generation is current, and a report then adds the segments sealed
 * since, plus the rows not sealed yet, to a copy of it. Entries hold only counts (never a response), and every
 * published figure is still derived and perturbed from the complete tables on each report.
 */
export interface CountedSegments {
  generation: number;
  /** The sealed segments counted (`version:first:last:count`). */
  covered: ReadonlySet<string>;
  state: AccumulatorState;
  /** The group keys of a collector or language grouping in the order their indexes were given. */
  groupKeys: readonly string[];
  languages: Tally<string>;
  completed: Tally<string | null>;
  /**
   * The same counts plus the rows no segment covered yet, up to the greatest id read per version: while no new
   * segment is sealed, the next report only reads rows after those ids.
   */
  tail?: Omit<CountedSegments, 'generation' | 'covered' | 'tail'> & { lastIds: ReadonlyMap<number, number> };
}

function stateBytes(state: AccumulatorState): number {
  let bytes = 0;
  const add = (a: ArrayBufferView) => (bytes += a.byteLength);
  for (const raw of state.raws) {
    if (!raw) continue;
    [raw.joint, raw.areaImportance, raw.areaProficiency, raw.areaGap, raw.texts, ...raw.choices, ...raw.multis, ...raw.numbers].forEach(add);
  }
  state.dictionaries.forEach((d) => add(d.index));
  return bytes;
}

const bytesOf = (entry: CountedSegments) => stateBytes(entry.state) + (entry.tail ? stateBytes(entry.tail.state) : 0) + entry.covered.size * 64;

export const cloneTally = <K>(tally: Tally<K> | undefined): Tally<K> => new Map([...(tally ?? [])].map(([k, v]) => [k, { ...v }]));

/** Least recently used entries go first once the entries together hold more than `maxBytes`. */
export function createReportCache(maxBytes = 48 * 1024 * 1024) {
  const entries = new Map<string, { entry: CountedSegments; bytes: number }>();
  let total = 0;

  function drop(key: string) {
    const found = entries.get(key);
    if (!found) return;
    total -= found.bytes;
    entries.delete(key);
  }

  return {
    /** The entry for `key` if it was counted under the current data generation. */
    get(key: string, generation: number): CountedSegments | undefined {
      const found = entries.get(key);
      if (!found) return undefined;
      drop(key);
      if (found.entry.generation !== generation) return undefined;
      entries.set(key, found);
      total += found.bytes;
      return found.entry;
    },
    set(key: string, entry: CountedSegments) {
      drop(key);
      const bytes = bytesOf(entry);
      if (bytes > maxBytes) return;
      entries.set(key, { entry, bytes });
      total += bytes;
      for (const oldest of entries.keys()) {
        if (total <= maxBytes) break;
        drop(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
export type ReportCache = ReturnType<typeof createReportCache>;
