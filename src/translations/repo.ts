import type { Db } from '../shared/db';

export interface SourceRow {
  unit_id: string;
  source_lang: string;
  source_text: string;
}

export function createTranslationRepo(db: Db) {
  const sources = db.prepare<[string, string], SourceRow>('SELECT unit_id, source_lang, source_text FROM translation_sources WHERE questionnaire_id = ? AND lang = ?');
  const record = db.prepare(
    `INSERT INTO translation_sources (questionnaire_id, unit_id, lang, source_lang, source_text, translated_on) VALUES (?, ?, ?, ?, ?, date('now'))
     ON CONFLICT (questionnaire_id, unit_id, lang) DO UPDATE SET source_lang = excluded.source_lang, source_text = excluded.source_text, translated_on = excluded.translated_on`,
  );
  return {
    /** The recorded source text of each translated unit of `lang`, by unit id. */
    sources: (questionnaireId: string, lang: string) => new Map(sources.all(questionnaireId, lang).map((r) => [r.unit_id, r])),
    record: (questionnaireId: string, lang: string, rows: readonly { unitId: string; sourceLang: string; sourceText: string }[]) => {
      for (const r of rows) record.run(questionnaireId, r.unitId, lang, r.sourceLang, r.sourceText);
    },
  };
}
export type TranslationRepo = ReturnType<typeof createTranslationRepo>;
