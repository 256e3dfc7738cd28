-- The source text each questionnaire translation was made from (recorded on `translations import`), so that a
-- translation whose source text changed since can be shown as stale. Texts translated outside the round trip
-- (e.g. shipped complete) have no row and count as up to date.
CREATE TABLE translation_sources (
  questionnaire_id TEXT NOT NULL,
  unit_id          TEXT NOT NULL,   -- stable text id (src/translations/units.ts), e.g. "question.role.option.paid"
  lang             TEXT NOT NULL,   -- the language translated into
  source_lang      TEXT NOT NULL,   -- the language translated from
  source_text      TEXT NOT NULL,
  translated_on    TEXT NOT NULL,   -- ISO date
  PRIMARY KEY (questionnaire_id, unit_id, lang)
);
