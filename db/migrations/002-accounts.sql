-- Accounts of the people who run a survey (never respondents), their sessions, tokens and actions.

CREATE TABLE users (
  id                 INTEGER PRIMARY KEY,
  email              TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role               TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'researcher')),
  password_hash      TEXT NOT NULL,              -- "scrypt$N$r$p$salt$hash" (src/auth/password.ts)
  can_read_free_text INTEGER NOT NULL DEFAULT 0, -- researchers only: raw free-text answers granted by an admin
  created_at         TEXT NOT NULL
);

-- A coordinator's partners: the collectors whose raw responses they may read.
CREATE TABLE user_scopes (
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  survey_id    TEXT NOT NULL,
  collector_id TEXT NOT NULL,
  PRIMARY KEY (user_id, survey_id, collector_id),
  FOREIGN KEY (survey_id, collector_id) REFERENCES collectors (survey_id, id) ON DELETE CASCADE
);

-- Tokens for `Authorization: Bearer`; only the sha256 of the token is kept.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);

-- Signed-in browsers. The cookie holds a random id; only its sha256 is kept. Expiry slides with use.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,                   -- unix milliseconds
  expires_at INTEGER NOT NULL                    -- unix milliseconds
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Failed sign-ins per account name (sha256 of the lower-cased e-mail, existing or not), for the growing delay.
CREATE TABLE login_failures (
  account_hash TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until INTEGER NOT NULL                  -- unix milliseconds
);

-- What admins, coordinators and researchers did. They are staff, not anonymous respondents: a timestamp is kept.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,                         -- ISO date-time (UTC)
  user_id INTEGER,                               -- NULL for the command line and the system
  actor   TEXT NOT NULL,                         -- the e-mail at the time, "cli" or "system"
  action  TEXT NOT NULL,
  target  TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);

-- Server-wide secrets and values generated once (e.g. the CSRF secret), kept across restarts.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
