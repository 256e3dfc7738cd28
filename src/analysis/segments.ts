import type { Db } from '../shared/db';
import { buildBlock, encode, transpose } from './block';
import type { Block } from './block';
import { recordKeys, secretFrom, type Secret } from './disclosure/keys';

/**
 * Reading coded responses for a report. Rows are sealed into segments of SEGMENT_SIZE responses (one column-major
 * blob each, see block.ts)
 * so a report over 100,000 responses reads about a hundred rows instead of 100,000; rows not yet sealed (the
 * newest, or those next to a deletion) are read one by one. See db/migrations/010-code-segments.sql.
 */
export const SEGMENT_SIZE = 1024;

/** Segments of a survey version's newest rows sealed in one round beside the writer (`sealBeside`). */
export const SEAL_BESIDE_MAX = 16;

/** Receives the responses block by block (column-major, see block.ts). */
export type Visit = (block: Block) => void;

type Row = [id: number, codes: Buffer, collectorId: string | null, lang: string];
type SegmentRow = [firstId: number, lastId: number, count: number, codes: Buffer, meta: string, refs: Buffer, keys: Buffer | null];

const MAX_ID = Number.MAX_SAFE_INTEGER;

/** The database's disclosure secret (migration 022), from which every response's record key is derived. */
export function loadSecret(db: Db): Secret {
  const bytes = db.prepare<[], Buffer>('SELECT secret FROM disclosure_secret WHERE id = 1').pluck().get();
  if (!bytes) throw new Error('the database has no disclosure secret (migration 022 not applied)');
  return secretFrom(bytes);
}

