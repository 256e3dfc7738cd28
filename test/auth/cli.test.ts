import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { registerToken } from '../../src/cli/commands/token';
import { registerUser } from '../../src/cli/commands/user';
import { createAuthService } from '../../src/auth/service';
import { openDb } from '../../src/shared/db';
import { createSurveyService } from '../../src/surveys/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';

let dir: string;
let output: string[];
const savedDb = process.env.NEEDSMAP_DB;

async function run(...args: string[]) {
  const program = new Command('needsmap').exitOverride();
  registerUser(program);
  registerToken(program);
  await program.parseAsync(['node', 'needsmap', ...args]);
}

function withDb<T>(fn: (db: ReturnType<typeof openDb>) => T): T {
  const db = openDb(process.env.NEEDSMAP_DB!);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function signIn(email: string, password: string) {
  const db = openDb(process.env.NEEDSMAP_DB!);
  try {
    return await createAuthService(db).signIn(email, password);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-cli-'));
  process.env.NEEDSMAP_DB = path.join(dir, 'db.sqlite');
  withDb((db) => {
    createQuestionnaireService(db).importShipped();
    createSurveyService(db).saveCollector('youth-worker-tna', { id: 'sofia', label: 'Sofia', invited: null });
  });
  output = [];
  jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void output.push(parts.join(' ')));
});

afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
  process.env.NEEDSMAP_DB = savedDb;
});

describe('npx needsmap user', () => {
  test('when a coordinator is added with --scope, then a password is printed once and the scope is kept', async () => {
    await run('user', 'add', '--email', 'Sofia@Example.org', '--role', 'coordinator', '--survey', 'youth-worker-tna', '--scope', 'sofia');
    expect(output[0]).toBe('Account sofia@example.org (coordinator) created.');
    const password = /Password \(shown only now\): (\w{20})/.exec(output[1] ?? '')?.[1];
    expect(password).toBeDefined();
    const signedIn = await signIn('sofia@example.org', password!);
    expect(signedIn).toMatchObject({ ok: true, user: { role: 'coordinator', scopes: [{ surveyId: 'youth-worker-tna', collectorId: 'sofia' }] } });
    output = [];
    await run('user', 'list');
    expect(output).toEqual([expect.stringMatching(/^\d+\tsofia@example\.org\tcoordinator\tscope: youth-worker-tna\/sofia$/)]);
  });

  test('when --password-stdin is given, then the password is read from standard input and not printed', async () => {
    jest.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from('a passphrase from stdin\n')]) as unknown as typeof process.stdin);
    await run('user', 'add', '--email', 'r@example.org', '--role', 'researcher', '--free-text', '--password-stdin');
    expect(output).toEqual(['Account r@example.org (researcher) created.']);
    const signedIn = await signIn('r@example.org', 'a passphrase from stdin');
    expect(signedIn).toMatchObject({ ok: true, user: { canReadFreeText: true } });
  });

  test.each([
    [['--role', 'coordinator'], 'a coordinator needs --scope'],
    [['--role', 'owner'], '--role must be'],
    [['--role', 'coordinator', '--survey', 'youth-worker-tna', '--scope', 'atlantis'], 'unknown collector youth-worker-tna/atlantis'],
  ])('when the options are %j, then the command fails with "%s"', async (options, message) => {
    await expect(run('user', 'add', '--email', 'x@example.org', ...options)).rejects.toThrow(message);
  });
});

describe('npx needsmap token', () => {
  test('when a token is created, then it is printed once, works, and can be revoked by its number', async () => {
    await run('user', 'add', '--email', 'r@example.org', '--role', 'researcher');
    output = [];
    await run('token', 'create', '--email', 'r@example.org');
    const token = output[1]!;
    expect(token).toMatch(/^nm_/);
    expect(withDb((db) => createAuthService(db).tokenUser(token)?.email)).toBe('r@example.org');
    await run('token', 'revoke', '1');
    expect(output.at(-1)).toBe('Token 1 revoked.');
    expect(withDb((db) => createAuthService(db).tokenUser(token))).toBeUndefined();
    expect(withDb((db) => db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'token.%'").all())).toEqual([
      { actor: 'cli', action: 'token.create' },
      { actor: 'cli', action: 'token.revoke' },
    ]);
  });

  test('when the account does not exist, then no token is made', async () => {
    await expect(run('token', 'create', '--email', 'ghost@example.org')).rejects.toThrow('there is no account ghost@example.org');
  });
});
