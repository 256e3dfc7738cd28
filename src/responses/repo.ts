import type { Db } from '../shared/db';
import { WAVE_OF_TODAY_SQL } from '../waves/repo';

export interface NewResponse {
  publicId: string;
  surveyId: string;
  version: number;
  collectorId: string | null;
  lang: string;
  erasureHash: string;
  isDemo: boolean;
  answers: string;
  codes: Uint8Array;
  /** Waves (issue 14): the keyed hash of the respondent's optional panel code (src/waves/panel.ts), never the code. */
  panelHash?: Buffer | null;
}

export interface DraftRow {
  token_hash: string;
  survey_id: string;
  version: number;
  collector_id: string | null;
  lang: string;
  page: number;
  answers: string;
  /** Waves: the keyed hash of the panel code given on the consent page, until the response is sent. */
  panel_hash: Buffer | null;
}

export interface IdempotencyRow {
  request_hash: string;
  public_id: string;
  erasure_code: string;
}

/** A stored response as staff with the `responses:raw` permission see it. */
export interface RawResponseRow {
  public_id: string;
  version: number;
  collector_id: string | null;
  lang: string;
  submitted_on: string;
  answers: string;
}

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
export const DRAFT_DAYS = 30;

export function createResponseRepo(db: Db) {
  // Positional parameters: this runs once per response, and binding by name costs a property lookup per column.
  const insert = db.prepare(
    `INSERT INTO responses (public_id, survey_id, version, collector_id, lang, submitted_on, erasure_hash, is_demo, answers, codes, panel_hash, wave_id)
     VALUES (?, ?, ?, ?, ?, date('now'), ?, ?, ?, ?, ?, ${WAVE_OF_TODAY_SQL})`,
  );
  const eraseByHash = db.prepare('DELETE FROM responses WHERE erasure_hash = ?');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM responses WHERE survey_id = ?');
  const idempotent = db.prepare<[string, string, number], IdempotencyRow>(
    'SELECT request_hash, public_id, erasure_code FROM idempotency_keys WHERE survey_id = ? AND key = ? AND created_at > ?',
  );
  const remember = db.prepare(
    `INSERT INTO idempotency_keys (survey_id, key, request_hash, public_id, erasure_code, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (survey_id, key) DO UPDATE SET request_hash = excluded.request_hash, public_id = excluded.public_id,
       erasure_code = excluded.erasure_code, created_at = excluded.created_at`,
  );
  const forgetKeys = db.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?');
  const recordStart = db.prepare("INSERT INTO starts (survey_id, collector_id, started_on) VALUES (?, ?, date('now'))");
  const draft = db.prepare<[string], DraftRow>(
    "SELECT token_hash, survey_id, version, collector_id, lang, page, answers, panel_hash FROM drafts WHERE token_hash = ? AND expires_on >= date('now')",
  );
  const insertDraft = db.prepare(
    `INSERT INTO drafts (token_hash, survey_id, version, collector_id, lang, panel_hash, expires_on) VALUES (?, ?, ?, ?, ?, ?, date('now', '+${DRAFT_DAYS} days'))`,
  );
  const updateDraft = db.prepare(
    `UPDATE drafts SET answers = ?, page = ?, lang = ?, expires_on = date('now', '+${DRAFT_DAYS} days') WHERE token_hash = ?`,
  );
  const deleteDraft = db.prepare('DELETE FROM drafts WHERE token_hash = ?');
  const purgeDrafts = db.prepare("DELETE FROM drafts WHERE expires_on < date('now')");

  const rawColumns = 'public_id, version, collector_id, lang, submitted_on, answers';
  const rawAll = db.prepare<[string, number, number], RawResponseRow>(
    `SELECT ${rawColumns} FROM responses WHERE survey_id = ? ORDER BY submitted_on DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const rawIn = db.prepare<[string, string, number, number], RawResponseRow>(
    `SELECT ${rawColumns} FROM responses WHERE survey_id = ? AND collector_id IN (SELECT value FROM json_each(?))
     ORDER BY submitted_on DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const countIn = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM responses WHERE survey_id = ? AND collector_id IN (SELECT value FROM json_each(?))',
  );
  const rawDirect = db.prepare<[string, number, number], RawResponseRow>(
    `SELECT ${rawColumns} FROM responses WHERE survey_id = ? AND collector_id IS NULL ORDER BY submitted_on DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const countDirect = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM responses WHERE survey_id = ? AND collector_id IS NULL');
  const rawOne = db.prepare<[string, string], RawResponseRow>(`SELECT ${rawColumns} FROM responses WHERE survey_id = ? AND public_id = ?`);
  const deleteByPublicId = db.prepare('DELETE FROM responses WHERE survey_id = ? AND public_id = ?');
  const purgeRetention = db.prepare(
    `DELETE FROM responses WHERE submitted_on < (
       SELECT date(?, '-' || s.retention_days || ' days') FROM surveys s WHERE s.id = responses.survey_id)`,
  );

  return {
    /**
     * Raw rows, newest first; `collectors` limits them to those collectors ('all': every row, direct link included;
     * 'direct': the survey's direct link only).
     */
    listRaw: (surveyId: string, collectors: 'all' | 'direct' | string[], limit: number, offset: number) =>
      collectors === 'all'
        ? rawAll.all(surveyId, limit, offset)
        : collectors === 'direct'
          ? rawDirect.all(surveyId, limit, offset)
          : rawIn.all(surveyId, JSON.stringify(collectors), limit, offset),
    countRaw: (surveyId: string, collectors: 'all' | 'direct' | string[]) =>
      collectors === 'all'
        ? (count.get(surveyId)?.n ?? 0)
        : collectors === 'direct'
          ? (countDirect.get(surveyId)?.n ?? 0)
          : (countIn.get(surveyId, JSON.stringify(collectors))?.n ?? 0),
    rawOne: (surveyId: string, publicId: string) => rawOne.get(surveyId, publicId),
    /** Erasure by an admin: deletes one response of the survey by its public id. */
    deleteByPublicId: (surveyId: string, publicId: string) => deleteByPublicId.run(surveyId, publicId).changes > 0,
    /** Deletes responses submitted more than their survey's retention_days before `today` (YYYY-MM-DD). */
    purgeByRetention: (today: string) => purgeRetention.run(today).changes,
    insert: (r: NewResponse) =>
      Number(insert.run(r.publicId, r.surveyId, r.version, r.collectorId, r.lang, r.erasureHash, r.isDemo ? 1 : 0, r.answers, r.codes, r.panelHash ?? null, r.surveyId).lastInsertRowid),
    erase: (erasureHash: string) => eraseByHash.run(erasureHash).changes > 0,
    count: (surveyId: string) => count.get(surveyId)?.n ?? 0,
    idempotent: (surveyId: string, key: string, nowSeconds: number) => idempotent.get(surveyId, key, nowSeconds - IDEMPOTENCY_TTL_SECONDS),
    remember: (surveyId: string, key: string, requestHash: string, publicId: string, erasureCode: string, nowSeconds: number) =>
      void remember.run(surveyId, key, requestHash, publicId, erasureCode, nowSeconds),
    /** An API submission counts as started too (the web form counts its start at consent). */
    recordStart: (surveyId: string, collectorId: string | null) => void recordStart.run(surveyId, collectorId),
    forgetKeysBefore: (nowSeconds: number) => forgetKeys.run(nowSeconds - IDEMPOTENCY_TTL_SECONDS).changes,
    draft: (tokenHash: string) => draft.get(tokenHash),
    createDraft: (tokenHash: string, surveyId: string, version: number, collectorId: string | null, lang: string, panelHash: Buffer | null = null) =>
      void insertDraft.run(tokenHash, surveyId, version, collectorId, lang, panelHash),
    updateDraft: (tokenHash: string, answers: string, page: number, lang: string) => void updateDraft.run(answers, page, lang, tokenHash),
    deleteDraft: (tokenHash: string) => void deleteDraft.run(tokenHash),
    purgeDrafts: () => purgeDrafts.run().changes,
  };
}
export type ResponseRepo = ReturnType<typeof createResponseRepo>;
