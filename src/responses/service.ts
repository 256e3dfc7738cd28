import type { Db } from '../shared/db';
import { hashCode, randomCode, randomId, sha256 } from '../shared/crypto';
import type { Answers } from '../questionnaires/answers-schema';
import { encodeAnswers } from '../questionnaires/codebook';
import type { LoadedVersion } from '../questionnaires/service';
import type { OpenSurvey } from '../surveys/service';
import { createResponseRepo } from './repo';
import { createGroupCommit, type GroupCommitOptions } from './group-commit';
import { createPanelHasher } from '../waves/panel';

export interface Submission {
  survey: OpenSurvey;
  /** The questionnaire version answered (a draft may predate the current one). */
  version: LoadedVersion;
  collectorId: string | null;
  lang: string;
  /** Already validated against `survey.current`. */
  answers: Answers;
  /** API submissions count as started and completed at once; the web form counted the start at consent. */
  countStart: boolean;
  isDemo?: boolean;
  idempotency?: { key: string; requestHash: string };
  /** Waves: the respondent's optional panel code as typed (API), or its keyed hash already (web form draft). Only the hash is stored. */
  panel?: { code: string } | { hash: Buffer };
}

export type SubmitResult =
  | { ok: true; publicId: string; erasureCode: string; replayed: boolean }
  | { ok: false; reason: 'idempotency_mismatch' };

export function createResponseService(db: Db, now: () => Date = () => new Date(), options: GroupCommitOptions = {}) {
  const repo = createResponseRepo(db);
  const panelHash = createPanelHasher(db);

  /**
   * Writes one response: its row, its start, its idempotency key. Always called inside a transaction or a
   * savepoint, so it is all-or-nothing. A key already written, even earlier in the same group commit, replays.
   */
  function write(s: Submission): SubmitResult {
    const surveyId = s.survey.row.id;
    const nowSeconds = Math.floor(now().getTime() / 1000);
    if (s.idempotency) {
      const earlier = repo.idempotent(surveyId, s.idempotency.key, nowSeconds);
      if (earlier) {
        if (earlier.request_hash !== s.idempotency.requestHash) return { ok: false, reason: 'idempotency_mismatch' };
        return { ok: true, publicId: earlier.public_id, erasureCode: earlier.erasure_code, replayed: true };
      }
    }
    const erasureCode = randomCode();
    const publicId = randomId();
    repo.insert({
      publicId,
      surveyId,
      version: s.version.version,
      collectorId: s.collectorId,
      lang: s.lang,
      erasureHash: hashCode(erasureCode),
      isDemo: Boolean(s.isDemo),
      answers: JSON.stringify(s.answers),
      codes: encodeAnswers(s.version.layout, s.answers),
      panelHash: s.panel ? ('hash' in s.panel ? s.panel.hash : panelHash(surveyId, s.panel.code)) : null,
    });
    if (s.countStart) repo.recordStart(surveyId, s.collectorId);
    if (s.idempotency) repo.remember(surveyId, s.idempotency.key, s.idempotency.requestHash, publicId, erasureCode, nowSeconds);
    return { ok: true, publicId, erasureCode, replayed: false };
  }
  const submit = db.transaction(write);
  const group = createGroupCommit(db, write, options);

  return {
    /** Stores one response in its own transaction (or a savepoint of the caller's): the web journey, seeds, tests. */
    submit: (s: Submission) => submit.immediate(s),
    /**
     * Stores one response in a group commit shared with the submissions of the same event-loop turn (one fsync for
     * all); resolves once it is committed. The API uses it: same guarantees as `submit`, far fewer fsyncs under load.
     */
    submitGrouped: (s: Submission): Promise<SubmitResult> => group.write(s),
    /** Withdraws a response with the respondent's erasure code; false when no response has that code. */
    erase: (code: string) => repo.erase(hashCode(code)),
    count: (surveyId: string) => repo.count(surveyId),
    /** A panel code enters the idempotency record only as its keyed hash (the code is stored nowhere, not even hashed plainly). */
    requestHash: (body: unknown, surveyId = '') =>
      sha256(JSON.stringify(typeof body === 'object' && body !== null && typeof (body as { panelCode?: unknown }).panelCode === 'string' ? { ...body, panelCode: panelHash(surveyId, (body as { panelCode: string }).panelCode).toString('hex') } : body)),
    /** Waves: the keyed hash of a panel code (src/waves/panel.ts). */
    panelHash,
    purgeExpired: () => repo.forgetKeysBefore(Math.floor(now().getTime() / 1000)) + repo.purgeDrafts(),
  };
}
export type ResponseService = ReturnType<typeof createResponseService>;
