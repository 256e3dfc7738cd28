import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { accessTarget, currentUser, requireAccess } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import { localize } from '../i18n';
import type { QuestionnaireService } from '../questionnaires/service';
import type { Db } from '../shared/db';
import { AppError, notFound } from '../shared/errors';
import { valid, validate } from '../shared/validate';
import type { SurveyService } from '../surveys/service';
import { ExportQuerySchema, ImportFormSchema } from './schema';
import { createTranslationService } from './service';
import { translationsPage, type TranslationsPageState } from './view-model';

const PAGE = '/admin/surveys/:surveyId/translations';

/** A translation file is pasted into a form: larger than the app's general form limit, once URL-encoded. */
export function translationBodyParsers(): Router {
  return Router().use(PAGE, express.urlencoded({ extended: false, limit: '5mb' }));
}

/** The translations page of a survey: completeness per language, downloads, upload. Admins only ('survey:admin'). */
export function translationRoutes(deps: { db: Db; questionnaires: QuestionnaireService; surveys: SurveyService; auth: AuthService; pageLocals: RequestHandler }): Router {
  const service = createTranslationService(deps.db, deps);
  const router = Router();
  const guard = [deps.pageLocals, requireAccess('survey:admin')];
  const surveyOf = (res: Response) => deps.surveys.find(accessTarget(res).surveyId!) ?? (() => { throw notFound('survey_not_found'); })();

  const render = (res: Response, state: TranslationsPageState = {}) => {
    const survey = surveyOf(res);
    const title = localize(survey.current.definition.title, res.locals.lang as string, survey.row.default_lang).text;
    res.status(state.status ?? 200).render('translations/index', translationsPage(survey, title, service.status(survey), state));
  };

  router.get(PAGE, ...guard, (_req, res) => render(res));

  router.get(`${PAGE}/export`, ...guard, validate(ExportQuerySchema, 'query'), async (_req: Request, res: Response) => {
    const survey = surveyOf(res);
    const { lang, format } = valid(res, 'query', ExportQuerySchema);
    const q = survey.current.definition;
    if (lang === q.defaultLanguage || !(q.languages as string[]).includes(lang)) {
      throw new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path: 'lang', message: `is not a translation of this questionnaire (${q.languages.join(', ')})` }]);
    }
    const body = await service.exportFile(survey, lang, format);
    res.set({
      'Content-Type': format === 'xliff' ? 'application/xliff+xml; charset=utf-8' : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${survey.row.id}.${lang}.${format === 'xliff' ? 'xlf' : 'csv'}"`,
    });
    res.send(body);
  });

  router.post(PAGE, ...guard, async (req: Request, res: Response) => {
    const survey = surveyOf(res);
    const form = ImportFormSchema.safeParse(req.body);
    const values = { translation: String(req.body?.translation ?? '') };
    if (!form.success) return render(res, { status: 422, values, problems: form.error.issues.map((i) => ({ at: 'form', message: i.message })) });
    const result = await service.importText(form.data.translation, { fileName: form.data.file || undefined, surveyId: survey.row.id });
    if (!result.ok) return render(res, { status: 422, values, problems: result.problems });
    deps.auth.audit(currentUser(res), 'translations.import', result.surveyId, `${result.lang}: ${result.changed} of ${result.received} texts changed, version ${result.version} (${result.outcome})`);
    render(res, { result });
  });

  return router;
}