const asBuffer = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export function createSegmentStore(db: Db, segmentSize = SEGMENT_SIZE) {
  const secret = loadSecret(db);
  const segments = db.prepare<[string, number], SegmentRow>('SELECT first_id, last_id, count, codes, meta, refs, keys FROM code_segments WHERE survey_id = ? AND version = ? ORDER BY first_id').raw();
  const ranges = db.prepare<[string, number], [number, number]>('SELECT first_id, last_id FROM code_segments WHERE survey_id = ? AND version = ? ORDER BY first_id').raw();
  const rowsBetween = db
    .prepare<[string, number, number, number], Row>('SELECT id, codes, collector_id, lang FROM responses WHERE survey_id = ? AND version = ? AND id > ? AND id < ? ORDER BY id')
    .raw();
  const rowsFrom = db
    .prepare<[string, number, number, number, number], Row>('SELECT id, codes, collector_id, lang FROM responses WHERE survey_id = ? AND version = ? AND id > ? AND id < ? ORDER BY id LIMIT ?')
    .raw();
  const countBetween = db.prepare<[string, number, number, number], number>('SELECT count(*) FROM responses WHERE survey_id = ? AND version = ? AND id > ? AND id < ?').pluck();
  const insert = db.prepare('INSERT INTO code_segments (survey_id, version, first_id, last_id, count, codes, meta, refs, keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');

  /** A segment ready to insert: its id range and blobs, made from rows read earlier. */
  type Prepared = [surveyId: string, version: number, firstId: number, lastId: number, count: number, codes: Uint8Array, meta: string, refs: Buffer, keys: Buffer];

  function prepare(surveyId: string, version: number, rows: Row[]): Prepared[] {
    const result: Prepared[] = [];
    for (let start = 0; start < rows.length; start += segmentSize) {
      const chunk = rows.slice(start, start + segmentSize);
      const collectors = encode(chunk.map((r) => r[2]));
      const langs = encode(chunk.map((r) => r[3]));
      const refs = new Uint16Array(chunk.length * 2);
      refs.set(collectors.refs, 0);
      refs.set(langs.refs, chunk.length);
      const data = transpose(chunk.map((r) => r[1]), chunk[0]![1].length);
      const meta = JSON.stringify({ c: collectors.dict, l: langs.dict });
      result.push([surveyId, version, chunk[0]![0], chunk[chunk.length - 1]![0], chunk.length, data, meta, Buffer.from(refs.buffer, refs.byteOffset, refs.byteLength), asBuffer(recordKeys(secret, chunk.map((r) => r[0])))]);
    }
    return result;
  }

  function write(surveyId: string, version: number, rows: Row[]) {
    for (const segment of prepare(surveyId, version, rows)) insert.run(...segment);
  }

  /** The uncovered id ranges: gaps between segments, then the tail after the last one. */
  function gaps(surveyId: string, version: number): [after: number, before: number][] {
    const result: [number, number][] = [];
    let previous = 0;
    for (const [first, last] of ranges.iterate(surveyId, version)) {
      if (first > previous + 1) result.push([previous, first]);
      previous = last;
    }
    result.push([previous, MAX_ID]);
    return result;
  }

  /**
   * The uncovered rows worth sealing: every gap, and the tail in whole segments, at most `maxTail` rows of the tail
   * (the oldest). Cheap when there is nothing to do.
   */
  function* unsealed(surveyId: string, version: number, maxTail = Infinity): Generator<Row[]> {
    const all = gaps(surveyId, version);
    for (const [k, [after, before]] of all.entries()) {
      const isTail = k === all.length - 1;
      const n = countBetween.get(surveyId, version, after, before)!;
      if (n === 0 || (isTail && n < segmentSize)) continue;
      if (!isTail) {
        yield rowsBetween.all(surveyId, version, after, before);
        continue;
      }
      const whole = n - (n % segmentSize);
      const take = Number.isFinite(maxTail) ? Math.min(whole, maxTail - (maxTail % segmentSize)) : whole;
      if (take > 0) yield rowsFrom.all(surveyId, version, after, before, take);
    }
  }

  /** Seals uncovered rows in one write transaction. */
  const seal = db.transaction((surveyId: string, version: number) => {
    for (const rows of unsealed(surveyId, version)) write(surveyId, version, rows);
  });

  const generation = db.prepare<[], number>('SELECT n FROM data_generation WHERE id = 1').pluck();
  const everyVersion = db.prepare<[], [string, number]>('SELECT s.id, v.version FROM surveys s JOIN questionnaire_versions v ON v.questionnaire_id = s.questionnaire_id').raw();
  const overlapping = db.prepare<[string, number, number, number], number>('SELECT count(*) FROM code_segments WHERE survey_id = ? AND version = ? AND first_id <= ? AND last_id >= ?').pluck();
  const commit = db.transaction((expected: number, segments: Prepared[]) => {
    // A response deleted or changed since the rows were read moved the generation (migration 027): the rows read may
    // be stale, and an id may even have been given again. Nothing is written; the next round reads afresh.
    if (generation.get() !== expected) return 0;
    let written = 0;
    for (const segment of segments) {
      const [surveyId, version, first, last] = segment;
      // Sealed meanwhile by another connection (a command line report, a second server on the file): left as it is.
      if (overlapping.get(surveyId, version, last, first)! > 0) continue;
      insert.run(...segment);
      written++;
    }
    return written;
  });

  /**
   * Seals beside a busy writer (the server's request loop), for a connection of its own in another thread
   * (src/jobs/sealer.ts): the rows are read and the segments made outside any write transaction, then inserted in a
   * short one that first checks nothing they cover was deleted or changed (the data generation) or sealed by someone
   * else. The writer waits at most for those inserts. Returns the segments written.
   */
  function sealBeside(surveyId: string, version: number, beforeCommit?: () => void): number {
    const expected = generation.get()!;
    // At most SEAL_BESIDE_MAX segments of the tail a round: the writer waits for their insert (a survey imported
    // with 100,000 rows is sealed over a few seconds, not in one long transaction).
    const ready = db.transaction(() => [...unsealed(surveyId, version, SEAL_BESIDE_MAX * segmentSize)].flatMap((rows) => prepare(surveyId, version, rows)))();
    if (!ready.length) return 0;
    beforeCommit?.();
    return commit.immediate(expected, ready);
  }

  const rangesWithCount = db.prepare<[string, number], [number, number, number]>('SELECT first_id, last_id, count FROM code_segments WHERE survey_id = ? AND version = ? ORDER BY first_id').raw();
  const segmentAt = db.prepare<[string, number, number], SegmentRow>('SELECT first_id, last_id, count, codes, meta, refs, keys FROM code_segments WHERE survey_id = ? AND version = ? AND first_id = ?').raw();

  /** Rows strictly between two ids, gathered into blocks of at most `segmentSize`; returns the last id visited. */
  function visitRows(surveyId: string, version: number, after: number, before: number, visit: Visit): number {
    let rows: Row[] = [];
    let last = after;
    const flush = () => {
      if (!rows.length) return;
      last = rows[rows.length - 1]![0];
      visit({ ...buildBlock(transpose(rows.map((r) => r[1]), rows[0]![1].length), rows.length, rows.map((r) => r[2]), rows.map((r) => r[3])), keys: recordKeys(secret, rows.map((r) => r[0])) });
      rows = [];
    };
    for (const row of rowsBetween.iterate(surveyId, version, after, before)) {
      rows.push(row);
      if (rows.length === segmentSize) flush();
    }
    flush();
    return last;
  }

  function blockOf([, , count, codes, metaText, refBytes, keyBytes]: SegmentRow): Block {
    const meta = JSON.parse(metaText) as { c: (string | null)[]; l: string[] };
    // Copy: the blob's buffer may not be aligned for 16-bit access.
    const refs = new Uint16Array(new Uint8Array(refBytes).buffer);
    // Segments sealed before keys existed are dropped by migration 022, so keys are always there.
    const keys = new Uint32Array(new Uint8Array(keyBytes ?? new Uint8Array(count * 4)).buffer);
    return { data: codes, count, collector: refs.subarray(0, count), collectorDict: meta.c, lang: refs.subarray(count), langDict: meta.l, keys };
  }

  /**
   * Visits the sealed segments of a survey version with their identity (`version:first:last:count`, stable while
   * the data generation of migration 027 does not move); a segment `skip` names is not even read.
   */
  function scanSealed(surveyId: string, version: number, visit: (block: Block, segment: string) => void, skip: (segment: string) => boolean = () => false) {
    for (const [first, last, count] of rangesWithCount.all(surveyId, version)) {
      const id = `${version}:${first}:${last}:${count}`;
      if (skip(id)) continue;
      const row = segmentAt.get(surveyId, version, first);
      if (row) visit(blockOf(row), id);
    }
  }

  /** The identities of the sealed segments of a survey version (as `scanSealed` names them). */
  function sealedIds(surveyId: string, version: number): string[] {
    return rangesWithCount.all(surveyId, version).map(([first, last, count]) => `${version}:${first}:${last}:${count}`);
  }

  /**
   * Visits the rows no segment covers (gaps between segments, the newest rows), in blocks; with `afterId`, only
   * those with a greater id. Returns the greatest id visited (or `afterId`).
   */
  function scanUnsealed(surveyId: string, version: number, visit: Visit, afterId = 0): number {
    let last = afterId;
    for (const [after, before] of gaps(surveyId, version)) {
      const from = Math.max(after, afterId);
      if (from < before - 1) last = Math.max(last, visitRows(surveyId, version, from, before, visit));
    }
    return last;
  }

  /** Visits every response of a survey version: sealed segments as they are, other rows gathered into blocks. */
  function scan(surveyId: string, version: number, visit: Visit) {
    let previous = 0;
    for (const row of segments.iterate(surveyId, version)) {
      const [first, last] = row;
      if (first > previous + 1) visitRows(surveyId, version, previous, first, visit);
      visit(blockOf(row));
      previous = last;
    }
    visitRows(surveyId, version, previous, MAX_ID, visit);
  }

  /** Seals when it can; a busy database (a writer holding the lock) only means this report reads more rows. */
  function trySeal(surveyId: string, version: number) {
    // A read-only connection (a report worker, src/jobs) reads what the sealer thread (src/jobs/sealer.ts) sealed.
    if (db.readonly) return;
    try {
      seal.immediate(surveyId, version);
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    }
  }

  /** `sealBeside` for every version of every survey (the sealer thread's round); returns the segments written. */
  const sealAllBeside = () => everyVersion.all().reduce((written, [surveyId, version]) => written + sealBeside(surveyId, version), 0);

  return { scan, scanSealed, scanUnsealed, sealedIds, seal: trySeal, sealBeside, sealAllBeside };
}
export type SegmentStore = ReturnType<typeof createSegmentStore>;
