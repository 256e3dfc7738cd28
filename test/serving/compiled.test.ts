import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-compiled-'));
  // `npm install` (prepare) built dist/; bring it up to date with the sources under test.
  expect(spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--if-stale'], { encoding: 'utf8' }).status).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const get = (port: number, url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, headers }, (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });

describe('the compiled server and command line (dist/)', () => {
  test('when npm start runs dist/src/main.js on a new database, then it migrates (the .ts migration too), serves pages, fingerprinted files and gzip', async () => {
    const db = path.join(dir, 'needsmap.sqlite');
    const port = 3900 + Math.floor(Math.random() * 90);
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.js')], {
      cwd: dir, // not the checkout: every path must resolve from the code's own location
      env: { ...process.env, NEEDSMAP_DB: db, PORT: String(port), HOST: '127.0.0.1', NEEDSMAP_ADMIN_PASSWORD: 'compiled-test-password', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      for (let i = 0; i < 200 && !output.includes('Needsmap is running'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(output).toContain('Needsmap is running');
      expect((await get(port, '/healthz')).status).toBe(200);
      const applied = new Database(db, { readonly: true }).prepare('SELECT name FROM schema_migrations').pluck().all() as string[];
      expect(applied).toEqual(expect.arrayContaining([expect.stringMatching(/^001-core\.sql$/), expect.stringMatching(/^021-number-codes\.ts$/)]));
      const login = await get(port, '/login', { 'accept-encoding': 'gzip' });
      expect(login.status).toBe(200);
      expect(login.headers['content-encoding']).toBe('gzip');
      const page = await get(port, '/login');
      const css = /href="(\/public\/css\/app\.css\?v=[0-9a-f]{12})"/.exec(page.body)?.[1];
      expect(css).toBeDefined();
      const file = await get(port, css!);
      expect(file.status).toBe(200);
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);

  test('when the needsmap command runs, then it runs the compiled CLI', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/bin.js'), '--help'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/backup \[options\]/);
    expect(fs.existsSync(path.join(ROOT, 'dist/src/cli/index.js'))).toBe(true);
  });
});
