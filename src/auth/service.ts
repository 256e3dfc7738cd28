import crypto from 'node:crypto';
import type { Db } from '../shared/db';
import { sha256 } from '../shared/crypto';
import { dummyHash, generatePassword, hashPassword, verifyPassword } from './password';
import { createAuthRepo, type UserRow } from './repo';
import { NewUserSchema, type AuthUser, type NewUser, type Role, type Scope } from './schema';
import { ACCOUNT_FREE_FAILURES, backoffMs } from './throttle';

const HOUR = 3600 * 1000;
/** A session ends after 12 hours without use, and after 7 days in any case. */
export const SESSION_IDLE_MS = 12 * HOUR;
export const SESSION_MAX_MS = 7 * 24 * HOUR;
const TOKEN_PREFIX = 'nm_';

export type SignInResult = { ok: true; user: AuthUser; sessionId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; waitMs: number };

export type CreateUserResult = { ok: true; id: number; generatedPassword?: string } | { ok: false; reason: 'exists' | 'unknown_collector'; detail?: string };

export interface AuthOptions {
  /** The clock, in unix milliseconds (tests move it). */
  now?: () => number;
  /** scrypt cost for new password hashes; lowered only by tests, which would otherwise spend seconds hashing. */
  scryptN?: number;
}

/** Accounts, passwords, sessions and API tokens. Secrets (session ids, tokens) are stored only as sha256 hashes. */
export function createAuthService(db: Db, { now = Date.now, scryptN }: AuthOptions = {}) {
  const repo = createAuthRepo(db);

  const toAuthUser = (row: UserRow, via: AuthUser['via']): AuthUser => ({
    id: row.id,
    email: row.email,
    role: row.role,
    canReadFreeText: row.role === 'admin' || (row.role === 'researcher' && row.can_read_free_text === 1),
    scopes: row.role === 'coordinator' ? repo.scopes(row.id) : [],
    via,
  });
  const accountHash = (email: string) => sha256(`login:${email.trim().toLowerCase()}`);
  const unknownScope = (scopes: Scope[]) => scopes.find((s) => !repo.collectorExists(s.surveyId, s.collectorId));

  /** Checks the password; every failure, for existing accounts or not, lengthens that account name's wait. */
  async function signIn(email: string, password: string): Promise<SignInResult> {
    const key = accountHash(email);
    const failure = repo.failure(key);
    if (failure && failure.locked_until > now()) return { ok: false, reason: 'locked', waitMs: failure.locked_until - now() };
    const row = repo.userByEmail(email.trim().toLowerCase());
    const matches = await verifyPassword(password, row?.password_hash ?? dummyHash());
    if (!row || !matches) {
      const failures = (failure?.failures ?? 0) + 1;
      repo.saveFailure(key, failures, now() + backoffMs(failures, ACCOUNT_FREE_FAILURES));
      return { ok: false, reason: 'invalid' };
    }
    repo.clearFailure(key);
    const sessionId = crypto.randomBytes(32).toString('base64url');
    repo.createSession(sha256(sessionId), row.id, now(), now() + SESSION_IDLE_MS);
    return { ok: true, user: toAuthUser(row, 'session'), sessionId };
  }

  /** The user of a session cookie; each use slides the expiry (at most once a minute, within the 7-day limit). */
  function sessionUser(sessionId: string | undefined): AuthUser | undefined {
    if (!sessionId) return undefined;
    const idHash = sha256(sessionId);
    const session = repo.session(idHash, now());
    if (!session) return undefined;
    if (now() - session.created_at > SESSION_MAX_MS) return void repo.deleteSession(idHash);
    const row = repo.user(session.user_id);
    if (!row) return undefined;
    const expires = Math.min(now() + SESSION_IDLE_MS, session.created_at + SESSION_MAX_MS);
    if (expires - session.expires_at > 60_000) repo.extendSession(idHash, expires);
    return toAuthUser(row, 'session');
  }

  function tokenUser(token: string | undefined): AuthUser | undefined {
    if (!token?.startsWith(TOKEN_PREFIX)) return undefined;
    const found = repo.tokenByHash(sha256(token));
    if (!found || found.revoked_at) return undefined;
    const row = repo.user(found.user_id);
    if (!row) return undefined;
    // "Last used" to the minute: a write (and its fsync) per API request would slow every report client down.
    if (!found.last_used_at || now() - Date.parse(found.last_used_at) > 60_000) repo.touchToken(found.id);
    return toAuthUser(row, 'token');
  }

  function createUser(input: NewUser): CreateUserResult {
    const u = NewUserSchema.parse(input);
    if (repo.userByEmail(u.email)) return { ok: false, reason: 'exists' };
    const scopes = u.role === 'coordinator' ? u.scopes : [];
    const missing = unknownScope(scopes);
    if (missing) return { ok: false, reason: 'unknown_collector', detail: `${missing.surveyId}/${missing.collectorId}` };
    const generatedPassword = u.password ? undefined : generatePassword();
    const id = repo.createUser({
      email: u.email,
      role: u.role,
      passwordHash: hashPassword(u.password ?? generatedPassword!, scryptN),
      canReadFreeText: u.role === 'researcher' && u.canReadFreeText,
      scopes,
    });
    return { ok: true, id, generatedPassword };
  }

  function updateUser(id: number, change: { role: Role; canReadFreeText: boolean; scopes: Scope[] }): 'ok' | 'not_found' | 'unknown_collector' {
    if (!repo.user(id)) return 'not_found';
    if (change.role === 'coordinator' && unknownScope(change.scopes)) return 'unknown_collector';
    repo.updateUser(id, change.role, change.role === 'researcher' && change.canReadFreeText, change.scopes);
    return 'ok';
  }

  /** Creates the first admin when there is no admin yet; without a configured password one is generated. */
  function ensureFirstAdmin(email: string, password?: string): { created: false } | { created: true; email: string; generatedPassword?: string } {
    if (repo.adminCount() > 0) return { created: false };
    const result = createUser({ email, role: 'admin', password });
    if (!result.ok) return { created: false };
    return { created: true, email, generatedPassword: result.generatedPassword };
  }

  /**
   * Sets a new password after checking the current one; every other session of the user ends, and so does every API
   * token (a token made while the old password was known to someone else must not outlive it).
   */
  async function changePassword(userId: number, current: string, next: string, keepSessionId?: string): Promise<boolean> {
    const row = repo.user(userId);
    if (!row || !(await verifyPassword(current, row.password_hash))) return false;
    repo.setPassword(userId, hashPassword(next, scryptN));
    repo.deleteSessionsOf(userId, keepSessionId ? sha256(keepSessionId) : '');
    return true;
  }

  return {
    signIn,
    sessionUser,
    tokenUser,
    signOut: (sessionId: string | undefined) => sessionId && repo.deleteSession(sha256(sessionId)),
    /** Ends every session of a user (after a password change, a role change or deletion). */
    signOutEverywhere: (userId: number) => repo.deleteSessionsOf(userId),
    /** Forgets expired sessions, and failed sign-ins whose wait ended a day ago (counting starts afresh). */
    purgeExpired: () => {
      repo.purgeFailures(now() - 24 * HOUR);
      return repo.purgeSessions(now());
    },
    createUser,
    updateUser,
    deleteUser: (id: number) => repo.deleteUser(id),
    changePassword,
    ensureFirstAdmin,
    user: (id: number) => repo.user(id),
    userByEmail: (email: string) => repo.userByEmail(email.trim().toLowerCase()),
    users: () => repo.users().map((row) => ({ ...toAuthUser(row, 'session'), createdAt: row.created_at, tokens: repo.tokens(row.id) })),
    /** A new API token for `Authorization: Bearer`; returned once, only its hash is kept. */
    createToken(userId: number) {
      const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
      return { id: repo.createToken(userId, sha256(token)), token };
    },
    token: (id: number) => repo.token(id),
    revokeToken: (id: number) => repo.revokeToken(id),
    /** Records who did what to which target; `detail` is short, never answers or passwords. */
    audit: (actor: Pick<AuthUser, 'id' | 'email'> | 'cli' | 'system', action: string, target = '', detail = '') =>
      typeof actor === 'string' ? repo.audit(null, actor, action, target, detail) : repo.audit(actor.id, actor.email, action, target, detail),
    auditLog: (limit: number, offset = 0) => repo.auditPage(limit, offset),
    /** A random secret generated on first start and kept in the database, so restarts keep forms valid. */
    secret: (name: string) => repo.setting(`secret:${name}`, () => crypto.randomBytes(32).toString('base64url')),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
