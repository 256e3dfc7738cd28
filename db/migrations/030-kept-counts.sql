-- Report counts of sealed code segments kept in the database (src/analysis/kept-counts.ts), so that a new process (the
-- command line's nightly PDF, a restarted server) carries on from them like a long-lived one does from memory. Only
-- counts, never a response; an entry is trusted only under the data generation it was counted in, and every change of
-- that generation (an erasure, a deletion, a changed response) removes them all, so no count outlives a response;
-- and only by the code that counted it (an upgrade that changes how responses are counted counts them again).
CREATE TABLE kept_counts (
  cache_key  TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  code       TEXT NOT NULL,    -- the counting code's identity: counts made by other code are never read
  written    INTEGER NOT NULL,
  entry      BLOB NOT NULL
);

CREATE TRIGGER kept_counts_on_generation AFTER UPDATE ON data_generation BEGIN
  DELETE FROM kept_counts;
END;
