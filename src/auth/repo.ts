import type { Db } from '../shared/db';
import type { Role, Scope } from './schema';

export interface UserRow {
  id: number;
  email: string;
  role: Role;
  password_hash: string;
  can_read_free_text: number;
  created_at: string;
}

export interface TokenRow {
  id: number;
  user_id: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface FailureRow {
  failures: number;
  locked_until: number;
}

export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

const nowIso = () => new Date().toISOString();

export function createAuthRepo(db: Db) {
  const adminCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin'");
  const users = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY email');
  const userById = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const userByEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const insertUser = db.prepare('INSERT INTO users (email, role, password_hash, can_read_free_text, created_at) VALUES (?, ?, ?, ?, ?)');
  const updateUser = db.prepare('UPDATE users SET role = ?, can_read_free_text = ? WHERE id = ?');
  const setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const deleteUser = db.prepare('DELETE FROM users WHERE id = ?');
  const scopes = db.prepare<[number], Scope>('SELECT survey_id AS surveyId, collector_id AS collectorId FROM user_scopes WHERE user_id = ? ORDER BY 1, 2');
  const clearScopes = db.prepare('DELETE FROM user_scopes WHERE user_id = ?');
  const collectorExists = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM collectors WHERE survey_id = ? AND id = ?');
  const addScope = db.prepare('INSERT OR IGNORE INTO user_scopes (user_id, survey_id, collector_id) VALUES (?, ?, ?)');

  const insertToken = db.prepare('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)');
  const tokenByHash = db.prepare<[string], TokenRow>('SELECT id, user_id, created_at, last_used_at, revoked_at FROM api_tokens WHERE token_hash = ?');
  const tokensOf = db.prepare<[number], TokenRow>('SELECT id, user_id, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id');
  const tokenById = db.prepare<[number], TokenRow>('SELECT id, user_id, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = ?');
  const touchToken = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  const revokeToken = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeTokensOf = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL');

  const insertSession = db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const session = db.prepare<[string, number], { user_id: number; expires_at: number; created_at: number }>(
    'SELECT user_id, expires_at, created_at FROM sessions WHERE id_hash = ? AND expires_at > ?',
  );
  const extendSession = db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const deleteSessionsOf = db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash != ?');
  const purgeSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  const failure = db.prepare<[string], FailureRow>('SELECT failures, locked_until FROM login_failures WHERE account_hash = ?');
  const saveFailure = db.prepare(
    `INSERT INTO login_failures (account_hash, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT (account_hash) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  );
  const clearFailure = db.prepare('DELETE FROM login_failures WHERE account_hash = ?');
  const purgeFailures = db.prepare('DELETE FROM login_failures WHERE locked_until <= ?');

  const setting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const initSetting = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');

  const insertAudit = db.prepare('INSERT INTO audit_log (at, user_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)');
  const auditPage = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?');

  const replaceScopes = db.transaction((userId: number, list: Scope[]) => {
    clearScopes.run(userId);
    for (const s of list) addScope.run(userId, s.surveyId, s.collectorId);
  });
  const createUser = db.transaction((u: { email: string; role: Role; passwordHash: string; canReadFreeText: boolean; scopes: Scope[] }) => {
    const id = Number(insertUser.run(u.email, u.role, u.passwordHash, u.canReadFreeText ? 1 : 0, nowIso()).lastInsertRowid);
    replaceScopes(id, u.scopes);
    return id;
  });

  return {
    adminCount: () => adminCount.get()?.n ?? 0,
    users: () => users.all(),
    user: (id: number) => userById.get(id),
    userByEmail: (email: string) => userByEmail.get(email),
    createUser,
    updateUser: db.transaction((id: number, role: Role, canReadFreeText: boolean, list: Scope[]) => {
      updateUser.run(role, canReadFreeText ? 1 : 0, id);
      replaceScopes(id, role === 'coordinator' ? list : []);
    }),
    /** A new password hash; the user's API tokens end with the old password (in the same transaction). */
    setPassword: db.transaction((id: number, hash: string) => {
      setPassword.run(hash, id);
      return revokeTokensOf.run(nowIso(), id).changes;
    }),
    deleteUser: (id: number) => deleteUser.run(id).changes > 0,
    scopes: (userId: number) => scopes.all(userId),
    collectorExists: (surveyId: string, collectorId: string) => (collectorExists.get(surveyId, collectorId)?.n ?? 0) > 0,

    createToken: (userId: number, tokenHash: string) => Number(insertToken.run(userId, tokenHash, nowIso()).lastInsertRowid),
    tokenByHash: (hash: string) => tokenByHash.get(hash),
    token: (id: number) => tokenById.get(id),
    tokens: (userId: number) => tokensOf.all(userId),
    touchToken: (id: number) => void touchToken.run(nowIso(), id),
    revokeToken: (id: number) => revokeToken.run(nowIso(), id).changes > 0,

    createSession: (idHash: string, userId: number, now: number, expiresAt: number) => void insertSession.run(idHash, userId, now, expiresAt),
    session: (idHash: string, now: number) => session.get(idHash, now),
    extendSession: (idHash: string, expiresAt: number) => void extendSession.run(expiresAt, idHash),
    deleteSession: (idHash: string) => void deleteSession.run(idHash),
    /** Ends a user's sessions, except `keep` (the hash of the one making the change). */
    deleteSessionsOf: (userId: number, keep = '') => void deleteSessionsOf.run(userId, keep),
    purgeSessions: (now: number) => purgeSessions.run(now).changes,

    failure: (accountHash: string) => failure.get(accountHash),
    saveFailure: (accountHash: string, failures: number, lockedUntil: number) => void saveFailure.run(accountHash, failures, lockedUntil),
    clearFailure: (accountHash: string) => void clearFailure.run(accountHash),
    purgeFailures: (before: number) => purgeFailures.run(before).changes,

    audit: (userId: number | null, actor: string, action: string, target: string, detail: string) =>
      void insertAudit.run(nowIso(), userId, actor, action, target, detail),
    auditPage: (limit: number, offset: number) => auditPage.all(limit, offset),

    /** The stored value of `key`; on first use `init()` is stored (and kept across restarts). */
    setting: (key: string, init: () => string) => {
      const found = setting.get(key);
      if (found) return found.value;
      initSetting.run(key, init());
      return setting.get(key)!.value;
    },
  };
}
export type AuthRepo = ReturnType<typeof createAuthRepo>;
