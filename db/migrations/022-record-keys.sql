-- Disclosure control by the cell-key method (README "Decisions", privacy): every response carries a 32-bit record
-- key, a keyed hash of its id under this database's secret, and each published count is perturbed by a fixed function
-- of the keys of the responses it counts. The secret never leaves the database; a backup keeps it, so restored data
-- give the same figures. Segments gain the keys of their responses and are sealed again.
CREATE TABLE disclosure_secret (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  secret BLOB NOT NULL
);
INSERT INTO disclosure_secret (id, secret) VALUES (1, randomblob(32));

DELETE FROM code_segments;
ALTER TABLE code_segments ADD COLUMN keys BLOB;
