-- Issue 14, outcome funnel: what happened after the survey, per partner (collector).
-- The follow-up outcomes a survey counts ("projects submitted", "projects approved"), in the order they are shown.
CREATE TABLE survey_outcomes (
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id        TEXT NOT NULL,                       -- stable id derived from the first label (o1, o2, ... when not latin)
  label     TEXT NOT NULL,                       -- as the coordinator wrote it (data, not an interface string)
  position  INTEGER NOT NULL,
  PRIMARY KEY (survey_id, id)
);

-- Per collector, counts entered by its coordinator or an admin: `measure` is 'attended' (people who attended the
-- training) or the id of one of the survey's outcomes. A missing row means "not entered yet", never zero.
CREATE TABLE collector_outcomes (
  survey_id    TEXT NOT NULL,
  collector_id TEXT NOT NULL,
  measure      TEXT NOT NULL,
  count        INTEGER NOT NULL CHECK (count >= 0),
  updated_on   TEXT NOT NULL,                    -- the day (UTC) of the last change
  PRIMARY KEY (survey_id, collector_id, measure),
  FOREIGN KEY (survey_id, collector_id) REFERENCES collectors (survey_id, id) ON DELETE CASCADE
);
