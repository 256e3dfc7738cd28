import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../src/shared/db';
import { createGroupCommit } from '../../src/responses/group-commit';
import { createResponseService } from '../../src/responses/service';
import { createSurveyService } from '../../src/surveys/service';
import { validateAnswers } from '../../src/questionnaires/answers';
import { buildTestDb, countResponses } from '../helpers/app';
import { validAnswers } from '../helpers/factories';

function scratchDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-gc-'));
  const file = path.join(dir, 'gc.sqlite');
  const db = openDb(file);
  db.exec(`CREATE TABLE items (name TEXT NOT NULL UNIQUE);
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);`);
  return { db, file, cleanup: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

const names = (db: Db) => db.prepare('SELECT name FROM items ORDER BY name').pluck().all();

describe('group commit', () => {
  test('when writes arrive in one turn, then they share one transaction and each resolves after the commit', async () => {
    const { db, file, cleanup } = scratchDb();
    const other = new Database(file, { readonly: true });
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const committedBefore: unknown[] = [];
    const group = createGroupCommit(db, (name: string) => {
      // What another connection sees while this write runs: nothing until the one commit of the batch.
      committedBefore.push(other.prepare('SELECT count(*) FROM items').pluck().get());
      insert.run(name);
      return name.toUpperCase();
    });
    const results = await Promise.all(['a', 'b', 'c'].map(async (name) => {
      const value = await group.write(name);
      // Committed: another connection reads it, and the writer is no longer inside a transaction.
      expect(other.prepare('SELECT count(*) FROM items WHERE name = ?').pluck().get(name)).toBe(1);
      expect(db.inTransaction).toBe(false);
      return value;
    }));
    expect(results).toEqual(['A', 'B', 'C']);
    expect(committedBefore).toEqual([0, 0, 0]);
    other.close();
    cleanup();
  });

  test('when one write throws, then only that write is rolled back and rejected; the others commit', async () => {
    const { db, cleanup } = scratchDb();
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const group = createGroupCommit(db, (name: string) => {
      insert.run(`${name}-first-row`);
      if (name === 'bad') throw new Error('refused');
      insert.run(name);
    });
    const outcomes = await Promise.allSettled(['a', 'bad', 'c'].map((name) => group.write(name)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(names(db)).toEqual(['a', 'a-first-row', 'c', 'c-first-row']);
    cleanup();
  });

  test('when the commit itself fails, then every write of the batch is rejected and nothing is stored', async () => {
    const { db, cleanup } = scratchDb();
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const orphan = db.prepare('INSERT INTO children (parent) VALUES (42)');
    const group = createGroupCommit(db, (name: string) => {
      insert.run(name);
      if (name === 'orphan') orphan.run(); // a deferred foreign key: only COMMIT notices
    });
    const outcomes = await Promise.allSettled(['a', 'orphan', 'c'].map((name) => group.write(name)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(names(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect(await group.write('later')).toBeUndefined();
    expect(names(db)).toEqual(['later']);
    cleanup();
  });

  test('when more writes wait than a batch holds, then the next turns write the rest', async () => {
    const { db, cleanup } = scratchDb();
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const group = createGroupCommit(db, (name: string) => void insert.run(name), { maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((name) => group.write(name));
    expect(group.pending()).toBe(5);
    await Promise.all(all);
    expect(names(db)).toEqual(['a', 'b', 'c', 'd', 'e']);
    cleanup();
  });
});

describe('submitGrouped', () => {
  const setup = () => {
    const db = buildTestDb();
    const survey = createSurveyService(db).find('test-survey')!;
    const checked = validateAnswers(survey.current.definition, validAnswers(), { hidden: 'reject' });
    if (!checked.ok) throw new Error('invalid fixture');
    const submission = (key?: string, hash = 'h1') => ({
      survey,
      version: survey.current,
      collectorId: null,
      lang: 'en',
      answers: checked.answers,
      countStart: true,
      idempotency: key ? { key, requestHash: hash } : undefined,
    });
    return { db, responses: createResponseService(db), submission };
  };

  test('when two retries with the same key land in one batch, then one response is stored and both get its id', async () => {
    const { db, responses, submission } = setup();
    const [first, retry, other] = await Promise.all([
      responses.submitGrouped(submission('k1')),
      responses.submitGrouped(submission('k1')),
      responses.submitGrouped(submission()),
    ]);
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(retry).toEqual({ ...first, replayed: true });
    expect(other).toMatchObject({ ok: true, replayed: false });
    expect(countResponses(db)).toBe(2);
    expect(db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM starts').pluck().get()).toBe(2);
  });

  test('when a key is reused with another body in the same batch, then the second is a mismatch and stores nothing', async () => {
    const { db, responses, submission } = setup();
    const [first, reused] = await Promise.all([responses.submitGrouped(submission('k2', 'h1')), responses.submitGrouped(submission('k2', 'h2'))]);
    expect(first.ok).toBe(true);
    expect(reused).toEqual({ ok: false, reason: 'idempotency_mismatch' });
    expect(countResponses(db)).toBe(1);
  });
});
