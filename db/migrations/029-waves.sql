-- Waves (issue 14): a survey runs in named waves, e.g. baseline-2027 and after-training-2028, each open from
-- `opens_on` to `closes_on` (days, both inclusive, UTC like `submitted_on`; NULL = no bound). A response belongs to
-- the wave open on the day it was sent, decided once at its insert (src/responses/repo.ts, rule in
-- src/waves/service.ts): when several are open, the one opened last (the latest `opens_on`, a wave without one counts
-- as opened first; equal days: the one added last, `seq`); when none is open, the default wave (`wave_id` NULL).
-- Every response stored before this migration belongs to that default wave: nothing is moved or lost.
CREATE TABLE waves (
  survey_id  TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id         TEXT NOT NULL,
  label      TEXT NOT NULL,
  opens_on   TEXT,
  closes_on  TEXT,
  seq        INTEGER NOT NULL,
  created_on TEXT NOT NULL,
  PRIMARY KEY (survey_id, id)
);

ALTER TABLE responses ADD COLUMN wave_id TEXT;
-- A respondent's optional, self-made panel code, as HMAC-SHA256 under the database's disclosure secret (migration
-- 022) of the survey id and the normalised code: it pairs a person's answers across waves without the code itself
-- being stored anywhere. Never exported, never shown.
ALTER TABLE responses ADD COLUMN panel_hash BLOB;
-- The web form asks for the code on the consent page; the draft keeps only the hash until the response is sent.
ALTER TABLE drafts ADD COLUMN panel_hash BLOB;

CREATE INDEX responses_by_wave ON responses (survey_id, wave_id);
CREATE INDEX responses_panel ON responses (survey_id, panel_hash) WHERE panel_hash IS NOT NULL;
