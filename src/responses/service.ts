import type { Db } from '../shared/db';
import { hashCode, randomCode, randomId, sha256 } from '../shared/crypto';
import type { Answers } from '../questionnaires/answers-schema';
import { encodeAnswers } from '../questionnaires/codebook';
import type { LoadedVersion } from '../questionnaires/service';
import type { OpenSurvey } from '../surveys/service';
import { createResponseRepo } from './repo';

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
}

export type SubmitResult =
  | { ok: true; publicId: string; erasureCode: string; replayed: boolean }
  | { ok: false; reason: 'idempotency_mismatch' };

export function createResponseService(db: Db, now: () => Date = () => new Date()) {
  const repo = createResponseRepo(db);
  const recordStart = db.prepare("INSERT INTO starts (survey_id, collector_id, started_on) VALUES (?, ?, date('now'))");

  /** Stores one response in one transaction; with an idempotency key a retry returns the first result. */
  const submit = db.transaction((s: Submission): SubmitResult => {
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
    });
    if (s.countStart) recordStart.run(surveyId, s.collectorId);
    if (s.idempotency) repo.remember(surveyId, s.idempotency.key, s.idempotency.requestHash, publicId, erasureCode, nowSeconds);
    return { ok: true, publicId, erasureCode, replayed: false };
  });

  return {
    submit: (s: Submission) => submit.immediate(s),
    /** Withdraws a response with the respondent's erasure code; false when no response has that code. */
    erase: (code: string) => repo.erase(hashCode(code)),
    count: (surveyId: string) => repo.count(surveyId),
    requestHash: (body: unknown) => sha256(JSON.stringify(body)),
    purgeExpired: () => repo.forgetKeysBefore(Math.floor(now().getTime() / 1000)) + repo.purgeDrafts(),
  };
}
export type ResponseService = ReturnType<typeof createResponseService>;
