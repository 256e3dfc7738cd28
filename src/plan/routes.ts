import { Router, type RequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import { accessTarget, requireAccess } from '../auth/middleware';
import type { ReportData } from '../analysis/schema';
import { fixedT } from '../i18n';
import type { Jobs } from '../jobs/service';
import { failed } from '../reporting/exports/routes';
import { viewerScope } from '../reporting/scope';
import { valid, validate } from '../shared/validate';
import { planView } from './view-model';
import { writePlanXlsx } from './xlsx';

/** `groupBy`: a single-choice or country question whose groups get a plan too (partners always have one). */
const PlanQuery = z.object({ groupBy: z.string().max(64).optional() });

/**
 * The training plan page and its spreadsheet (issue 14). Both read the report data a report worker builds (the plan
 * is its `trainingPlan` member, in the admin's language), so they carry the report's disclosure control and its
 * coordinator scope, and only format it here.
 */
export function planRoutes(deps: { jobs: Jobs; requireUser: RequestHandler; pageLocals: RequestHandler }): Router {
  const router = Router();
  const guard: RequestHandler[] = [deps.requireUser, requireAccess('report:view'), validate(PlanQuery, 'query')];
  const report = async (res: Response): Promise<ReportData> => {
    const surveyId = accessTarget(res).surveyId!;
    const { groupBy } = valid(res, 'query', PlanQuery);
    const request = { surveyId, lang: res.locals.lang as string | undefined, groupBy: groupBy || undefined, viewer: viewerScope(res, surveyId) };
    return JSON.parse(await deps.jobs.value({ kind: 'report-json', request })) as ReportData;
  };

  router.get('/admin/surveys/:surveyId/plan', ...guard, deps.pageLocals, async (_req: Request, res: Response) => {
    const data = await report(res);
    res.render('plan/plan', planView(data, fixedT(data.lang, 'report')));
  });

  router.get('/admin/surveys/:surveyId/plan.xlsx', ...guard, deps.pageLocals, async (_req: Request, res: Response) => {
    const data = await report(res);
    const by = data.trainingPlan?.grouping?.id;
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="training-plan-${data.survey.id}-${data.lang}${by ? `-by-${by}` : ''}.xlsx"`,
      'Cache-Control': 'no-store',
    });
    await writePlanXlsx(data, fixedT(data.lang, 'report'), res).catch(failed(res));
  });

  return router;
}
