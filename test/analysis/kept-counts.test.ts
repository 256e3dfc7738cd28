import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestDb } from '../helpers/app';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { createAnalysisService, type ReportRequest } from '../../src/analysis/service';
import { createKeptCounts, storeKeptRows, type KeptRow } from '../../src/analysis/kept-counts';
import { TEXTS_FROM_START_SQL } from '../../src/analysis/repo';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { openDb, openReadOnlyDb, type Db } from '../../src/shared/db';

/**
 * Report counts kept in the database (src/analysis/kept-counts.ts, migration 030): a new process carries on from the
 * counts an earlier one kept. Whatever happened between (responses added, sealed or not, deleted), its report must
 * equal one counted from scratch; an entry of another shape, another generation or unreadable is never used; an
 * erasure leaves no kept count behind.
 */
const SEGMENT = 4;
const service = (db: Db, keepCounts = true) => {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { segmentSize: SEGMENT, keepCounts });
};
const fromScratch = (db: Db, req: ReportRequest) => ({ ...service(db, false).build(req), generatedOn: '' });
const newProcess = (db: Db, req: ReportRequest) => ({ ...service(db).build(req), generatedOn: '' });

const request = (groupBy?: string, filters: ReportRequest['filters'] = []): ReportRequest => ({ surveyId: 'test-survey', lang: 'en', ...(groupBy ? { groupBy } : {}), filters, viewer: { freeText: 'all' } });
let serial = 0;
const rows = (n: number) =>
  Array.from({ length: n }, () => {
    const i = serial++;
    return { collector: i % 3 ? 'sofia' : 'rome', lang: i % 2 ? 'bg' : 'en', answers: validAnswers({ role: i % 4 ? 'paid' : 'volunteer', hours: i % 4 ? 10 : undefined, fac_1: { importance: 1 + (i % 5), proficiency: 1 + ((i * 3) % 5) }, comment: i % 7 ? undefined : `note ${i}` }) };
  });
const keptRows = (db: Db) => db.prepare('SELECT count(*) FROM kept_counts').pluck().get() as number;

