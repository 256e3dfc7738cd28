-- Consents per collector, kept by triggers, so the response-rate funnel reads a few rows instead of counting
-- every start. '' stands for the survey's direct link (no collector).
CREATE TABLE start_counts (
  survey_id     TEXT NOT NULL,
  collector_key TEXT NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (survey_id, collector_key)
);

INSERT INTO start_counts (survey_id, collector_key, n)
  SELECT survey_id, coalesce(collector_id, ''), count(*) FROM starts GROUP BY survey_id, coalesce(collector_id, '');

CREATE TRIGGER starts_counted AFTER INSERT ON starts BEGIN
  INSERT INTO start_counts (survey_id, collector_key, n) VALUES (NEW.survey_id, coalesce(NEW.collector_id, ''), 1)
    ON CONFLICT (survey_id, collector_key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER starts_uncounted AFTER DELETE ON starts BEGIN
  UPDATE start_counts SET n = n - 1 WHERE survey_id = OLD.survey_id AND collector_key = coalesce(OLD.collector_id, '');
END;
