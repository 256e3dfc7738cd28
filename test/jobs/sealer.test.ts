import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalysisService, type ReportRequest } from '../../src/analysis/service';
import { createSegmentStore } from '../../src/analysis/segments';
import { startSealer } from '../../src/jobs/sealer';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { openDb, openReadOnlyDb, type Db } from '../../src/shared/db';
import { createSurveyService } from '../../src/surveys/service';
import { insertGenerated } from '../helpers/seed';

/**
 * Segments are sealed beside the server's writes (src/jobs/sealer.ts, `sealBeside` in src/analysis/segments.ts): rows
 * are read and made into segments outside a write transaction, then inserted after checks. Whatever happens between
 * the two steps, a report from the sealed segments must equal one read from the rows alone.
 */
const SURVEY = 'youth-worker-tna';
const SEGMENT = 8;
let dir: string;
let serial = 0;

function openFresh(): Db {
  const db = openDb(path.join(dir, `db-${++serial}.sqlite`));
  createQuestionnaireService(db).importShipped();
  return db;
}

const insert = (db: Db, n: number, seed = serial) => insertGenerated(db, SURVEY, n, seed);

const version = (db: Db) => createSurveyService(db).find(SURVEY)!.current.version;
const segments = (db: Db) => db.prepare('SELECT first_id, last_id, count FROM code_segments ORDER BY first_id').raw().all() as number[][];
const request: ReportRequest = { surveyId: SURVEY, lang: 'en', groupBy: 'country', filters: [], viewer: { freeText: 'all' } };

/** The report's counts through the segments, and from the rows alone (a read-only connection cannot seal). */
function reports(db: Db, file: string) {
  const questionnaires = createQuestionnaireService(db);
  const sealed = createAnalysisService(openReadOnlyDb(file), { surveys: createSurveyService(db, questionnaires), questionnaires }, { segmentSize: SEGMENT }).build(request);
  db.prepare('DELETE FROM code_segments').run();
  const plain = createAnalysisService(openReadOnlyDb(file), { surveys: createSurveyService(db, questionnaires), questionnaires }, { segmentSize: SEGMENT }).build(request);
  return { sealed: { ...sealed, generatedOn: '' }, plain: { ...plain, generatedOn: '' } };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-sealer-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sealing beside the writer', () => {
  test('when nothing happens between reading and writing, then whole segments of the tail are sealed and the rest stays single rows', () => {
    const db = openFresh();
    insert(db, 3 * SEGMENT + 5);
    expect(createSegmentStore(db, SEGMENT).sealBeside(SURVEY, version(db))).toBe(3);
    expect(segments(db).map((s) => s[2])).toEqual([SEGMENT, SEGMENT, SEGMENT]);
    expect(createSegmentStore(db, SEGMENT).sealBeside(SURVEY, version(db))).toBe(0);
  });

  test('when a response in the rows read is deleted before the segments are written, then nothing is written and reports stay exact', () => {
    const db = openFresh();
    insert(db, 2 * SEGMENT);
    const victim = db.prepare('SELECT id FROM responses ORDER BY id LIMIT 1 OFFSET 3').pluck().get() as number;
    const written = createSegmentStore(db, SEGMENT).sealBeside(SURVEY, version(db), () => {
      db.prepare('DELETE FROM responses WHERE id = ?').run(victim);
    });
    expect(written).toBe(0);
    expect(segments(db)).toEqual([]);
    const file = db.name;
    const { sealed, plain } = reports(db, file);
    expect(sealed).toEqual(plain);
  });

  test('when the newest response is deleted and its id given again before the segments are written, then nothing is written', () => {
    const db = openFresh();
    insert(db, SEGMENT);
    const last = db.prepare('SELECT max(id) FROM responses').pluck().get() as number;
    const written = createSegmentStore(db, SEGMENT).sealBeside(SURVEY, version(db), () => {
      db.prepare('DELETE FROM responses WHERE id = ?').run(last);
      insert(db, 1, 99);
      expect(db.prepare('SELECT max(id) FROM responses').pluck().get()).toBe(last);
    });
    expect(written).toBe(0);
  });

  test('when another connection sealed the same rows meanwhile, then they are not sealed twice', () => {
    const db = openFresh();
    insert(db, 2 * SEGMENT);
    const other = openDb(db.name);
    const written = createSegmentStore(db, SEGMENT).sealBeside(SURVEY, version(db), () => {
      createSegmentStore(other, SEGMENT).seal(SURVEY, version(db));
    });
    expect(written).toBe(0);
    expect(segments(db).map((s) => s[2])).toEqual([SEGMENT, SEGMENT]);
    other.close();
  });

  test('when the sealer thread runs while the server connection writes, then segments appear, no write fails and reports stay exact', async () => {
    const db = openFresh();
    const file = db.name;
    let sealedRounds = 0;
    const problems: string[] = [];
    const sealer = startSealer(file, { everyMs: 20, log: (m) => problems.push(m), onSealed: () => sealedRounds++ });
    await sealer.ready;
    const until = Date.now() + 1500;
    let batches = 0;
    while (Date.now() < until) {
      insert(db, 50, 1000 + batches++); // the server's own transactions, as group commit writes them
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 200));
    await sealer.stop();
    expect(problems).toEqual([]);
    expect(sealedRounds).toBeGreaterThan(0);
    const total = db.prepare('SELECT count(*) FROM responses').pluck().get() as number;
    const covered = segments(db).reduce((sum, s) => sum + s[2]!, 0);
    expect(total).toBe(batches * 50);
    // The thread seals in segments of the default size; all but the tail is covered.
    expect(covered).toBeGreaterThan(total - 1024 - 50 * 10);
    const { sealed, plain } = reports(db, file);
    expect(sealed).toEqual(plain);
  });
});

