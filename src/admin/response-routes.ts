import { Router } from 'express';
import { notFound } from '../shared/errors';
import { valid, validate } from '../shared/validate';
import { accessTarget, currentUser, requireAccess } from '../auth/middleware';
import { collectorScope, hasPermission } from '../auth/policy';
import { PageQuery } from './schema';
import type { AdminDeps } from './routes';
import { DIRECT_LINK } from './service';

/** Raw responses of the collectors in the user's scope, and erasure of one response by an admin. */
export function responseRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { admin } = deps;

  router.get('/admin/surveys/:surveyId/responses', requireAccess('responses:raw'), validate(PageQuery, 'query'), (req, res) => {
    const user = currentUser(res);
    const { surveyId, collectorId } = accessTarget(res);
    if (collectorId && collectorId !== DIRECT_LINK && !deps.surveys.collector(surveyId!, collectorId)) throw notFound('collector_not_found');
    const { page } = valid(res, 'query', PageQuery);
    const listing = admin.rawResponses(user, surveyId!, { collectorId, page, lang: res.locals.lang });
    if (!listing) throw notFound('survey_not_found');
    const collectors = admin.visibleCollectors(user, surveyId!);
    res.render('admin/responses', {
      title: surveyId,
      surveyId,
      collectorId: collectorId ?? '',
      collectors,
      directLinkValue: collectorScope(user, surveyId!) === 'all' ? DIRECT_LINK : undefined,
      labels: new Map(collectors.map((c) => [c.id, c.label])),
      page,
      ...listing,
      canErase: hasPermission(user, 'responses:erase'),
      erased: req.query.erased === '1',
    });
  });

  router.get('/admin/surveys/:surveyId/responses/:responseId/delete', requireAccess('responses:erase'), (req, res) => {
    const surveyId = accessTarget(res).surveyId!;
    const response = admin.responseToErase(surveyId, req.params.responseId as string);
    if (!response) throw notFound();
    const label = response.collector_id ? deps.surveys.collector(surveyId, response.collector_id)?.label : undefined;
    res.render('admin/erase', { surveyId, response, collectorLabel: label ?? response.collector_id });
  });

  router.post('/admin/surveys/:surveyId/responses/:responseId/delete', requireAccess('responses:erase'), (req, res) => {
    const surveyId = accessTarget(res).surveyId!;
    if (!admin.eraseResponse(currentUser(res), surveyId, req.params.responseId as string)) throw notFound();
    res.redirect(303, `/admin/surveys/${encodeURIComponent(surveyId)}/responses?erased=1`);
  });

  return router;
}
