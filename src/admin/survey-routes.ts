import { Router } from 'express';
import { localize } from '../i18n';
import { TEXT_LANGUAGES, nativeLanguageName } from '../i18n/languages';
import { notFound } from '../shared/errors';
import { valid, validate } from '../shared/validate';
import { accessTarget, currentUser, requireAccess } from '../auth/middleware';
import { SurveySettingsSchema } from '../surveys/schema';
import { CollectorFormSchema, formValues, ImportFormSchema, PreviewQuery, toIssues } from './schema';
import { renderSurveyPage } from './pages';
import type { AdminDeps } from './routes';
import { buildPreview } from './view-model';

const surveyIdOf = (res: Parameters<typeof accessTarget>[0]) => accessTarget(res).surveyId!;

/** The dashboard, a survey's page (settings, collectors, funnel), questionnaire preview and import. */
export function surveyRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { admin, surveys } = deps;

  router.get('/admin', requireAccess('survey:view'), (_req, res) => {
    res.render('admin/dashboard', { surveys: admin.dashboard(currentUser(res), res.locals.lang) });
  });

  router.get('/admin/surveys/:surveyId', requireAccess('survey:view'), async (req, res) => {
    const saved = typeof req.query.saved === 'string' && ['settings', 'collector', 'archived', 'reopened', 'deleted'].includes(req.query.saved) ? req.query.saved : undefined;
    await renderSurveyPage(req, res, deps, surveyIdOf(res), { notice: saved && res.locals.t(`saved_${saved}`) });
  });

  router.post('/admin/surveys/:surveyId/settings', requireAccess('survey:admin'), async (req, res) => {
    const surveyId = surveyIdOf(res);
    if (!surveys.find(surveyId)) throw notFound('survey_not_found');
    const form = SurveySettingsSchema.safeParse(req.body);
    const result = form.success ? admin.updateSettings(currentUser(res), surveyId, form.data) : { ok: false as const, issues: toIssues(form.error) };
    if (result.ok) return res.redirect(303, `/admin/surveys/${encodeURIComponent(surveyId)}?saved=settings`);
    await renderSurveyPage(req, res, deps, surveyId, { status: 422, settings: { values: formValues(req.body), issues: result.issues } });
  });

  router.post('/admin/surveys/:surveyId/collectors', requireAccess('survey:admin'), async (req, res) => {
    const surveyId = surveyIdOf(res);
    if (!surveys.find(surveyId)) throw notFound('survey_not_found');
    const form = CollectorFormSchema.safeParse(req.body);
    if (form.success) {
      admin.saveCollector(currentUser(res), surveyId, form.data);
      return res.redirect(303, `/admin/surveys/${encodeURIComponent(surveyId)}?saved=collector#collectors`);
    }
    await renderSurveyPage(req, res, deps, surveyId, { status: 422, collector: { values: formValues(req.body), issues: toIssues(form.error) } });
  });

  router.get('/admin/surveys/:surveyId/preview', requireAccess('survey:view'), validate(PreviewQuery, 'query'), (_req, res) => {
    const survey = surveys.find(surveyIdOf(res));
    if (!survey) throw notFound('survey_not_found');
    const definition = survey.current.definition;
    const lang = valid(res, 'query', PreviewQuery).lang ?? survey.row.default_lang;
    res.render('admin/preview', {
      title: localize(definition.title, lang, definition.defaultLanguage).text,
      surveyId: survey.row.id,
      preview: buildPreview(definition, lang),
      previewLang: lang,
      previewLanguages: TEXT_LANGUAGES.map((code) => ({ code, name: nativeLanguageName(code), offered: definition.languages.includes(code) })),
    });
  });

  router.get('/admin/import', requireAccess('survey:admin'), (_req, res) => {
    res.render('admin/import', { values: { questionnaire: '', file: '' }, problems: [], result: undefined });
  });

  router.post('/admin/import', requireAccess('survey:admin'), (req, res) => {
    const form = ImportFormSchema.safeParse(req.body);
    const values = { questionnaire: String(req.body?.questionnaire ?? ''), file: String(req.body?.file ?? '') };
    if (!form.success) return res.status(422).render('admin/import', { values, problems: toIssues(form.error).map((i) => ({ file: '', ...i })), result: undefined });
    const result = admin.importQuestionnaire(currentUser(res), form.data.questionnaire, form.data.file || 'questionnaire.json');
    if (!result.ok) return res.status(422).render('admin/import', { values, problems: result.problems, result: undefined });
    res.render('admin/import', { values: { questionnaire: '', file: '' }, problems: [], result });
  });

  return router;
}
