import type { Db } from '../shared/db';

export type TextRow = [codes: Uint8Array, collectorId: string | null, lang: string, text: string];

/**
 * Where a text question's "answered" byte sits in the codes of one questionnaire version (codebook.ts: 1 whenever the
 * answer is there). Rows of that version whose byte is 0 are passed over without parsing their JSON; a fresh process
 * reading the newest answers of 10,000 responses with none written spent 80 ms in json_extract before.
 */
export interface TextFlag {
  version: number;
  offset: number;
}

/** The statements' last two parameters: the version whose byte is read (-1: none) and the byte's 1-based position. */
const flagParams = (flag?: TextFlag): [number, number] => (flag ? [flag.version, flag.offset + 1] : [-1, 1]);

/**
 * The newest answers of a text question from the first response on, in the order of the coded rows index (migration
 * 031), which also holds the "answered" byte. Named, and the id bounds written `+id` so that they never choose the
 * plan: with statistics from ANALYZE, SQLite preferred the primary key's range, or another index of the survey, and
 * then sorted every response.
 */
export const TEXTS_FROM_START_SQL =
  "SELECT codes, collector_id, lang, json_extract(answers, '$.' || ?) AS t FROM responses INDEXED BY responses_coded WHERE survey_id = ? AND +id > ? AND +id <= ? AND (version <> ? OR substr(codes, ?, 1) <> x'00') AND t IS NOT NULL ORDER BY version DESC, id DESC";

export function createAnalysisRepo(db: Db) {
  const versions = db.prepare<[string], number>('SELECT DISTINCT version FROM responses WHERE survey_id = ? ORDER BY version').pluck();
  const started = db.prepare<[string], { collector_id: string | null; n: number }>(
    "SELECT nullif(collector_key, '') AS collector_id, n FROM start_counts WHERE survey_id = ? AND n > 0",
  );
  // EXISTS on the partial index of demo rows (migration 026): one look-up, not a read of every response.
  const demo = db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM responses WHERE survey_id = ? AND is_demo = 1)').pluck();
  const texts = db
    .prepare<[string, string, number, number], TextRow>(
      "SELECT codes, collector_id, lang, json_extract(answers, '$.' || ?) AS t FROM responses WHERE survey_id = ? AND (version <> ? OR substr(codes, ?, 1) <> x'00') AND t IS NOT NULL ORDER BY version DESC, id DESC",
    )
    .raw();

  // Raised by every deletion or change of a response (migration 027): kept report counts are exact while it stands.
  const generation = db.prepare<[], number>('SELECT n FROM data_generation WHERE id = 1').pluck();

  const textsBetween = db.prepare<[string, string, number, number, number, number], TextRow>(TEXTS_FROM_START_SQL).raw();
  // Rows stored after a known id: a range of the primary key (NOT INDEXED), not a walk through the survey's index.
  const textsSince = db
    .prepare<[string, string, number, number, number, number], TextRow>(
      "SELECT codes, collector_id, lang, json_extract(answers, '$.' || ?) AS t FROM responses NOT INDEXED WHERE survey_id = ? AND id > ? AND id <= ? AND (version <> ? OR substr(codes, ?, 1) <> x'00') AND t IS NOT NULL ORDER BY version DESC, id DESC",
    )
    .raw();
  const lastId = db.prepare<[], number | null>('SELECT max(id) FROM responses').pluck();
  const lowestVersionAfter = db.prepare<[string, number], number | null>('SELECT min(version) FROM responses NOT INDEXED WHERE survey_id = ? AND id > ?').pluck();

  // as SELECTs, read-only statements: they run even while a worker's connection holds a streamed export's iterator
  const changes = db.prepare<[], [number, number]>('SELECT (SELECT data_version FROM pragma_data_version), total_changes()').raw();

  return {
    generation: () => generation.get()!,
    /** Moves with any write: another connection's commit (data_version) or one of this connection (total_changes). */
    dataState: () => changes.get()!.join(':'),
    /** The greatest response id of the whole database: every response stored later has a greater one. */
    lastId: () => lastId.get() ?? 0,
    /** The lowest questionnaire version among a survey's responses stored after `id` (null when there are none). */
    lowestVersionAfter: (surveyId: string, id: number) => lowestVersionAfter.get(surveyId, id) ?? null,
    /** Free texts of the responses with an id in (after, upTo], newest first. */
    textsBetween: (surveyId: string, questionId: string, after: number, upTo: number, flag?: TextFlag) =>
      (after > 0 ? textsSince : textsBetween).iterate(questionId, surveyId, after, upTo, ...flagParams(flag)) as IterableIterator<TextRow>,
    versions: (surveyId: string) => versions.all(surveyId),
    started: (surveyId: string) => started.all(surveyId),
    hasDemo: (surveyId: string) => demo.get(surveyId)! > 0,
    texts: (surveyId: string, questionId: string, flag?: TextFlag) => texts.iterate(questionId, surveyId, ...flagParams(flag)) as IterableIterator<TextRow>,
  };
}
export type AnalysisRepo = ReturnType<typeof createAnalysisRepo>;
