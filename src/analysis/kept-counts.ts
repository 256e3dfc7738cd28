import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Db } from '../shared/db';
import type { AccumulatorState, Plan } from './accumulate';
import { areaOffsets } from './axes';
import { createReportCache, type CountedSegments } from './report-cache';

/** What the counting pass (pass.ts) needs of a store of counts kept between reports. */
export interface CountsCache {
  get(key: string, generation: number): CountedSegments | undefined;
  set(key: string, entry: CountedSegments): void;
  /** Stores what `set` was given since, once the pass's read transaction is over. */
  flush?(): void;
}

/** Raised whenever what an entry holds changes shape (the raw tables, the tallies, the keys). */
const FORMAT = 1;

let identity: string | undefined;
/**
 * The identity of the code that makes the counts: the format and the text of every module of this folder (the pass,
 * the accumulator, blocks, segments, selections, older versions' translation) and of the codebook. Counts kept by
 * other code — before an upgrade, say, that fixes how something is counted — are never read; about a millisecond,
 * once per process.
 */
function codeIdentity(): string {
  if (identity) return identity;
  const hash = createHash('sha256').update(String(FORMAT));
  const own = fs.readdirSync(__dirname).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
  for (const file of [...own.map((f) => path.join(__dirname, f)), require.resolve('../questionnaires/codebook')]) hash.update(path.basename(file)).update(fs.readFileSync(file));
  return (identity = hash.digest('hex').slice(0, 32));
}
/** Entries kept in the database; the least recently written go first. */
const MAX_ENTRIES = 64;
/** A larger entry (a grouping by a question of hundreds of options, say) is kept in memory only. */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/** An entry as stored: handed from a report worker (read-only connection) to the thread that writes. */
export interface KeptRow {
  key: string;
  generation: number;
  code: string;
  entry: Uint8Array;
}

const UPSERT = `INSERT INTO kept_counts (cache_key, generation, code, written, entry)
  SELECT ?, ?, ?, ?, ? WHERE (SELECT n FROM data_generation WHERE id = 1) = ?
  ON CONFLICT (cache_key) DO UPDATE SET generation = excluded.generation, code = excluded.code, written = excluded.written, entry = excluded.entry`;

/**
 * Stores entries in one transaction on a connection that can write: each only if the data generation is still the
 * one it was counted in (checked in the insert itself), then the 64 written last are kept. Throws what SQLite throws
 * (busy, read-only); callers treat storing as best effort.
 */
export function storeKeptRows(db: Db, rows: readonly KeptRow[]): void {
  const upsert = db.prepare<[string, number, string, number, Buffer, number]>(UPSERT);
  const trim = db.prepare<[number]>('DELETE FROM kept_counts WHERE cache_key NOT IN (SELECT cache_key FROM kept_counts ORDER BY written DESC, rowid DESC LIMIT ?)');
  db.transaction(() => {
    for (const row of rows) {
      // a Uint8Array after crossing threads: bound as a Buffer (a blob)
      const blob = Buffer.from(row.entry.buffer, row.entry.byteOffset, row.entry.byteLength);
      if (blob.byteLength <= MAX_ENTRY_BYTES) upsert.run(row.key, row.generation, row.code, Date.now(), blob, row.generation);
    }
    trim.run(MAX_ENTRIES);
  })();
}

