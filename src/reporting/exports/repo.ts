import type { Db } from '../../shared/db';

/** A `responses` row as the exports read it. */
export interface ResponseRow {
  id: number;
  collector_id: string | null;
  lang: string;
  submitted_on: string;
  version: number;
  is_demo: number;
  /** Waves (issue 14): `default` for the default wave. */
  wave: string;
  answers: string;
  /** The stored codes in hexadecimal: a short string costs less to read than a Buffer per row. */
  codes: string;
}

interface PageParams {
  survey: string;
  /** JSON array of collector ids, or null for all rows. */
  collectors: string | null;
  after: number;
  limit: number;
}

export function createExportRepo(db: Db) {
  // `+survey_id` keeps SQLite on the primary key, so a page is a range read in id order. With the survey index it
  // would collect and sort every remaining row of the survey for each page: quadratic at 100k responses.
  const page = db.prepare<[PageParams], ResponseRow>(
    `SELECT id, collector_id, lang, submitted_on, version, is_demo, coalesce(wave_id, 'default') AS wave, answers, hex(codes) AS codes FROM responses
     WHERE +survey_id = @survey AND id > @after
       AND (@collectors IS NULL OR collector_id IN (SELECT value FROM json_each(@collectors)))
     ORDER BY id LIMIT @limit`,
  );

  const all = db.prepare<[PageParams], ResponseRow>(
    `SELECT id, collector_id, lang, submitted_on, version, is_demo, coalesce(wave_id, 'default') AS wave, answers, hex(codes) AS codes FROM responses
     WHERE +survey_id = @survey AND id > @after
       AND (@collectors IS NULL OR collector_id IN (SELECT value FROM json_each(@collectors)))
     ORDER BY id LIMIT @limit`,
  );

  return {
    /**
     * Every response in id order, one row at a time: for a connection nobody else writes through (a report worker's
     * read-only one, the command line's own), where an open iterator blocks no one. Each row is garbage as soon as it
     * is written, so memory stays flat.
     */
    iterate: (surveyId: string, collectors: 'all' | readonly string[]): IterableIterator<ResponseRow> =>
      all.iterate({ survey: surveyId, collectors: collectors === 'all' ? null : JSON.stringify(collectors), after: 0, limit: -1 }),
    /**
     * The next `limit` responses after id `after`, in id order. Read in pages rather than through one long `.iterate()`:
     * an open iterator makes better-sqlite3 refuse every write on the shared connection, so a slow download would make
     * respondents' submissions fail for as long as it lasts.
     */
    page: (surveyId: string, collectors: 'all' | readonly string[], after: number, limit: number): ResponseRow[] =>
      page.all({ survey: surveyId, collectors: collectors === 'all' ? null : JSON.stringify(collectors), after, limit }),
  };
}
export type ExportRepo = ReturnType<typeof createExportRepo>;
