import type { Request, Response } from 'express';
import { fixedT, localize } from '../i18n';
import { nativeLanguageName } from '../i18n/languages';
import type { AnswerIssue } from '../questionnaires/answers';
import type { OpenSurvey } from '../surveys/service';
import type { Draft } from './journey';
import { buildQuestionViews, competenceLabels, localText, unmetNotices } from './view-model';

const DAY = 24 * 3600 * 1000;

export const draftCookie = 'nm_draft';
export const doneCookie = 'nm_done';
/** Set for 30 days once a response is stored (no code, no id): Back after the thank-you page then says so. */
export const sentCookie = 'nm_sent';
export const surveyPath = (survey: OpenSurvey) => `/s/${encodeURIComponent(survey.row.id)}`;

/** What a signed-in organiser sees instead of the form while the consent notice lacks `gaps` (settings field names). */
export interface ConsentPreview {
  gaps: string[];
  settingsUrl?: string;
}

/** Renders the consent page (also on a missing tick, with the error; as a preview for organisers). */
export function renderConsent(res: Response, survey: OpenSurvey, opts: { collectorId: string | null; error?: string; hasDraft?: boolean; preview?: ConsentPreview; panel?: { value?: string; error?: string } }) {
  const lang = res.locals.lang as string;
  const ctx = { lang, questionnaire: survey.current.definition };
  res.status(opts.error || opts.panel?.error ? 422 : 200).render('respondent/consent', {
    description: localText(ctx, survey.current.definition.description),
    purpose: localText(ctx, survey.current.definition.purpose),
    controllerName: survey.row.controller_name,
    controllerContact: survey.row.controller_contact,
    retentionDays: survey.row.retention_days,
    minGroup: survey.row.min_group,
    collectorId: opts.collectorId,
    error: opts.error,
    hasDraft: opts.hasDraft,
    preview: opts.preview,
    /** Waves: the optional panel-code field (absent when the survey has no named waves). */
    panel: opts.panel ?? null,
    action: `${surveyPath(survey)}/start`,
  });
}

/**
 * Renders questionnaire page `index` (0-based) of a draft, with validation issues if any, and the follow-up answers
 * (`unmet`, question ids) that would not be kept because their condition is not met, for the respondent to confirm.
 */
export function renderPage(res: Response, survey: OpenSurvey, draft: Draft, index: number, issues: AnswerIssue[] = [], unmet: string[] = []) {
  const lang = res.locals.lang as string;
  const definition = draft.version.definition;
  const page = definition.pages[index]!;
  const ctx = { questionnaire: definition, lang, t: fixedT(lang, 'respondent'), tErrors: fixedT(lang, 'errors'), answers: draft.answers, issues, unmet };
  const questions = buildQuestionViews(ctx, page.questions);
  const title = localize(page.title, lang, definition.defaultLanguage);
  // answers in progress: never kept by a browser cache (shared devices) nor shown again from it after sending
  res.set('Cache-Control', 'no-store');
  res.status(issues.length ? 422 : 200).render('respondent/page', {
    pageTitle: title.text,
    pageTitleLang: title.lang !== lang ? title.lang : undefined,
    intro: page.intro ? localText(ctx, page.intro) : undefined,
    questions,
    errors: questions.filter((q) => q.error).map((q) => ({ href: `#${q.name}`, label: q.label, message: q.error })),
    unmet: unmetNotices(ctx, unmet, new Set(page.questions.map((q) => q.id))),
    scales: competenceLabels(ctx),
    progress: { current: index + 1, total: definition.pages.length },
    isFirst: index === 0,
    isLast: index === definition.pages.length - 1,
    action: `${surveyPath(survey)}/p/${index + 1}`,
    fallbackLanguage: nativeLanguageName(definition.defaultLanguage),
  });
}

export function setDraftCookie(req: Request, res: Response, survey: OpenSurvey, token: string) {
  res.cookie(draftCookie, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 30 * DAY, path: surveyPath(survey) });
}

export function clearDraftCookie(res: Response, survey: OpenSurvey) {
  res.clearCookie(draftCookie, { path: surveyPath(survey) });
}