/** A database file (read-only connections need one) with the test questionnaire and 30 responses. */
function withFileDb(run: (db: Db, file: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-kept-'));
  const file = path.join(dir, 'db.sqlite');
  const db = openDb(file);
  try {
    createQuestionnaireService(db).importText(JSON.stringify(buildQuestionnaire()), 'test.json', { controllerName: 'T', controllerContact: 't@example.org' });
    seedResponses(db, 'test-survey', rows(30));
    run(db, file);
  } finally {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('report counts kept in the database', () => {
  test('when responses are added and deleted between processes, then every new process reports what counting from scratch reports', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 1, max: 11 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('report' as const), groupBy: fc.constantFrom(undefined, 'role', 'collector', 'lang'), filtered: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 3, maxLength: 12 }), (steps) => {
        const db = buildTestDb();
        seedResponses(db, 'test-survey', rows(30));
        for (const s of steps) {
          if (s.kind === 'add') seedResponses(db, 'test-survey', rows(s.n));
          else if (s.kind === 'delete') {
            const ids = db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as number[];
            db.prepare('DELETE FROM responses WHERE id = ?').run(ids[s.pick % ids.length]);
          } else {
            const req = request(s.groupBy, s.filtered ? [{ questionId: 'role', values: ['paid'] }] : []);
            expect(newProcess(db, req)).toEqual(fromScratch(db, req));
          }
        }
        db.close();
      }),
      { numRuns: 30 },
    );
  });

  test('when counts were kept, then a new process reads them instead of the sealed segments', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows(40));
    const req = request('collector');
    const expected = newProcess(db, req); // counts and keeps
    expect(keptRows(db)).toBeGreaterThan(0);
    // The sealed segments' codes garbled (a count from them would differ); ids and counts left as they were.
    db.prepare("UPDATE code_segments SET codes = zeroblob(length(codes))").run();
    expect(newProcess(db, req)).toEqual(expected);
    expect(fromScratch(db, req)).not.toEqual(expected);
  });

  test('when counts were kept by other code (before an upgrade), then they are not read', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows(40));
    const req = request('role');
    const expected = newProcess(db, req);
    db.prepare("UPDATE code_segments SET codes = zeroblob(length(codes))").run();
    expect(newProcess(db, req)).toEqual(expected); // read from the kept counts
    db.prepare("UPDATE kept_counts SET code = 'other code'").run();
    const counted = newProcess(db, req); // counted again, from the garbled segments
    expect(counted).not.toEqual(expected);
    expect(counted).toEqual(fromScratch(db, req));
  });

  test('when a response is erased or deleted, then no kept count is left in the database', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows(30));
    newProcess(db, request('role'));
    expect(keptRows(db)).toBeGreaterThan(0);
    db.prepare('DELETE FROM responses WHERE id = (SELECT max(id) FROM responses)').run();
    expect(keptRows(db)).toBe(0);
    newProcess(db, request('role'));
    expect(keptRows(db)).toBeGreaterThan(0);
    db.prepare("UPDATE responses SET lang = 'de' WHERE id = (SELECT min(id) FROM responses)").run();
    expect(keptRows(db)).toBe(0);
  });

  test('when the data generation moved between counting and storing, then the entry is not stored', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows(30));
    const key = JSON.stringify(['test-survey', 'role']);
    const cache = createKeptCounts(db);
    const entry = { generation: 0, covered: new Set<string>(), state: { raws: [], dictionaries: [] }, groupKeys: [], languages: new Map(), completed: new Map() };
    db.prepare('DELETE FROM responses WHERE id = (SELECT max(id) FROM responses)').run(); // generation 0 → 1
    cache.set(key, entry);
    cache.flush!();
    expect(keptRows(db)).toBe(0);
    cache.set(key, { ...entry, generation: 1 });
    cache.flush!();
    expect(keptRows(db)).toBe(1);
    expect(createKeptCounts(db).get(key, 1)?.generation).toBe(1);
    expect(createKeptCounts(db).get(key, 2)).toBeUndefined();
  });

  test('when a kept entry has another shape or cannot be read, then the report counts again and is exact', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows(30));
    const req = request('role');
    newProcess(db, req);
    const keys = db.prepare('SELECT cache_key FROM kept_counts').pluck().all() as string[];
    const expected = fromScratch(db, req);
    // an entry of the right generation and format whose tables are of another questionnaire's shape
    const alien = {
      generation: 0,
      covered: new Set<string>(),
      state: { raws: [{ n: 999, key: 0, joint: new Uint32Array(7), areaImportance: new Uint32Array(1), areaProficiency: new Uint32Array(1), areaGap: new Uint32Array(1), choices: [], multis: [], texts: new Uint32Array(0), numbers: [] }], dictionaries: [] },
      groupKeys: [],
      languages: new Map(),
      completed: new Map(),
    };
    db.prepare('UPDATE kept_counts SET entry = ?').run(serialize(alien));
    expect(newProcess(db, req)).toEqual(expected);
    db.prepare("UPDATE kept_counts SET entry = x'00ff00ff'").run();
    expect(newProcess(db, req)).toEqual(expected);
    expect(keys.length).toBeGreaterThan(0);
  });

  test('when a report is built on a read-only connection, then it reads kept counts and never writes', () => {
    withFileDb((db, file) => {
      const reader = openReadOnlyDb(file);
      const req = request('lang');
      expect(newProcess(reader, req)).toEqual(fromScratch(db, req));
      expect(keptRows(db)).toBe(0);
      newProcess(db, req);
      const stored = keptRows(db);
      expect(stored).toBeGreaterThan(0);
      seedResponses(db, 'test-survey', rows(9));
      expect(newProcess(reader, req)).toEqual(fromScratch(db, req));
      reader.close();
      db.close();
      const check = new Database(file, { readonly: true });
      expect(check.prepare('SELECT count(*) FROM kept_counts').pluck().get()).toBe(stored);
      check.close();
    });
  });

  test('when a report worker (read-only) keeps counts, then it hands over the sealed part only when it covers more segments (at most every 30 s), and what the sealer stores is read by the next process', () => {
    withFileDb((db, file) => {
      const sealer = service(db, false);
      sealer.build(request()); // seals full segments, as the sealer thread does
      const reader = openReadOnlyDb(file);
      const handed: KeptRow[] = [];
      const questionnaires = createQuestionnaireService(reader);
      let clock = 0;
      const worker = createAnalysisService(reader, { surveys: createSurveyService(reader, questionnaires), questionnaires }, { segmentSize: SEGMENT, keepCounts: { handOff: (row) => handed.push(row), now: () => clock } });
      const req = request('collector');
      worker.build(req);
      expect(handed.length).toBeGreaterThan(0);
      for (const row of handed) expect((deserialize(row.entry) as { tail?: unknown }).tail).toBeUndefined();
      expect(keptRows(db)).toBe(0); // the worker never writes
      // rows that fill no new segment: nothing handed over
      const before = handed.length;
      seedResponses(db, 'test-survey', rows(SEGMENT - 2));
      worker.build(req);
      expect(handed.length).toBe(before);
      // a new segment sealed: handed over again, once 30 s have passed since the last time
      seedResponses(db, 'test-survey', rows(SEGMENT + 1));
      sealer.build(request());
      clock += 29_000;
      worker.build(req);
      expect(handed.length).toBe(before);
      seedResponses(db, 'test-survey', rows(SEGMENT));
      sealer.build(request());
      clock += 1_000;
      worker.build(req);
      expect(handed.length).toBeGreaterThan(before);
      // the sealer thread's connection stores them; a new process reads them and is exact
      storeKeptRows(db, handed);
      expect(keptRows(db)).toBeGreaterThan(0);
      const expected = fromScratch(db, req);
      db.prepare('UPDATE code_segments SET codes = zeroblob(length(codes)) WHERE first_id < 20').run();
      const kept = { ...service(reader).build(req), generatedOn: '' };
      expect(kept).toEqual(expected);
      db.prepare('DELETE FROM kept_counts').run();
      expect(kept).not.toEqual({ ...service(reader).build(req), generatedOn: '' }); // the kept counts were used
      reader.close();
    });
  });

  test('when many selections are reported, then the database keeps the 64 written last', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows(20));
    for (let i = 0; i < 70; i++) newProcess(db, request(i % 2 ? 'role' : undefined, [{ questionId: 'collector', values: [`partner-${i}`] }]));
    expect(keptRows(db)).toBe(64);
  });
});

