import type { Db } from '../shared/db';
import type { Layout } from '../questionnaires/codebook';
import { createAccumulator, type Plan } from './accumulate';
import { rowOf, transpose, type Block } from './block';
import { fitsPlan, type CountsCache } from './kept-counts';
import { cloneTally, type Tally } from './report-cache';
import type { SegmentStore } from './segments';
import type { BlockFilter, Grouping } from './selection';

export interface VersionToRead {
  version: number;
  /** Maps an older version's row onto the current layout; null for the current version. */
  translate: ((codes: Uint8Array) => Uint8Array) | null;
  /** Row size of that version's layout. */
  size: number;
}

export interface PassInput {
  surveyId: string;
  /** Everything the counts depend on besides the data: layout version, grouping, filters. */
  cacheKey: string;
  layout: Layout;
  plan: Plan;
  versions: readonly VersionToRead[];
  matches: BlockFilter;
  /** The grouping, its collector or language keys given indexes in this order first (from a kept pass). */
  makeGrouping: (knownKeys?: readonly string[]) => Grouping | undefined;
}

/** Adds a block's per-entry counts and record-key sums into `into`. */
function tally<K>(into: Tally<K>, dict: readonly K[], refs: Uint16Array, keys: Uint32Array | undefined, keep: Uint8Array | null) {
  const n = new Int32Array(dict.length);
  const key = new Uint32Array(dict.length);
  for (let r = 0; r < refs.length; r++) {
    if (keep && !keep[r]) continue;
    n[refs[r]!]!++;
    key[refs[r]!] = key[refs[r]!]! + (keys?.[r] ?? 0);
  }
  dict.forEach((d, i) => {
    if (!n[i]) return;
    const was = into.get(d) ?? { n: 0, key: 0 };
    into.set(d, { n: was.n + n[i]!, key: (was.key + key[i]!) >>> 0 });
  });
}

export interface PassResult {
  acc: ReturnType<typeof createAccumulator>;
  grouping: Grouping | undefined;
  languages: Tally<string>;
  completed: Tally<string | null>;
}

/**
 * The one pass over a survey's coded responses: every count per group, responses per language (of the selection)
 * and per collector (of the whole survey), for one or more selections of the same survey (a report and its training
 * plan's partners) read together. Counts already made for a selection under the current data generation come from
 * `cache` (report-cache.ts in memory, kept-counts.ts in the database for the next process): when no segment was
 * sealed since, the counts up to the last row read plus the rows after it; otherwise the counts of the sealed
 * segments plus the segments sealed since and every unsealed row. A block is
 * read once for every selection that needs it. Everything is read in one read transaction, so rows the server seals
 * or adds meanwhile are neither missed nor counted twice.
 */
export function countResponses(db: Db, segments: SegmentStore, cache: CountsCache, generation: () => number, inputs: readonly PassInput[]): PassResult[] {
  const pass = () => {
    const now = generation();
    const { surveyId, versions } = inputs[0]!;
    const sealed = new Set(versions.flatMap((v) => segments.sealedIds(surveyId, v.version)));
    const states = inputs.map((input) => {
      const found = cache.get(input.cacheKey, now);
      // Segments only disappear with their responses (which moves the generation), unless someone deletes them by
      // hand: then the kept counts are not trusted either.
      const kept = found && [...found.covered].every((id) => sealed.has(id)) && fitsPlan(input.plan, found) ? found : undefined;
      const covered = new Set(kept?.covered);
      const nothingSealed = [...sealed].every((id) => covered.has(id));
      const from = kept?.tail && nothingSealed ? kept.tail : kept;
      const grouping = input.makeGrouping(from?.groupKeys);
      const acc = createAccumulator(input.plan, from?.state);
      const languages = cloneTally(from?.languages);
      const completed = cloneTally(from?.completed);
      const size = input.layout.size;
      const add = (stored: Block, { translate, size: storedSize }: VersionToRead) => {
        // Older versions are mapped onto the current layout one response at a time (rare: only after an edit).
        const block: Block = translate ? { ...stored, data: transpose(Array.from({ length: stored.count }, (_, r) => translate(rowOf(stored, r, storedSize))), size) } : stored;
        tally(completed, block.collectorDict, block.collector, block.keys, null);
        const keep = input.matches(block);
        tally(languages, block.langDict, block.lang, block.keys, keep);
        acc.addBlock(block, grouping ? grouping.groupsOf(block) : new Int32Array(block.count), keep);
      };
      const groupKeys = () => (grouping && (grouping.id === 'collector' || grouping.id === 'lang') ? grouping.keys.map((k) => k.key) : []);
      const counted = () => ({ state: acc.snapshot(), groupKeys: groupKeys(), languages: cloneTally(languages), completed: cloneTally(completed) });
      const tailFrom = from && from === kept?.tail ? kept.tail.lastIds : undefined;
      return { input, kept, covered, grouping, acc, languages, completed, add, counted, tailFrom, sealing: !kept || from !== kept.tail, added: 0, read: 0, entry: kept, lastIds: new Map<number, number>() };
    });

    const sealing = states.filter((s) => s.sealing);
    if (sealing.length) {
      for (const v of versions) {
        segments.scanSealed(surveyId, v.version, (block, id) => {
          for (const s of sealing) {
            if (s.covered.has(id)) continue;
            s.add(block, v);
            s.covered.add(id);
            s.added++;
          }
        }, (id) => sealing.every((s) => s.covered.has(id)));
      }
      for (const s of sealing) if (s.added > 0 || !s.kept) s.entry = { generation: now, covered: s.covered, ...s.counted() };
    }
    // Unsealed rows: read once for the selections that start after the same ids (blocks carry no ids to split by).
    const startOf = (s: (typeof states)[number]) => versions.map((v) => s.tailFrom?.get(v.version) ?? 0).join(',');
    for (const start of new Set(states.map(startOf))) {
      const together = states.filter((s) => startOf(s) === start);
      for (const v of versions) {
        const after = together[0]!.tailFrom?.get(v.version) ?? 0;
        const last = segments.scanUnsealed(surveyId, v.version, (block) => {
          for (const s of together) {
            s.add(block, v);
            s.read += block.count;
          }
        }, after);
        for (const s of together) s.lastIds.set(v.version, last);
      }
    }
    for (const s of states) {
      if (s.entry && (s.read > 0 || s.entry !== s.kept || !s.kept.tail)) cache.set(s.input.cacheKey, { ...s.entry, tail: { ...s.counted(), lastIds: s.lastIds } });
    }
    return states.map((s): PassResult => ({ acc: s.acc, grouping: s.grouping, languages: s.languages, completed: s.completed }));
  };
  let results: PassResult[];
  try {
    results = db.transaction(pass)();
  } catch (err) {
    // A worker's connection may still hold the open iterator of a streamed export (its reader is slow or gone):
    // no transaction can begin then, but reads can run. Without the transaction, a segment sealed between the two
    // scans leaves its rows out of this one report; the kept counts stay exact (that segment is new to the next one).
    if (!(err instanceof TypeError && /busy/.test(err.message) && !db.inTransaction)) throw err;
    results = pass();
  }
  // counts to keep for the next process are stored once the read transaction is over (kept-counts.ts)
  cache.flush?.();
  return results;
}