export interface KeptCountsOptions {
  /** In memory (report-cache.ts). */
  memory?: ReturnType<typeof createReportCache>;
  /**
   * Also keep the counts of the rows after the last sealed segment (the command line: its next run then reads no row
   * at all). Otherwise an entry is stored only when it covers more sealed segments than the one stored, about once
   * per 1,024 responses per selection: a live server's reports store nothing in between.
   */
  tails?: boolean;
  /** A connection that cannot write hands its entries here (a report worker: to the sealer thread, which stores them). */
  handOff?: (row: KeptRow) => void;
  /**
   * A selection's entry is handed over at most once in this time (30 s): on a busy survey a segment fills between two
   * reports, and storing each report's counts would write most of a megabyte to the WAL every time. Tests set 0.
   */
  handOffEveryMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * The counts of report selections kept in memory (report-cache.ts) and in the database (migration 030): a new process —
 * the command line's nightly PDF, a restarted server's workers — then carries on from the segments a previous one
 * counted and reads only what was sealed or added since, as a long-lived process does. An entry is read only under
 * the data generation it was counted in and by the code that counted it; the database removes every entry when that
 * generation moves (an erasure, a deletion, a changed response), so no kept count outlives a response. Writes wait
 * until the pass's read transaction is over (a write inside it could fail on a newer snapshot) and are best effort:
 * busy means the next process counts again. The entry is stored only if the generation is still the one it was
 * counted in, checked in the same statement, wherever it is stored (here, or by the thread a worker hands it to).
 */
export function createKeptCounts(db: Db, options: KeptCountsOptions = {}): CountsCache {
  const { memory = createReportCache(), tails = false, handOff, handOffEveryMs = 30_000, now = Date.now } = options;
  const code = codeIdentity();
  const select = db.prepare<[string, number, string], Buffer>('SELECT entry FROM kept_counts WHERE cache_key = ? AND generation = ? AND code = ?').pluck();
  const stores = handOff !== undefined || !db.readonly;
  /** What the database holds (or was handed) per key: generation and sealed segments covered. */
  const stored = new Map<string, string>();
  const storedAs = (entry: CountedSegments) => `${entry.generation}:${entry.covered.size}`;
  /** When each selection's entry was last handed over. */
  const handedAt = new Map<string, number>();
  const dirty = new Map<string, CountedSegments>();

  return {
    get(key, generation) {
      const found = memory.get(key, generation);
      if (found) return found;
      const blob = select.get(key, generation, code);
      if (!blob) return undefined;
      let entry: CountedSegments;
      try {
        entry = unpack(deserialize(blob) as CountedSegments);
      } catch {
        return undefined;
      }
      if (entry?.generation !== generation) return undefined;
      memory.set(key, entry);
      stored.set(key, storedAs(entry));
      return entry;
    },
    set(key, entry) {
      memory.set(key, entry);
      if (!stores || (!tails && stored.get(key) === storedAs(entry))) return;
      if (handOff && now() - (handedAt.get(key) ?? -Infinity) < handOffEveryMs) return;
      dirty.set(key, entry);
    },
    flush() {
      // inside a caller's transaction a write could not be told apart from the caller's own; the next report stores it
      if (!dirty.size || (!handOff && db.inTransaction)) return;
      const rows = [...dirty].map(([key, entry]): KeptRow => {
        stored.set(key, storedAs(entry));
        // a copy of its own (v8's buffer may be shared), so that it can be transferred to another thread
        return { key, generation: entry.generation, code, entry: new Uint8Array(serialize(pack(tails ? entry : { ...entry, tail: undefined }))) };
      });
      dirty.clear();
      if (handOff) {
        for (const row of rows) {
          handedAt.set(row.key, now());
          handOff(row);
        }
        return;
      }
      const synchronous = db.pragma('synchronous', { simple: true }) as number;
      try {
        // derived data: no fsync of its own (a crash loses the entry, never the database's consistency, in WAL mode)
        db.pragma('synchronous = NORMAL');
        storeKeptRows(db, rows);
      } catch {
        // best effort (busy, disk full): counted again next time
      } finally {
        db.pragma(`synchronous = ${synchronous}`);
      }
    },
  };
}

/** Number dictionaries are stored as their codes only: the index (64 Ki entries each) is made again on reading. */
function packState(state: AccumulatorState): AccumulatorState {
  return { raws: state.raws, dictionaries: state.dictionaries.map((d) => ({ index: new Int32Array(0), codes: d.codes })) };
}
function unpackState(state: AccumulatorState): AccumulatorState {
  const dictionaries = state.dictionaries.map(({ codes }) => {
    const index = new Int32Array(0x10000).fill(-1);
    codes.forEach((code, k) => (index[code] = k));
    return { index, codes };
  });
  return { raws: state.raws, dictionaries };
}
const pack = (entry: CountedSegments): CountedSegments => {
  const { tail, ...rest } = entry;
  return { ...rest, state: packState(entry.state), ...(tail ? { tail: { ...tail, state: packState(tail.state) } } : {}) };
};
const unpack = (entry: CountedSegments): CountedSegments => ({ ...entry, state: unpackState(entry.state), ...(entry.tail ? { tail: { ...entry.tail, state: unpackState(entry.tail.state) } } : {}) });

/**
 * Whether kept counts have the shape of the plan's raw tables (an entry from another version of the code, or of a
 * questionnaire that changed shape under the same key, is counted again rather than misread).
 */
/** Typed arrays are told by their tag: those v8.deserialize makes may come from another realm (a test's VM context). */
const is = (kind: 'Uint32Array' | 'Int32Array', x: unknown) => Object.prototype.toString.call(x) === `[object ${kind}]`;

export function fitsPlan(plan: Plan, entry: CountedSegments): boolean {
  const ratingBins = plan.points + 1;
  const tables = areaOffsets(plan);
  const state = (s: AccumulatorState) =>
    Array.isArray(s?.raws) &&
    Array.isArray(s.dictionaries) &&
    s.dictionaries.length === plan.numbers.length &&
    s.dictionaries.every((d) => is('Int32Array', d.index) && d.index.length === 0x10000 && Array.isArray(d.codes)) &&
    s.raws.every(
      (raw) =>
        is('Uint32Array', raw.joint) &&
        raw.joint.length === plan.items.length * 2 * ratingBins * ratingBins &&
        is('Uint32Array', raw.areaImportance) &&
        raw.areaImportance.length === tables.sumLength &&
        is('Uint32Array', raw.areaProficiency) &&
        raw.areaProficiency.length === tables.sumLength &&
        is('Uint32Array', raw.areaGap) &&
        raw.areaGap.length === tables.gapLength &&
        raw.choices.length === plan.choices.length &&
        raw.choices.every((c, i) => is('Uint32Array', c) && c.length === plan.choices[i]!.values.length + 1) &&
        raw.multis.length === plan.multis.length &&
        raw.multis.every((m, i) => is('Uint32Array', m) && m.length === plan.multis[i]!.values.length + 1) &&
        is('Uint32Array', raw.texts) &&
        raw.texts.length === plan.texts.length &&
        raw.numbers.length === plan.numbers.length &&
        raw.numbers.every((c) => is('Uint32Array', c)),
    );
  return state(entry.state) && (!entry.tail || state(entry.tail.state));
}