describe('the coded rows index (migration 031)', () => {
  // statistics as ANALYZE writes them for 100,000 responses of one survey and one version (every value the same)
  const STATS = [
    ['responses_coded', '100000 100000 100000 1 1 1 1'],
    ['responses_by_survey', '100000 100000 100000 8334'],
    ['responses_by_wave', '100000 100000 100000'],
    ['responses_demo', '100000 100000'],
    ['sqlite_autoindex_responses_1', '100000 1'],
    ['sqlite_autoindex_responses_2', '100000 1'],
  ];
  test.each([false, true])('when reports read unsealed rows or pass over empty text answers (ANALYZE run: %s), then they read the covering index in order', (analyzed) => {
    const db = buildTestDb();
    if (analyzed) {
      db.exec('ANALYZE');
      for (const [index, stat] of STATS) db.prepare("INSERT OR REPLACE INTO sqlite_stat1 (tbl, idx, stat) VALUES ('responses', ?, ?)").run(index, stat);
      db.exec('ANALYZE sqlite_schema'); // reloads the statistics
    }
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // as src/analysis/segments.ts reads the rows no segment covers yet
    const unsealed = plan('SELECT id, codes, collector_id, lang FROM responses WHERE survey_id = ? AND version = ? AND id > ? AND id < ? ORDER BY id', 's', 1, 0, 9);
    expect(unsealed).toMatch(/USING COVERING INDEX responses_coded/);
    expect(unsealed).not.toMatch(/TEMP B-TREE/);
    const texts = plan(TEXTS_FROM_START_SQL, 'q', 's', 0, 9, 1, 5);
    expect(texts).toMatch(/USING INDEX responses_coded/);
    expect(texts).not.toMatch(/TEMP B-TREE/);
  });
});
