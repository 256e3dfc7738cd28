import { Router, type RequestHandler, type Request, type Response } from 'express';
import { requireAccess } from '../auth/middleware';
import { ReportQuerySchema } from '../analysis/schema';
import { parseFilters } from '../analysis/selection';
import type { ReportRequest } from '../analysis/service';
import type { AuthUser } from '../auth/schema';
import type { Jobs } from '../jobs/service';
import type { PageLocals } from '../jobs/schema';
import { valid, validate } from '../shared/validate';
import { failed } from './exports/routes';
import { viewerScope } from './scope';

/** res.locals of an admin page (src/admin/context.ts) as plain data for a worker. */
function pageLocals(res: Response): PageLocals {
  const l = res.locals;
  return { lang: l.lang as string, dir: l.dir as PageLocals['dir'], display: l.display as PageLocals['display'], nav: l.nav as PageLocals['nav'], user: l.user as AuthUser, csrfToken: l.csrfToken as string | undefined, uiLanguages: l.uiLanguages as PageLocals['uiLanguages'], returnTo: l.returnTo as string | undefined };
}

/**
 * Report data as JSON, the dashboard and the PDF: three views of the same `build()` result, each computed by a report
 * worker (src/jobs) so the request loop keeps answering respondents meanwhile.
 */
export function reportRoutes(deps: { jobs: Jobs; requireUser: RequestHandler; pageLocals: RequestHandler }): Router {
  const router = Router();
  const guard: RequestHandler[] = [deps.requireUser, requireAccess('report:view'), validate(ReportQuerySchema, 'query')];
  const request = (req: Request, res: Response): ReportRequest => {
    const query = valid(res, 'query', ReportQuerySchema);
    const surveyId = String(req.params.surveyId);
    return { surveyId, lang: query.lang, groupBy: query.groupBy || undefined, filters: parseFilters(req.query), viewer: viewerScope(res, surveyId), compareWaves: query.compareWaves /* issue 14: waves */ };
  };

  router.get('/api/surveys/:surveyId/report', ...guard, async (req: Request, res: Response) => {
    const json = await deps.jobs.value({ kind: 'report-json', request: request(req, res) });
    res.type('application/json').send(json);
  });

  router.get('/admin/surveys/:surveyId/report', ...guard, deps.pageLocals, async (req: Request, res: Response) => {
    const html = await deps.jobs.value({ kind: 'dashboard', request: request(req, res), query: { ...req.query }, page: pageLocals(res) });
    res.type('html').send(html);
  });

  router.get('/admin/surveys/:surveyId/report.pdf', ...guard, async (req: Request, res: Response) => {
    const start = ({ fileName }: { fileName: string }) =>
      res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' });
    // The reader went away or the stream failed mid-file: nothing useful can be sent any more.
    await deps.jobs.stream({ kind: 'pdf', request: request(req, res) }, res, start).catch(failed(res));
  });

  return router;
}
