import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { opensAtText } from '../i18n/intl-format';
import { AppError } from '../shared/errors';
import type { AuthUser } from '../auth/schema';
import type { SurveyService } from '../surveys/service';
import { surveyState } from '../surveys/service';
import { cookieOptions, respondentContext, surveyOf } from './context';
import { readPageAnswers } from './form';
import type { Journey } from './journey';
import { clearDraftCookie, doneCookie, draftCookie, renderConsent, renderPage, sentCookie, setDraftCookie, surveyPath } from './pages';
import { startBlocked } from './start-guard';
import { PanelCodeSchema } from '../waves/schema';

const PageParam = z.coerce.number().int().min(1).max(100);
/** Question ids whose answers the respondent agreed to let go (`_drop`, repeated), from the page they confirmed on. */
const confirmedDrops = (value: unknown): Set<string> => new Set((Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string'));
const HOUR = 3600 * 1000;

/**
 * The respondent's pages: consent, one page per section, save and resume, thank-you. Plain forms, no JS needed.
 * `peekUser` tells a signed-in organiser apart, who gets a preview where respondents are stopped.
 */
export function respondentRoutes(deps: { surveys: SurveyService; journey: Journey; peekUser?: (req: Request) => AuthUser | undefined }): Router {
  const router = Router();
  const context = respondentContext(deps.surveys);

  /** No answers in progress: after the thank-you page (Back, or the form sent again) say the answers were sent. */
  const noDraft = (req: Request, res: Response) => {
    const survey = surveyOf(res);
    if (req.cookies?.[sentCookie] !== '1') return res.redirect(303, `${surveyPath(survey)}/resume?expired=1`);
    res.set('Cache-Control', 'no-store');
    res.render('respondent/sent', { startUrl: surveyPath(survey), hasCode: Boolean(req.cookies?.[doneCookie]) });
  };

  const requireOpen = (req: Request, res: Response) => {
    const state = surveyState(surveyOf(res).row);
    if (state === 'open') return true;
    const opensAt = surveyOf(res).row.opens_at;
    res.status(409).render('respondent/closed', { state, opensAt: opensAt ? opensAtText(opensAt, res.locals.lang as string) : '' });
    return false;
  };

  const consent = (req: Request, res: Response) => {
    const survey = surveyOf(res);
    const collectorId = (req.params.collectorId as string | undefined) ?? null;
    if (collectorId && !deps.surveys.collector(survey.row.id, collectorId)) throw new AppError(404, 'not_found', 'collector_not_found');
    if (!requireOpen(req, res)) return;
    const hasDraft = Boolean(deps.journey.load(survey.row.id, req.cookies?.[draftCookie]));
    if (startBlocked(req, res, { surveys: deps.surveys, peekUser: deps.peekUser }, collectorId, hasDraft)) return;
    renderConsent(res, survey, { collectorId, hasDraft, panel: deps.journey.asksPanelCode(survey.row.id) ? {} : undefined });
  };
  router.get('/s/:surveyId', context, consent);
  router.get('/s/:surveyId/c/:collectorId', context, consent);

  router.post('/s/:surveyId/start', context, (req, res) => {
    const survey = surveyOf(res);
    const collectorId = typeof req.body.collector === 'string' && req.body.collector ? req.body.collector : null;
    if (collectorId && !deps.surveys.collector(survey.row.id, collectorId)) throw new AppError(404, 'not_found', 'collector_not_found');
    if (!requireOpen(req, res)) return;
    if (startBlocked(req, res, { surveys: deps.surveys }, collectorId, false)) return;
    // Waves: an optional panel code, validated before anything is stored
    const asksPanel = deps.journey.asksPanelCode(survey.row.id);
    const typed = asksPanel && typeof req.body.panelCode === 'string' ? req.body.panelCode.trim() : '';
    const panelCode = typed ? PanelCodeSchema.safeParse(typed) : null;
    if (panelCode && !panelCode.success) return renderConsent(res, survey, { collectorId, panel: { value: typed, error: res.locals.t('panelCodeInvalid') } });
    if (req.body.consent !== 'yes') return renderConsent(res, survey, { collectorId, error: res.locals.t('consentRequired'), panel: asksPanel ? { value: typed } : undefined });
    setDraftCookie(req, res, survey, deps.journey.start(survey, collectorId, res.locals.lang, panelCode?.data));
    res.clearCookie(sentCookie, { path: surveyPath(survey) });
    res.redirect(303, `${surveyPath(survey)}/p/1`);
  });

  router.get('/s/:surveyId/p/:page', context, (req, res) => {
    const survey = surveyOf(res);
    const draft = deps.journey.load(survey.row.id, req.cookies?.[draftCookie]);
    const page = PageParam.safeParse(req.params.page);
    if (!draft) return noDraft(req, res);
    if (!page.success || page.data > draft.version.definition.pages.length) throw new AppError(404, 'not_found');
    renderPage(res, survey, draft, page.data - 1);
  });

  router.post('/s/:surveyId/p/:page', context, (req, res) => {
    const survey = surveyOf(res);
    const draft = deps.journey.load(survey.row.id, req.cookies?.[draftCookie]);
    const page = PageParam.safeParse(req.params.page);
    if (!draft) return noDraft(req, res);
    const pages = draft.version.definition.pages;
    if (!page.success || page.data > pages.length) throw new AppError(404, 'not_found');
    const index = page.data - 1;
    const action = String(req.body._action ?? 'next');
    const switchLang = /^lang:(\w+)$/.exec(action)?.[1];
    const lang = switchLang && (LANGUAGES as readonly string[]).concat(draft.version.definition.languages).includes(switchLang) ? switchLang : res.locals.lang;
    deps.journey.save(draft, readPageAnswers(pages[index]!.questions, req.body), index, lang);
    if (switchLang) res.cookie('nm_lang', lang, cookieOptions(req, 365 * 24 * HOUR));
    const display = /^(lowvision|dyslexia):([01])$/.exec(action);
    if (switchLang || display) return res.redirect(303, `${surveyPath(survey)}/p/${page.data}${display ? `?${display[1]}=${display[2]}` : `?lang=${lang}`}`);
    if (action === 'save') return res.render('respondent/saved', { code: draft.token, continueUrl: `${surveyPath(survey)}/p/${page.data}` });
    if (action === 'back') return res.redirect(303, index > 0 ? `${surveyPath(survey)}/p/${index}` : surveyPath(survey));
    const check = deps.journey.checkPage(draft, index, confirmedDrops(req.body._drop));
    if (check.issues.length || check.unmet.length) return renderPage(res, survey, draft, index, check.issues, check.unmet);
    if (index < pages.length - 1) return res.redirect(303, `${surveyPath(survey)}/p/${page.data + 1}`);
    if (!requireOpen(req, res)) return;
    const done = deps.journey.finish(survey, draft, res.locals.lang);
    if (!done.ok) return renderPage(res, survey, draft, done.page, done.issues);
    clearDraftCookie(res, survey);
    res.cookie(doneCookie, done.erasureCode, { ...cookieOptions(req, HOUR), path: surveyPath(survey) });
    res.cookie(sentCookie, '1', { ...cookieOptions(req, 30 * 24 * HOUR), path: surveyPath(survey) });
    res.redirect(303, `${surveyPath(survey)}/thanks`);
  });

  router.get('/s/:surveyId/thanks', context, (req, res) => {
    res.render('respondent/thanks', { erasureCode: req.cookies?.[doneCookie] ?? null });
  });

  return router;
}
