import { Router } from 'express';
import { z } from 'zod';
import { isLanguage, LANGUAGES } from '../i18n/languages';
import { pickLanguage } from '../i18n/negotiate';
import type { SurveyService } from '../surveys/service';
import { respondentContext, setPageLocals, surveyOf } from './context';
import type { Journey } from './journey';
import { setDraftCookie, surveyPath } from './pages';
import type { ResponseService } from './service';

const CodeSchema = z.string().trim().min(1).max(64);

/** Coming back: resume a saved draft with its code, and withdraw a response with its erasure code. */
export function recoveryRoutes(deps: { surveys: SurveyService; journey: Journey; responses: ResponseService }): Router {
  const router = Router();
  const context = respondentContext(deps.surveys);

  router.get('/s/:surveyId/resume', context, (req, res) => {
    res.render('respondent/resume', { expired: req.query.expired === '1', error: undefined, action: `${surveyPath(surveyOf(res))}/resume` });
  });

  router.post('/s/:surveyId/resume', context, (req, res) => {
    const survey = surveyOf(res);
    const code = CodeSchema.safeParse(req.body.code);
    const draft = code.success ? deps.journey.load(survey.row.id, code.data.toUpperCase()) : undefined;
    if (!draft) {
      return res.status(422).render('respondent/resume', { expired: false, error: res.locals.t('resumeUnknown'), action: `${surveyPath(survey)}/resume` });
    }
    setDraftCookie(req, res, survey, draft.token);
    res.redirect(303, `${surveyPath(survey)}/p/${draft.row.page + 1}?lang=${draft.row.lang}`);
  });

  const eraseContext = (req: Parameters<typeof context>[0], res: Parameters<typeof context>[1], next: () => void) => {
    const lang = pickLanguage({ query: req.query.lang, cookie: req.cookies?.nm_lang, acceptLanguage: req.get('Accept-Language') }, LANGUAGES, 'en');
    setPageLocals(req, res, isLanguage(lang) ? lang : 'en', LANGUAGES);
    res.locals.surveyTitle = 'Needsmap';
    next();
  };

  router.get('/erase', eraseContext, (_req, res) => res.render('respondent/erase', { error: undefined, erased: false }));

  router.post('/erase', eraseContext, (req, res) => {
    const code = CodeSchema.safeParse(req.body.code);
    if (!code.success) return res.status(422).render('respondent/erase', { error: res.locals.t('eraseEmpty'), erased: false });
    if (!deps.responses.erase(code.data)) return res.status(404).render('respondent/erase', { error: res.locals.t('eraseUnknown'), erased: false });
    res.render('respondent/erase', { error: undefined, erased: true });
  });

  return router;
}
