-- A collector can be archived: its link closes (respondents see a friendly page) while its figures stay in the
-- funnel and reports. NULL = open.
ALTER TABLE collectors ADD COLUMN archived_on TEXT;

-- A survey `needsmap demo` created to hold demo data, next to the survey it copies (its id + "-demo"). `demo --clear`
-- deletes such a survey with everything in it; NULL for every other survey.
ALTER TABLE surveys ADD COLUMN demo_of TEXT;
