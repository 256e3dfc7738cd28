import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDb, type Db } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';

export const SURVEY = 'youth-worker-tna';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  url: string;
  db: Db;
  close(): Promise<void>;
}

/**
 * Starts the real app on an ephemeral loopback port with a fresh temporary database file holding the shipped
 * questionnaires, and names a controller (there is no settings API yet, so it is written directly).
 */
export async function startServer(controller = { name: 'Youth Work Partnership', contact: 'privacy@example.org' }): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: path.join(dir, 'needsmap.sqlite'), HOST: '127.0.0.1', PORT: '0' });
  const db = openDb(config.dbFile);
  for (const result of createQuestionnaireService(db).importShipped()) {
    if (!result.ok) throw new Error(`Shipped questionnaire invalid: ${JSON.stringify(result.problems)}`);
  }
  db.prepare('UPDATE surveys SET controller_name = ?, controller_contact = ?').run(controller.name, controller.contact);
  const app = createApp({ db, config });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Starts one server and one browser for a test file (beforeAll) and stops them after it (afterAll). Read
 * `env.server` and `env.browser` inside tests, once they are started.
 */
export function useServerAndBrowser(): { server: TestServer; browser: Browser } {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
