import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFile, loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

/**
 * Runs the real `needsmap` command with a hook that lists every module file the process loaded (printed to stderr
 * after a marker), so a test can say which libraries a command's start pays for.
 */
function needsmap(args: string[], env: Record<string, string> = {}) {
  const hook = path.join(dir, 'hook.js');
  fs.writeFileSync(
    hook,
    "const M = require('module'); const seen = new Set(); const load = M._load;\n" +
      'M._load = function (request, parent) { const r = load.apply(this, arguments); try { seen.add(M._resolveFilename(request, parent)); } catch {} return r; };\n' +
      "process.on('exit', () => process.stderr.write('\\nLOADED\\n' + [...seen].join('\\n')));\n",
  );
  const r = spawnSync(process.execPath, ['--require', hook, path.join(ROOT, 'src/cli/bin.js'), ...args], {
    env: { ...process.env, NEEDSMAP_DB: path.join(dir, 'db.sqlite'), NEEDSMAP_LANG: 'en', ...env },
    encoding: 'utf8',
    cwd: dir,
  });
  const [stderr = '', loaded = ''] = r.stderr.split('\nLOADED\n');
  return { status: r.status, stdout: r.stdout, stderr, loaded: loaded.split('\n') };
}

const zod = (files: string[]) => files.filter((f) => f.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-cli-lean-'));
  // A database with the shipped questionnaires, as the first command on a machine leaves it.
  expect(needsmap(['export', '--survey', 'youth-worker-tna', '--format', 'csv', '--out', path.join(dir, 'first.csv')]).status).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('what the command line loads (issue 11: an export at 10,000 responses is mostly start-up)', () => {
  test.each([
    [['export', '--survey', 'youth-worker-tna', '--format', 'csv', '--out', 'out.csv']],
    [['backup', '--out', 'backup.sqlite']],
  ])('when `needsmap %j` runs on a database whose shipped questionnaires are loaded, then zod is not loaded', (args) => {
    const r = needsmap(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.loaded.some((f) => f.includes('better-sqlite3') || f.includes('commander'))).toBe(true);
    expect(zod(r.loaded)).toEqual([]);
  });

  test('when a shipped questionnaire must be imported (a new database), then it is validated with zod as before', () => {
    const r = needsmap(['export', '--survey', 'youth-worker-tna', '--format', 'csv', '--out', 'out.csv'], { NEEDSMAP_DB: path.join(dir, 'fresh.sqlite') });
    expect(r.status).toBe(0);
    expect(zod(r.loaded).length).toBeGreaterThan(0);
  });

  test('when NEEDSMAP_DB is empty, then the command line says so as the server does, and stops', () => {
    const r = needsmap(['export', '--survey', 'youth-worker-tna', '--format', 'csv', '--out', 'out.csv'], { NEEDSMAP_DB: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('NEEDSMAP_DB');
    expect(() => databaseFile({ NEEDSMAP_DB: '' })).toThrow(/NEEDSMAP_DB/);
  });

  test.each([
    [{}, 'db/needsmap.sqlite'],
    [{ NEEDSMAP_DB: 'data/x.sqlite' }, 'data/x.sqlite'],
    [{ NEEDSMAP_DB: '/srv/needsmap.sqlite' }, '/srv/needsmap.sqlite'],
    [{ NEEDSMAP_DB: ':memory:', PORT: 'not a port' }, ':memory:'],
  ])('when the environment is %j, then the database file is the one the server would open', (env, expected) => {
    const file = databaseFile(env, '/work');
    expect(file).toBe(expected === ':memory:' ? ':memory:' : path.resolve('/work', expected));
    if (!('PORT' in env)) expect(loadConfig(env, '/work').dbFile).toBe(file);
  });
});
