import type { Db } from '../shared/db';

/** A response as the analysis reads it: the coded answers, the collector and the language. */
export type CodedRow = [codes: Uint8Array, collectorId: string | null, lang: string];
export type TextRow = [codes: Uint8Array, collectorId: string | null, lang: string, text: string];

export function createAnalysisRepo(db: Db) {
  const versions = db.prepare<[string], number>('SELECT DISTINCT version FROM responses WHERE survey_id = ? ORDER BY version').pluck();
  const rows = db.prepare<[string, number], CodedRow>('SELECT codes, collector_id, lang FROM responses WHERE survey_id = ? AND version = ?').raw();
  const started = db.prepare<[string], { collector_id: string | null; n: number }>('SELECT collector_id, count(*) AS n FROM starts WHERE survey_id = ? GROUP BY collector_id');
  const completed = db.prepare<[string], { collector_id: string | null; n: number }>('SELECT collector_id, count(*) AS n FROM responses WHERE survey_id = ? GROUP BY collector_id');
  const demo = db.prepare<[string], number>('SELECT count(*) FROM responses WHERE survey_id = ? AND is_demo = 1').pluck();
  const texts = db
    .prepare<[string, string], TextRow>(
      "SELECT codes, collector_id, lang, json_extract(answers, '$.' || ?) AS t FROM responses WHERE survey_id = ? AND t IS NOT NULL ORDER BY id DESC",
    )
    .raw();

  return {
    versions: (surveyId: string) => versions.all(surveyId),
    /** Streams rows one by one: memory does not grow with the number of responses. */
    iterate: (surveyId: string, version: number) => rows.iterate(surveyId, version) as IterableIterator<CodedRow>,
    started: (surveyId: string) => started.all(surveyId),
    completed: (surveyId: string) => completed.all(surveyId),
    hasDemo: (surveyId: string) => demo.get(surveyId)! > 0,
    texts: (surveyId: string, questionId: string) => texts.iterate(questionId, surveyId) as IterableIterator<TextRow>,
  };
}
export type AnalysisRepo = ReturnType<typeof createAnalysisRepo>;
