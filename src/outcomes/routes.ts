import { Router, type RequestHandler, type Request, type Response } from 'express';
import type { TFunction } from 'i18next';
import { accessTarget, currentUser, requireAccess } from '../auth/middleware';
import { collectorScope, hasPermission } from '../auth/policy';
import type { ReportData } from '../analysis/schema';
import { fixedT } from '../i18n';
import type { Jobs } from '../jobs/service';
import { viewerScope } from '../reporting/scope';
import type { SurveyService } from '../surveys/service';
import { notFound } from '../shared/errors';
import { formatPath } from '../questionnaires/schema';
import { MAX_OUTCOMES, OutcomeNamesFormSchema } from './schema';
import { ATTENDED, fieldName, parseCountsForm, type FormIssue, type OutcomeService } from './service';
import { outcomesView } from './view-model';

type PageState = Parameters<typeof outcomesView>[2];

/**
 * The outcome funnel page (issue 14): invited → responded → attended → outcomes per partner, the figures form for
 * the partners a user may enter (coordinators: their own) and, for admins, the survey's list of outcomes. The funnel
 * comes from the report data (responded is perturbed there); forms are validated whole, nothing is stored on an error.
 */
export function outcomeRoutes(deps: { jobs: Jobs; surveys: SurveyService; outcomes: OutcomeService; requireUser: RequestHandler; pageLocals: RequestHandler }): Router {
  const router = Router();
  const surveyOf = (res: Response) => {
    const surveyId = accessTarget(res).surveyId!;
    if (!deps.surveys.find(surveyId)) throw notFound('survey_not_found');
    return surveyId;
  };
  const editable = (res: Response, surveyId: string): string[] => {
    const user = currentUser(res);
    if (!hasPermission(user, 'outcomes:edit')) return [];
    const scope = collectorScope(user, surveyId);
    return deps.surveys.collectors(surveyId).map((c) => c.id).filter((id) => scope === 'all' || scope.includes(id));
  };
  async function render(res: Response, surveyId: string, state: Omit<PageState, 'editable' | 'canDefine'>, status = 200) {
    const request = { surveyId, lang: res.locals.lang as string, viewer: viewerScope(res, surveyId) };
    const report = JSON.parse(await deps.jobs.value({ kind: 'report-json', request })) as ReportData;
    const canDefine = hasPermission(currentUser(res), 'survey:admin');
    res.status(status).render('outcomes/outcomes', outcomesView(report, fixedT(report.lang, 'report'), { ...state, editable: editable(res, surveyId), canDefine }));
  }
  /** Problems in the admin's language, each linked to its field and named by partner and figure. */
  const located = (t: TFunction, issues: FormIssue[], names: Map<string, string>) => ({
    errors: issues.map((i) => ({ href: `#${i.path}`, label: names.get(i.path) ?? '', message: t(i.message, { max: MAX_OUTCOMES, ...i.params }) })),
    fieldErrors: Object.fromEntries(issues.map((i) => [i.path, t(i.message, { max: MAX_OUTCOMES, ...i.params })])),
  });

  const page = [deps.requireUser, requireAccess('report:view'), deps.pageLocals];
  router.get('/admin/surveys/:surveyId/outcomes', ...page, async (req: Request, res: Response) => {
    const t = res.locals.t as TFunction;
    const saved = req.query.saved === 'counts' ? t('outcomes.saved') : req.query.saved === 'names' ? t('outcomes.namesSaved') : undefined;
    await render(res, surveyOf(res), { notice: saved });
  });

  router.post('/admin/surveys/:surveyId/outcomes/counts', deps.requireUser, requireAccess('outcomes:edit'), deps.pageLocals, async (req: Request, res: Response) => {
    const surveyId = surveyOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const outcomes = deps.outcomes.outcomes(surveyId);
    const collectors = editable(res, surveyId);
    const result = parseCountsForm(body, collectors, outcomes);
    if (result.ok) {
      deps.outcomes.saveCounts(currentUser(res), surveyId, result.entries);
      return res.redirect(303, `/admin/surveys/${encodeURIComponent(surveyId)}/outcomes?saved=counts`);
    }
    const tr = fixedT(res.locals.lang as string, 'report');
    const labels = new Map(deps.surveys.collectors(surveyId).map((c) => [c.id, c.label]));
    const names = new Map(collectors.flatMap((c) => [[fieldName(ATTENDED, c), `${labels.get(c)}: ${tr('outcomes.attended')}`] as const, ...outcomes.map((o) => [fieldName(o.id, c), `${labels.get(c)}: ${o.label}`] as const)]));
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string') as [string, string][]);
    await render(res, surveyId, { values, ...located(res.locals.t as TFunction, result.issues, names) }, 422);
  });

  router.post('/admin/surveys/:surveyId/outcomes/names', deps.requireUser, requireAccess('survey:admin'), deps.pageLocals, async (req: Request, res: Response) => {
    const surveyId = surveyOf(res);
    const form = OutcomeNamesFormSchema.safeParse(req.body ?? {});
    if (form.success) {
      deps.outcomes.defineOutcomes(currentUser(res), surveyId, form.data);
      return res.redirect(303, `/admin/surveys/${encodeURIComponent(surveyId)}/outcomes?saved=names`);
    }
    const issues: FormIssue[] = form.error.issues.map((i) => ({ path: 'outcomes', message: i.message, params: (i as { params?: Record<string, string> }).params ?? { at: formatPath(i.path) } }));
    const t = res.locals.t as TFunction;
    await render(res, surveyId, { names: String((req.body as Record<string, unknown>)?.outcomes ?? ''), ...located(t, issues, new Map([['outcomes', t('outcomes.namesLabel')]])) }, 422);
  });

  return router;
}
