import { createAuthService, SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/auth/service';
import { buildTestDb } from '../helpers/app';
import { PASSWORD } from '../helpers/auth';

const HOUR = 3600 * 1000;

function setup() {
  const db = buildTestDb();
  const clock = { now: 1_800_000_000_000 };
  const auth = createAuthService(db, { now: () => clock.now, scryptN: 1024 });
  const created = auth.createUser({ email: 'Sofia@Example.org', role: 'coordinator', password: PASSWORD, scopes: [] });
  if (!created.ok) throw new Error('setup');
  return { db, clock, auth, userId: created.id };
}

async function session(auth: ReturnType<typeof createAuthService>) {
  const result = await auth.signIn('sofia@example.org', PASSWORD);
  if (!result.ok) throw new Error('sign-in failed');
  return result.sessionId;
}

describe('sessions', () => {
  test('when a session is used within 12 hours each time, then it stays valid past the first 12 hours', async () => {
    const { auth, clock } = setup();
    const id = await session(auth);
    for (let i = 0; i < 4; i++) {
      clock.now += SESSION_IDLE_MS - HOUR;
      expect(auth.sessionUser(id)?.email).toBe('sofia@example.org');
    }
  });

  test('when a session is left unused for 12 hours, then it has expired', async () => {
    const { auth, clock } = setup();
    const id = await session(auth);
    clock.now += SESSION_IDLE_MS + 1;
    expect(auth.sessionUser(id)).toBeUndefined();
  });

  test('when a session is used all the time, then it still ends after 7 days', async () => {
    const { auth, clock } = setup();
    const id = await session(auth);
    while (clock.now < 1_800_000_000_000 + SESSION_MAX_MS - HOUR) {
      clock.now += HOUR;
      expect(auth.sessionUser(id)).toBeDefined();
    }
    clock.now += 2 * HOUR;
    expect(auth.sessionUser(id)).toBeUndefined();
  });

  test('when a session is created, then only a hash of its id is stored', async () => {
    const { auth, db } = setup();
    const id = await session(auth);
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(id);
  });

  test('when the password is changed, then other sessions end and the current one stays', async () => {
    const { auth, userId } = setup();
    const current = await session(auth);
    const other = await session(auth);
    expect(await auth.changePassword(userId, PASSWORD, 'a brand new passphrase', current)).toBe(true);
    expect(auth.sessionUser(current)).toBeDefined();
    expect(auth.sessionUser(other)).toBeUndefined();
    expect((await auth.signIn('sofia@example.org', 'a brand new passphrase')).ok).toBe(true);
  });
});

describe('sign-in delay per account', () => {
  test('when the wait after failures is over, then the right password works again and the counter resets', async () => {
    const { auth, clock } = setup();
    for (let i = 0; i < 4; i++) await auth.signIn('sofia@example.org', 'wrong');
    const locked = await auth.signIn('sofia@example.org', PASSWORD);
    expect(locked).toEqual({ ok: false, reason: 'locked', waitMs: 1000 });
    clock.now += 1000;
    expect((await auth.signIn('sofia@example.org', PASSWORD)).ok).toBe(true);
    expect((await auth.signIn('sofia@example.org', 'wrong')).ok).toBe(false);
    expect((await auth.signIn('sofia@example.org', PASSWORD)).ok).toBe(true);
  });

  test('when an unknown account name keeps failing, then it is delayed like a real one', async () => {
    const { auth } = setup();
    for (let i = 0; i < 4; i++) await auth.signIn('ghost@example.org', 'wrong');
    expect(await auth.signIn('ghost@example.org', 'wrong')).toMatchObject({ ok: false, reason: 'locked' });
  });
});

describe('API tokens', () => {
  test('when a token is created, then it authenticates, only its hash is stored, and its last use is recorded', () => {
    const { auth, db, userId } = setup();
    const { token } = auth.createToken(userId);
    expect(token).toMatch(/^nm_[\w-]{43}$/);
    expect(auth.tokenUser(token)).toMatchObject({ email: 'sofia@example.org', via: 'token' });
    const rows = db.prepare('SELECT * FROM api_tokens').all() as { last_used_at: string | null }[];
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.last_used_at).not.toBeNull();
  });

  test.each([undefined, '', 'nm_unknown', 'Bearer nm_x'])('when the token is %p, then nobody is authenticated', (token) => {
    const { auth } = setup();
    expect(auth.tokenUser(token)).toBeUndefined();
  });

  test('when a token is revoked, then it no longer authenticates', () => {
    const { auth, userId } = setup();
    const { id, token } = auth.createToken(userId);
    expect(auth.revokeToken(id)).toBe(true);
    expect(auth.tokenUser(token)).toBeUndefined();
    expect(auth.revokeToken(id)).toBe(false);
  });
});

describe('accounts', () => {
  test('when there is no admin yet, then the first start creates one with a generated password; later starts do not', () => {
    const { auth } = setup();
    const first = auth.ensureFirstAdmin('admin@localhost');
    expect(first).toEqual({ created: true, email: 'admin@localhost', generatedPassword: expect.stringMatching(/^\w{20}$/) });
    expect(auth.ensureFirstAdmin('admin@localhost', 'another password here')).toEqual({ created: false });
  });

  test('when a configured admin password is given, then it is used and nothing is generated', async () => {
    const { auth } = setup();
    expect(auth.ensureFirstAdmin('root@example.org', 'configured password')).toEqual({ created: true, email: 'root@example.org', generatedPassword: undefined });
    expect((await auth.signIn('root@example.org', 'configured password')).ok).toBe(true);
  });

  test('when a coordinator is given a collector that does not exist, then the account is not created', () => {
    const { auth } = setup();
    expect(auth.createUser({ email: 'x@example.org', role: 'coordinator', scopes: ['test-survey/nowhere'] })).toEqual({ ok: false, reason: 'unknown_collector', detail: 'test-survey/nowhere' });
  });

  test('when the e-mail is taken in another case, then the account is not created', () => {
    const { auth } = setup();
    expect(auth.createUser({ email: 'SOFIA@example.org', role: 'admin' })).toEqual({ ok: false, reason: 'exists' });
  });

  test('when a researcher is granted free text, then the flag is kept; for a coordinator it is ignored', () => {
    const { auth } = setup();
    auth.createUser({ email: 'r@example.org', role: 'researcher', canReadFreeText: true });
    auth.createUser({ email: 'c@example.org', role: 'admin', canReadFreeText: false });
    const users = auth.users();
    expect(users.find((u) => u.email === 'r@example.org')?.canReadFreeText).toBe(true);
    expect(users.find((u) => u.email === 'sofia@example.org')?.canReadFreeText).toBe(false);
    expect(users.find((u) => u.email === 'c@example.org')?.canReadFreeText).toBe(true);
  });
});
