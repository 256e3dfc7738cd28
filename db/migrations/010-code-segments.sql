-- Sealed runs of coded responses, read as a few large blobs instead of one row per response when a report is
-- built. Derived from `responses` (which stays the source of truth) and safe to delete at any time: the triggers
-- drop any segment a deleted or changed response belongs to, and the analysis reads uncovered rows one by one.
CREATE TABLE code_segments (
  survey_id TEXT NOT NULL,
  version   INTEGER NOT NULL,
  first_id  INTEGER NOT NULL,
  last_id   INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  codes     BLOB NOT NULL,   -- `count` responses' codes column by column (byte f of response r at f * count + r)
  meta      TEXT NOT NULL,   -- JSON { "c": [distinct collector ids], "l": [distinct languages] }
  refs      BLOB NOT NULL,   -- uint16 per response: index into "c" (count of them), then into "l" (count)
  PRIMARY KEY (survey_id, version, first_id)
);

CREATE INDEX responses_by_version_id ON responses (survey_id, version, id);

CREATE TRIGGER responses_unseal_on_delete AFTER DELETE ON responses BEGIN
  DELETE FROM code_segments
   WHERE survey_id = OLD.survey_id AND version = OLD.version AND OLD.id BETWEEN first_id AND last_id;
END;

CREATE TRIGGER responses_unseal_on_update AFTER UPDATE OF codes, collector_id, lang, version, survey_id ON responses BEGIN
  DELETE FROM code_segments
   WHERE survey_id = OLD.survey_id AND version = OLD.version AND OLD.id BETWEEN first_id AND last_id;
END;
