-- A counter that every deletion or change of a stored response raises (erasure, demo removal, a collector deleted with
-- its responses). New responses do not raise it: they always get the highest id, so they only ever add to the end.
-- A report process keeps the counts of sealed code segments in memory between reports (src/analysis/report-cache.ts)
-- and trusts them only while this number has not moved; inserting is the only change it then has to read.
CREATE TABLE data_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);

CREATE TRIGGER responses_generation_on_delete AFTER DELETE ON responses BEGIN
  UPDATE data_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER responses_generation_on_update AFTER UPDATE OF codes, collector_id, lang, version, survey_id, answers ON responses BEGIN
  UPDATE data_generation SET n = n + 1 WHERE id = 1;
END;
