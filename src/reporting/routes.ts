import { Router, type RequestHandler, type Request, type Response } from 'express';
import { requireAccess } from '../auth/middleware';
import { ReportQuerySchema } from '../analysis/schema';
import { parseFilters } from '../analysis/selection';
import type { AnalysisService } from '../analysis/service';
import { fixedT } from '../i18n';
import { valid, validate } from '../shared/validate';
import { renderReportPdf } from './pdf';
import { viewerScope } from './scope';
import { dashboardView } from './view-model';

/** Report data as JSON, the dashboard and the PDF: three views of the same `build()` result. */
export function reportRoutes(deps: { analysis: AnalysisService; requireUser: RequestHandler; pageLocals: RequestHandler }): Router {
  const router = Router();
  const guard: RequestHandler[] = [deps.requireUser, requireAccess('report:view'), validate(ReportQuerySchema, 'query')];
  const build = (req: Request, res: Response) => {
    const query = valid(res, 'query', ReportQuerySchema);
    const surveyId = String(req.params.surveyId);
    return deps.analysis.build({ surveyId, lang: query.lang, groupBy: query.groupBy || undefined, filters: parseFilters(req.query), viewer: viewerScope(res, surveyId) });
  };

  router.get('/api/surveys/:surveyId/report', ...guard, (req: Request, res: Response) => {
    res.json(build(req, res));
  });

  router.get('/admin/surveys/:surveyId/report', ...guard, deps.pageLocals, (req: Request, res: Response) => {
    const report = build(req, res);
    res.render('reporting/dashboard', dashboardView(report, req.query, fixedT(report.lang, 'report'), res.locals.lang));
  });

  router.get('/admin/surveys/:surveyId/report.pdf', ...guard, async (req: Request, res: Response) => {
    const report = build(req, res);
    const name = `diagnosis-${report.survey.id}-${report.lang}${report.comparison ? `-by-${report.comparison.by.id}` : ''}.pdf`;
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
    try {
      await renderReportPdf(report, fixedT(report.lang, 'report'), res);
    } catch (err) {
      // The reader went away or the stream failed mid-file: nothing useful can be sent any more.
      if (!res.headersSent) throw err;
      res.destroy(err as Error);
    }
  });

  return router;
}
