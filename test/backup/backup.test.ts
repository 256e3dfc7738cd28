import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase, BackupError, restoreDatabase, verifyDatabase } from '../../src/backup/service';
import { openDb } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-backup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function liveDatabase(file: string) {
  const db = openDb(file);
  createQuestionnaireService(db).importShipped();
  return db;
}

const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], number>('SELECT count(*) FROM responses').pluck().get()!;
  } finally {
    db.close();
  }
};

/** Runs the writer process: resolves once it committed its first batch, with a promise of its exit. */
function startWriter(file: string, batches: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'writer.ts'), file, String(batches)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
    child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before writing`)));
  });
  return { started, exited };
}

describe('needsmap backup while the server writes', () => {
  test('when another process commits responses in batches of 10 during backups, then each backup is whole: integrity ok, a whole number of batches, between the counts before and after', async () => {
    const file = path.join(dir, 'live.sqlite');
    const db = liveDatabase(file);
    const writer = startWriter(file, 400);
    await writer.started;
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = count(file);
      const summary = backupDatabase(file, path.join(dir, `backup-${i}.sqlite`));
      const after = count(file);
      expect(summary.responses).toBeGreaterThanOrEqual(before);
      expect(summary.responses).toBeLessThanOrEqual(after);
      expect(summary.responses % 10).toBe(0);
      expect(verifyDatabase(path.join(dir, `backup-${i}.sqlite`)).responses).toBe(summary.responses);
      counts.push(summary.responses);
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(await writer.exited).toBe(0);
    // The writer was still writing while the backups ran: they saw different, growing states.
    expect(new Set(counts).size).toBeGreaterThan(1);
    expect(count(file)).toBe(4000);
    // A backup's responses are complete rows: answers parse, codes have the layout's length.
    const copy = new Database(path.join(dir, 'backup-3.sqlite'), { readonly: true });
    const rows = copy.prepare<[], { answers: string; codes: Buffer }>('SELECT answers, codes FROM responses').all();
    const size = rows[0]!.codes.length;
    expect(rows.every((r) => r.codes.length === size && typeof JSON.parse(r.answers) === 'object')).toBe(true);
    copy.close();
    db.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
  }, 120_000);
});

describe('needsmap restore', () => {
  test('when the server is stopped, then the backup replaces the database at once and the old one is kept', () => {
    const file = path.join(dir, 'live.sqlite');
    const db = liveDatabase(file);
    db.prepare("UPDATE surveys SET controller_name = 'Before'").run();
    backupDatabase(file, path.join(dir, 'backup.sqlite'));
    db.prepare("UPDATE surveys SET controller_name = 'After'").run();
    db.close();
    const summary = restoreDatabase(path.join(dir, 'backup.sqlite'), file);
    expect(summary.previous).toBe(`${file}.before-restore`);
    const restored = openDb(file); // a start after the restore: migrates and opens as usual
    expect(restored.prepare('SELECT controller_name FROM surveys').pluck().get()).toBe('Before');
    restored.close();
    const old = new Database(`${file}.before-restore`, { readonly: true });
    expect(old.prepare('SELECT controller_name FROM surveys').pluck().get()).toBe('After');
    old.close();
  });

  test('when a server still has the database open, then the restore is refused and nothing changes', () => {
    const file = path.join(dir, 'live.sqlite');
    const db = liveDatabase(file);
    backupDatabase(file, path.join(dir, 'backup.sqlite'));
    db.prepare("UPDATE surveys SET controller_name = 'Live'").run();
    expect(() => restoreDatabase(path.join(dir, 'backup.sqlite'), file)).toThrow(/in use by another process: stop the server first/);
    expect(db.prepare('SELECT controller_name FROM surveys').pluck().get()).toBe('Live');
    db.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['backup.sqlite', 'live.sqlite']);
  });

  test.each([
    ['not a database', (f: string) => fs.writeFileSync(f, 'just some text, not SQLite'.repeat(100)), /not an SQLite database|cannot be opened/],
    ['another application\'s database', (f: string) => new Database(f).exec('CREATE TABLE things (x)').close(), /not a Needsmap database/],
    ['a database of a newer Needsmap', (f: string) => {
      const db = liveDatabase(f);
      db.prepare("INSERT INTO schema_migrations (name, applied_on) VALUES ('999-from-the-future.sql', '2030-01-01')").run();
      db.close();
    }, /written by a newer Needsmap \(schema 999-from-the-future.sql/],
  ])('when the file is %s, then the restore is refused and the database is untouched', (_what, make, message) => {
    const file = path.join(dir, 'live.sqlite');
    liveDatabase(file).close();
    const before = fs.readFileSync(file);
    make(path.join(dir, 'candidate.sqlite'));
    expect(() => restoreDatabase(path.join(dir, 'candidate.sqlite'), file)).toThrow(BackupError);
    expect(() => restoreDatabase(path.join(dir, 'candidate.sqlite'), file)).toThrow(message);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}.before-restore`)).toBe(false);
  });

  test('when run from the command line, then backup and restore report what they did', () => {
    const file = path.join(dir, 'live.sqlite');
    liveDatabase(file).close();
    const env = { ...process.env, NEEDSMAP_DB: file, NEEDSMAP_LANG: 'en' };
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'src/cli/bin.js'), ...args], { env, encoding: 'utf8' });
    const backup = cli('backup', '--out', path.join(dir, 'nightly.sqlite'));
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Backup of .*live\.sqlite written to .*nightly\.sqlite: responses: 0, surveys: \d+, schema \d{3}-/);
    const restore = cli('restore', path.join(dir, 'nightly.sqlite'));
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain('kept as');
    const refused = cli('restore', path.join(dir, 'missing.sqlite'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/missing\.sqlite does not exist/);
  }, 60_000);
});
