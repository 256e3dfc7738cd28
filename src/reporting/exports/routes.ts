import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { TEXT_LANGUAGES } from '../../i18n/languages';
import { AppError } from '../../shared/errors';
import { valid, validate } from '../../shared/validate';
import { writeCsv } from './csv';
import { ExportScopeSchema, NO_SCOPE, type ExportScope, type ExportSet } from './schema';
import { createExportService, type ExportDeps } from './service';
import { spssSyntax } from './sps';
import { ExportAborted } from './stream';
import { writeXlsx } from './xlsx';

const ExportQuery = z.object({
  labels: z.enum(['0', '1']).optional(),
  lang: z.enum(TEXT_LANGUAGES).optional(),
});

/** The caller's guard decides the scope; without a valid one nothing leaves: no rows, no free text. */
function scopeOf(res: Response): ExportScope {
  const parsed = ExportScopeSchema.safeParse(res.locals.exportScope);
  return parsed.success ? parsed.data : NO_SCOPE;
}

export const exportFileName = (surveyId: string, kind: 'responses' | 'codebook', ext: string, day = new Date()) =>
  `${surveyId}-${kind}-${day.toISOString().slice(0, 10)}.${ext}`;

/**
 * Raw microdata downloads for authorised roles: `guard` (from the caller, e.g. requireAccess('export:data')) runs
 * first on each route and sets `res.locals.exportScope`. Responses are streamed and never cached.
 */
export function exportRoutes(deps: ExportDeps, guard: RequestHandler[]): Router {
  const router = Router();
  const exports = createExportService(deps);

  function prepare(surveyId: string, res: Response): ExportSet {
    const { lang } = valid(res, 'query', ExportQuery);
    const set = exports.prepare({ surveyId, lang, scope: scopeOf(res) });
    if (!set) throw new AppError(404, 'not_found', 'survey_not_found');
    return set;
  }

  function download(res: Response, type: string, fileName: string) {
    res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' });
  }

  router.get('/api/surveys/:surveyId/responses.csv', ...guard, validate(ExportQuery, 'query'), async (req, res) => {
    const set = prepare(req.params.surveyId as string, res);
    download(res, 'text/csv; charset=utf-8', exportFileName(set.surveyId, 'responses', 'csv'));
    await writeCsv(set, res, { labels: valid(res, 'query', ExportQuery).labels === '1' }).catch(failed(res));
  });

  router.get('/api/surveys/:surveyId/responses.xlsx', ...guard, validate(ExportQuery, 'query'), async (req, res) => {
    const set = prepare(req.params.surveyId as string, res);
    download(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exportFileName(set.surveyId, 'responses', 'xlsx'));
    await writeXlsx(set, res, { labels: valid(res, 'query', ExportQuery).labels === '1' }).catch(failed(res));
  });

  router.get('/api/surveys/:surveyId/codebook.sps', ...guard, validate(ExportQuery, 'query'), (req, res) => {
    const set = prepare(req.params.surveyId as string, res);
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
function failed(res: Response) {
  return (err: unknown): void => {
    if (err instanceof ExportAborted || CLOSED.has((err as { code?: string }).code ?? '')) return;
    if (res.headersSent) res.destroy();
    throw err;
  };
}
