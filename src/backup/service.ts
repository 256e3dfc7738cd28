import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../shared/db';

/** Tables every Needsmap database has had since its first migration. */
const CORE_TABLES = ['schema_migrations', 'questionnaire_versions', 'surveys', 'responses'];

export class BackupError extends Error {}

export interface DatabaseSummary {
  /** The newest migration the file has (its schema version). */
  schema: string;
  surveys: number;
  responses: number;
  bytes: number;
}

/** The migrations this Needsmap knows: a file whose schema is newer than these comes from a newer version. */
export function knownMigrations(dir = MIGRATIONS_DIR): Set<string> {
  return new Set(fs.readdirSync(dir).filter((f) => /^\d{3}-[\w-]+\.(sql|ts)$/.test(f)));
}

/**
 * Checks that `file` is a complete Needsmap database of a schema version this Needsmap knows, and summarises it.
 * Refuses (BackupError, with the reason) a file that is not SQLite, fails SQLite's integrity check, lacks the
 * Needsmap tables, or was written by a newer Needsmap (a migration unknown here).
 */
export function verifyDatabase(file: string, known = knownMigrations()): DatabaseSummary {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened as a database: ${(err as Error).message}`);
  }
  try {
    let check: string[];
    try {
      check = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      throw new BackupError(`${file} is not an SQLite database (${(err as Error).message})`);
    }
    if (check.length !== 1 || check[0] !== 'ok') throw new BackupError(`${file} is damaged: ${check.slice(0, 3).join('; ')}`);
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupError(`${file} is not a Needsmap database (no ${missing.join(', ')} table)`);
    const applied = db.prepare<[], string>('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
    const unknown = applied.filter((m) => !known.has(m));
    if (unknown.length) throw new BackupError(`${file} was written by a newer Needsmap (schema ${unknown.at(-1)}, unknown to this version): upgrade Needsmap first`);
    if (!applied.length) throw new BackupError(`${file} is not a Needsmap database (no migration applied)`);
    const count = (table: string) => db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
    return { schema: applied.at(-1)!, surveys: count('surveys'), responses: count('responses'), bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

function fsyncFile(file: string) {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable: the directory entry is synced too (where the platform allows opening a directory). */
function fsyncDir(dir: string) {
  try {
    fsyncFile(dir);
  } catch {
    // not supported here (Windows): the rename is still atomic
  }
}

/**
 * An online, consistent copy of the live database: `VACUUM INTO` reads one snapshot (one read transaction, so
 * responses committed meanwhile are either wholly in it or not at all) while the server goes on writing, into a
 * temporary file next to `out`, which is checked, synced and renamed into place only when complete.
 */
export function backupDatabase(source: string, out: string): DatabaseSummary {
  const target = path.resolve(out);
  if (path.resolve(source) === target) throw new BackupError('the backup cannot replace the database itself');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part-${process.pid}`;
  fs.rmSync(part, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(part);
  } finally {
    db.close();
  }
  try {
    const summary = verifyDatabase(part);
    fsyncFile(part);
    fs.renameSync(part, target);
    fsyncDir(path.dirname(target));
    return summary;
  } finally {
    fs.rmSync(part, { force: true });
  }
}

/**
 * Replaces the database `target` by the backup `file`, all or nothing: the backup is verified, copied next to the
 * target and verified again, and only then renamed over it (one atomic step); the replaced database is kept as
 * `<target>.before-restore`. Refused while any other process (a running server, a command) has the target open:
 * taking it out of WAL mode needs every other connection closed, and also folds its write-ahead log in, so no stale
 * log can be applied to the restored file.
 */
export function restoreDatabase(file: string, target: string): DatabaseSummary & { previous?: string } {
  const source = path.resolve(file);
  const dest = path.resolve(target);
  if (source === dest) throw new BackupError('the backup is the database itself');
  verifyDatabase(source);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  if (fs.existsSync(dest)) {
    const live = new Database(dest, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 0');
      let mode: unknown;
      try {
        mode = live.pragma('journal_mode = DELETE', { simple: true });
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      }
      if (mode !== 'delete') throw new BackupError(`${dest} is in use by another process: stop the server first (e.g. systemctl stop needsmap), then restore`);
    } finally {
      live.close();
    }
  }
  const part = `${dest}.restore-${process.pid}`;
  try {
    fs.copyFileSync(source, part);
    fsyncFile(part);
    const summary = verifyDatabase(part);
    let previous: string | undefined;
    if (fs.existsSync(dest)) {
      previous = `${dest}.before-restore`;
      fs.rmSync(previous, { force: true });
      fs.linkSync(dest, previous);
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dest + suffix, { force: true });
    fs.renameSync(part, dest);
    fsyncDir(path.dirname(dest));
    return { ...summary, previous };
  } finally {
    fs.rmSync(part, { force: true });
  }
}
