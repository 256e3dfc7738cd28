import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { TEXT_LANGUAGES } from '../../i18n/languages';
import type { Jobs } from '../../jobs/service';
import { AppError } from '../../shared/errors';
import { valid, validate } from '../../shared/validate';
import { exportFileName } from './names';
import { ExportScopeSchema, NO_SCOPE, type ExportScope } from './schema';
import { createExportService, type ExportDeps } from './service';
import { spssSyntax } from './sps';
import { ExportAborted } from './stream';

const ExportQuery = z.object({
  labels: z.enum(['0', '1']).optional(),
  lang: z.enum(TEXT_LANGUAGES).optional(),
});

/** The caller's guard decides the scope; without a valid one nothing leaves: no rows, no free text. */
function scopeOf(res: Response): ExportScope {
  const parsed = ExportScopeSchema.safeParse(res.locals.exportScope);
  return parsed.success ? parsed.data : NO_SCOPE;
}

export { exportFileName };

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * Raw microdata downloads for authorised roles: `guard` (from the caller, e.g. requireAccess('export:data')) runs
 * first on each route and sets `res.locals.exportScope`. The CSV and XLSX files are written by a report worker
 * (src/jobs) and streamed to the reader with backpressure; nothing is cached.
 */
export function exportRoutes(deps: ExportDeps & { jobs: Jobs }, guard: RequestHandler[]): Router {
  const router = Router();
  const exports = createExportService(deps);

  function download(res: Response, type: string, fileName: string) {
    res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' });
  }

  for (const kind of ['csv', 'xlsx'] as const) {
    router.get(`/api/surveys/:surveyId/responses.${kind}`, ...guard, validate(ExportQuery, 'query'), async (req, res) => {
      const query = valid(res, 'query', ExportQuery);
      const request = { surveyId: String(req.params.surveyId), lang: query.lang, scope: scopeOf(res) };
      await deps.jobs
        .stream({ kind, request, labels: query.labels === '1' }, res, (start) => download(res, TYPES[kind], start.fileName))
        .catch(failed(res));
    });
  }

  router.get('/api/surveys/:surveyId/codebook.sps', ...guard, validate(ExportQuery, 'query'), (req, res) => {
    const { lang } = valid(res, 'query', ExportQuery);
    const set = exports.prepare({ surveyId: String(req.params.surveyId), lang, scope: scopeOf(res) });
    if (!set) throw new AppError(404, 'not_found', 'survey_not_found');
    download(res, 'text/plain; charset=utf-8', exportFileName(set.surveyId, 'codebook', 'sps'));
    res.send(spssSyntax(set, exportFileName(set.surveyId, 'responses', 'csv')));
  });

  return router;
}

const CLOSED = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED']);

/**
 * A reader who closes the download is not an error of ours. Anything else is: a half-sent file is cut off so the
 * client sees a failed download, not a short one, and the error middleware logs the error.
 */
export function failed(res: Response) {
  return (err: unknown): void => {
    if (err instanceof ExportAborted || CLOSED.has((err as { code?: string }).code ?? '')) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    throw err;
  };
}
