-- Questionnaire definitions, frozen per version once a response refers to them.
CREATE TABLE questionnaire_versions (
  questionnaire_id TEXT NOT NULL,
  version          INTEGER NOT NULL,
  definition       TEXT NOT NULL,            -- validated JSON (src/questionnaires/schema.ts)
  hash             TEXT NOT NULL,            -- sha256 of the definition, to detect changed imports
  created_on       TEXT NOT NULL,
  PRIMARY KEY (questionnaire_id, version)
);

CREATE TABLE surveys (
  id                 TEXT PRIMARY KEY,
  questionnaire_id   TEXT NOT NULL,
  version            INTEGER NOT NULL,       -- the version new respondents answer
  default_lang       TEXT NOT NULL,
  controller_name    TEXT NOT NULL DEFAULT '',
  controller_contact TEXT NOT NULL DEFAULT '',
  retention_days     INTEGER NOT NULL DEFAULT 730,
  min_cell           INTEGER NOT NULL DEFAULT 5,   -- smallest count shown in a cross-tabulated cell
  min_group          INTEGER NOT NULL DEFAULT 10,  -- smallest group a statistic is shown for
  opens_at           TEXT,                   -- ISO date-time, NULL = open now
  closes_at          TEXT,                   -- ISO date-time, NULL = no end
  is_demo            INTEGER NOT NULL DEFAULT 0,
  created_on         TEXT NOT NULL,
  FOREIGN KEY (questionnaire_id, version) REFERENCES questionnaire_versions (questionnaire_id, version)
);

-- A collector is one partner's or country's link to a survey.
CREATE TABLE collectors (
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id        TEXT NOT NULL,
  label     TEXT NOT NULL,
  invited   INTEGER,                           -- people invited, when the partner knows it
  PRIMARY KEY (survey_id, id)
);

-- One row per respondent who gave consent (the "started" step of the funnel). Nothing links it to a response.
CREATE TABLE starts (
  survey_id    TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  collector_id TEXT,
  started_on   TEXT NOT NULL
);
CREATE INDEX starts_by_collector ON starts (survey_id, collector_id);

-- Completed responses. Anonymous: no IP, no user agent, the day only.
CREATE TABLE responses (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  survey_id    TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  collector_id TEXT,                           -- NULL = the survey's direct link
  lang         TEXT NOT NULL,
  submitted_on TEXT NOT NULL,
  erasure_hash TEXT NOT NULL UNIQUE,           -- sha256 of the respondent's erasure code
  is_demo      INTEGER NOT NULL DEFAULT 0,
  answers      TEXT NOT NULL,                  -- JSON keyed by question id
  codes        BLOB NOT NULL                   -- fixed-layout codes for aggregation (src/questionnaires/codebook.ts)
);
CREATE INDEX responses_by_survey ON responses (survey_id, version, collector_id);

-- Lets a client retry a submission safely: the same key returns the first result.
CREATE TABLE idempotency_keys (
  survey_id    TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  public_id    TEXT NOT NULL,
  erasure_code TEXT NOT NULL,                  -- kept only until the key expires (24 h)
  created_at   INTEGER NOT NULL,               -- unix seconds, for expiry only
  PRIMARY KEY (survey_id, key)
);

-- Answers in progress, for save and resume. The token is the resume code; only its hash is kept.
CREATE TABLE drafts (
  token_hash   TEXT PRIMARY KEY,
  survey_id    TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  collector_id TEXT,
  lang         TEXT NOT NULL,
  page         INTEGER NOT NULL DEFAULT 0,
  answers      TEXT NOT NULL DEFAULT '{}',
  expires_on   TEXT NOT NULL
);
