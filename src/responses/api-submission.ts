import type { Issue } from '../shared/errors';
import { AppError } from '../shared/errors';
import { fixedT } from '../i18n';
import { validateAnswers, type AnswerIssue } from '../questionnaires/answers';
import type { Questionnaire } from '../questionnaires/schema';
import { issueMessage } from './issue-text';
import type { SurveyService } from '../surveys/service';
import { consentGaps, surveyState } from '../surveys/service';
import type { ResponseService } from './service';
import { IdempotencyKeySchema, SubmissionSchema } from './schema';

export function translateIssues(issues: AnswerIssue[], lang: string, questionnaire: Questionnaire): Issue[] {
  const t = fixedT(lang, 'errors');
  return issues.map((i) => ({ path: i.questionId ? `answers.${i.questionId}` : 'answers', message: issueMessage(t, questionnaire, lang, i) }));
}

/**
 * Accepts one JSON API submission: every check happens before the write, so a rejected request stores nothing.
 * The write joins a group commit (one transaction per event-loop turn, a savepoint per response) and resolves
 * once it is on disk.
 */
export async function acceptApiSubmission(
  deps: { surveys: SurveyService; responses: ResponseService },
  surveyId: string,
  body: unknown,
  idempotencyHeader: string | undefined,
) {
  const survey = deps.surveys.find(surveyId);
  if (!survey) throw new AppError(404, 'not_found', 'survey_not_found');
  const languages = survey.current.definition.languages as string[];
  const rawLang = typeof body === 'object' && body !== null ? (body as { lang?: unknown }).lang : undefined;
  const msgLang = typeof rawLang === 'string' && languages.includes(rawLang) ? rawLang : survey.row.default_lang;
  const reject = (status: number, code: string, issues: Issue[] = []) => new AppError(status, code, code, { lang: msgLang }, issues);

  const envelope = SubmissionSchema.safeParse(body);
  if (!envelope.success) {
    throw reject(422, 'invalid_request', envelope.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  }
  const { collector, consent, answers } = envelope.data;
  if (envelope.data.lang !== undefined && !languages.includes(envelope.data.lang)) {
    throw reject(422, 'invalid_request', [{ path: 'lang', message: `must be one of ${languages.join(', ')}` }]);
  }
  const link = collector === undefined ? undefined : deps.surveys.collector(surveyId, collector);
  if (collector !== undefined && !link) throw reject(404, 'collector_not_found');
  const state = surveyState(survey.row);
  if (state !== 'open') throw reject(409, state === 'closed' ? 'survey_closed' : 'survey_not_open');
  if (link?.archivedOn) throw reject(409, 'collector_archived');
  const gaps = consentGaps(survey.row);
  if (gaps.length) throw reject(409, 'consent_notice_incomplete', gaps.map((path) => ({ path: `settings.${path}`, message: fixedT(msgLang, 'errors')('consent_notice_missing') })));
  if (!consent) throw reject(422, 'consent_required', [{ path: 'consent', message: fixedT(msgLang, 'errors')('consent_required') }]);
  const checked = validateAnswers(survey.current.definition, answers, { hidden: 'reject' });
  if (!checked.ok) throw reject(422, 'invalid_answers', translateIssues(checked.issues, msgLang, survey.current.definition));

  let idempotency: { key: string; requestHash: string } | undefined;
  if (idempotencyHeader !== undefined) {
    const key = IdempotencyKeySchema.safeParse(idempotencyHeader);
    if (!key.success) throw reject(422, 'invalid_request', [{ path: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    idempotency = { key: key.data, requestHash: deps.responses.requestHash(body, surveyId) };
  }
  const result = await deps.responses.submitGrouped({
    survey,
    version: survey.current,
    collectorId: collector ?? null,
    lang: envelope.data.lang ?? survey.row.default_lang,
    answers: checked.answers,
    countStart: true,
    idempotency,
    panel: envelope.data.panelCode ? { code: envelope.data.panelCode } : undefined,
  });
  if (!result.ok) throw reject(422, 'idempotency_mismatch');
  return result;
}
