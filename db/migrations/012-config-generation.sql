-- A counter that every change to surveys, collectors or questionnaire versions raises (by any process), so a server
-- can keep those rows in memory and check one integer per request instead of reading them again.
CREATE TABLE config_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO config_generation (id, n) VALUES (1, 0);

CREATE TRIGGER surveys_changed_insert AFTER INSERT ON surveys BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER surveys_changed_update AFTER UPDATE ON surveys BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER surveys_changed_delete AFTER DELETE ON surveys BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER collectors_changed_insert AFTER INSERT ON collectors BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER collectors_changed_update AFTER UPDATE ON collectors BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER collectors_changed_delete AFTER DELETE ON collectors BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER versions_changed_insert AFTER INSERT ON questionnaire_versions BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER versions_changed_update AFTER UPDATE ON questionnaire_versions BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER versions_changed_delete AFTER DELETE ON questionnaire_versions BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
