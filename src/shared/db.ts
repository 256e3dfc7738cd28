import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COMPILED, fromRoot } from './paths';

export type Db = Database.Database;

export const MIGRATIONS_DIR = fromRoot('db', 'migrations');

/** A .ts migration's module: the TypeScript itself, or its compiled copy in dist/ when running compiled code. */
function migrationModule(dir: string, file: string): string {
  const compiled = path.join(fromRoot('dist', path.relative(fromRoot(), dir)), file.replace(/\.ts$/, '.js'));
  return COMPILED && fs.existsSync(compiled) ? compiled : path.join(dir, file);
}

/**
 * Opens the database with the settings every acknowledged response relies on:
 * WAL for concurrent readers, synchronous=FULL so a commit is on disk (WAL fsync) before we answer.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint when the WAL reaches about 40 MB rather than 4 MB: while a report worker reads (one snapshot for the
  // length of a report), a checkpoint can copy only part of the log and the log cannot restart, so with the default
  // nearly every commit ran one more (partial) checkpoint and its fsync, and submissions' p99 rose fivefold.
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

/**
 * A read-only connection to a database another connection keeps open and migrated (the server's): report and export
 * workers read the WAL file through it and can never write. Waits up to 5 s for a lock like the writer.
 */
export function openReadOnlyDb(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Applies db/migrations/NNN-name.sql files not yet applied, each in its own transaction, in name order. A migration
 * that must compute (re-encode stored data with the current code) is a NNN-name.ts module exporting `up(db)`.
 */
export function migrate(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_on TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const pending = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.(sql|ts)$/.test(f) && !applied.has(f))
    .sort();
  const record = db.prepare("INSERT INTO schema_migrations (name, applied_on) VALUES (?, date('now'))");
  for (const file of pending) {
    const run: (db: Db) => void = file.endsWith('.ts')
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require(migrationModule(dir, file)) as { up: (db: Db) => void }).up
      : (target) => target.exec(fs.readFileSync(path.join(dir, file), 'utf8'));
    db.transaction(() => {
      run(db);
      record.run(file);
    })();
  }
  return pending;
}
