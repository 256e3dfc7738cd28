import { Router } from 'express';
import { AppError, notFound } from '../shared/errors';
import { valid, validate } from '../shared/validate';
import { accessTarget, currentUser, requireAccess } from '../auth/middleware';
import { PageQuery } from './schema';
import type { AdminDeps } from './routes';
import { DIRECT_LINK } from './service';
import { funnelRows } from './view-model';

/** JSON for scripts (Bearer token) and pages (session + x-csrf-token header): the same guards as the pages. */
export function adminApiRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { admin, surveys } = deps;

  router.get('/api/admin/surveys', requireAccess('survey:view'), (_req, res) => {
    res.json({ surveys: admin.dashboard(currentUser(res), 'en') });
  });

  router.get('/api/admin/surveys/:surveyId/funnel', requireAccess('survey:view'), (_req, res) => {
    const user = currentUser(res);
    const surveyId = accessTarget(res).surveyId!;
    if (!surveys.find(surveyId)) throw notFound('survey_not_found');
    const visible = admin.visibleCollectors(user, surveyId);
    const ids = new Set(visible.map((c) => c.id));
    const counts = surveys.funnel(surveyId).filter((c) => (c.collector_id === null ? user.role !== 'coordinator' : ids.has(c.collector_id)));
    res.json(funnelRows(visible, counts, 'direct', 'overall'));
  });

  const listResponses = (_req: unknown, res: Parameters<typeof currentUser>[0]) => {
    const { surveyId, collectorId } = accessTarget(res);
    if (collectorId && collectorId !== DIRECT_LINK && !surveys.collector(surveyId!, collectorId)) throw notFound('collector_not_found');
    const { page } = valid(res, 'query', PageQuery);
    const listing = admin.rawResponses(currentUser(res), surveyId!, { collectorId, page, lang: 'en' });
    if (!listing) throw notFound('survey_not_found');
    res.json({ ...listing, page });
  };
  router.get('/api/admin/surveys/:surveyId/responses', requireAccess('responses:raw'), validate(PageQuery, 'query'), listResponses);
  router.get('/api/admin/surveys/:surveyId/collectors/:collectorId/responses', requireAccess('responses:raw'), validate(PageQuery, 'query'), listResponses);

  router.delete('/api/admin/surveys/:surveyId/responses/:responseId', requireAccess('responses:erase'), (req, res) => {
    if (!admin.eraseResponse(currentUser(res), accessTarget(res).surveyId!, req.params.responseId as string)) throw notFound();
    res.status(204).end();
  });

  /** The body is the questionnaire file itself (Content-Type: application/json), parsed here for located errors. */
  router.post('/api/admin/questionnaires', requireAccess('survey:admin'), (req, res) => {
    if (typeof req.body !== 'string' || !req.body.trim()) throw new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path: '(file)', message: 'send the questionnaire JSON as the body' }]);
    const result = admin.importQuestionnaire(currentUser(res), req.body, String(req.query.file ?? 'questionnaire.json'));
    if (!result.ok) throw new AppError(422, 'invalid_questionnaire', 'invalid_request', {}, result.problems.map((p) => ({ path: p.path, message: p.message })));
    res.status(result.outcome === 'created' ? 201 : 200).json(result);
  });

  return router;
}