describe('sealing beside the writer, a large backlog', () => {
  test('when far more rows than a round takes are unsealed, then each round seals the oldest 16 segments and reports stay exact', () => {
    const db = openFresh();
    insert(db, 40 * SEGMENT + 3);
    const store = createSegmentStore(db, SEGMENT);
    expect(store.sealBeside(SURVEY, version(db))).toBe(16);
    expect(segments(db).map((s) => s[2])).toEqual(Array.from({ length: 16 }, () => SEGMENT));
    const ids = db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as number[];
    expect(segments(db)[15]![1]).toBe(ids[16 * SEGMENT - 1]);
    expect(store.sealBeside(SURVEY, version(db))).toBe(16);
    expect(store.sealBeside(SURVEY, version(db))).toBe(8);
    expect(store.sealBeside(SURVEY, version(db))).toBe(0);
    // the in-process seal still takes everything at once
    const other = openFresh();
    insert(other, 40 * SEGMENT + 3);
    createSegmentStore(other, SEGMENT).seal(SURVEY, version(other));
    expect(segments(other).length).toBe(40);
    const { sealed, plain } = reports(db, db.name);
    expect(sealed).toEqual(plain);
  });
});

describe('the sealer thread', () => {
  test('when it stops unexpectedly, then it is started again and goes on sealing', async () => {
    const db = openFresh();
    const messages: string[] = [];
    let sealed = 0;
    const sealer = startSealer(db.name, { everyMs: 20, restartMs: 50, log: (m) => messages.push(m), onSealed: (n) => (sealed += n) });
    await sealer.ready;
    const first = sealer.thread();
    await first.terminate();
    for (let i = 0; i < 100 && sealer.thread() === first; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sealer.thread()).not.toBe(first);
    expect(messages.some((m) => m.includes('starting it again'))).toBe(true);
    insert(db, 1024 + 10);
    for (let i = 0; i < 150 && sealed === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await sealer.stop();
    expect(sealed).toBe(1);
  });
});
