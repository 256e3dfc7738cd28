import { Router, type Response } from 'express';
import { notFound } from '../shared/errors';
import { accessTarget, currentUser, requireAccess } from '../auth/middleware';
import type { CollectorChange } from '../collectors/service';
import type { AdminDeps } from './routes';

const surveyPage = (surveyId: string, saved: string) => `/admin/surveys/${encodeURIComponent(surveyId)}?saved=${saved}#collectors`;

/** Archiving, reopening and deleting a partner's link (admins); every change is audited by the collector service. */
export function collectorRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { admin, surveys } = deps;
  const target = (res: Response) => {
    const { surveyId, collectorId } = accessTarget(res);
    const collector = surveyId && collectorId ? surveys.collector(surveyId, collectorId) : undefined;
    if (!surveyId || !collectorId || !collector) throw notFound('collector_not_found');
    return { surveyId, collectorId, collector };
  };
  const done = (res: Response, surveyId: string, change: CollectorChange, saved: string) => {
    if (!change.ok && change.reason === 'not_found') throw notFound('collector_not_found');
    res.redirect(303, surveyPage(surveyId, saved));
  };
  const renderDelete = (res: Response, status: number, refused?: CollectorChange) => {
    const { surveyId, collectorId, collector } = target(res);
    res.status(status).render('admin/collector-delete', { surveyId, collector, usage: admin.collectors.usage(surveyId, collectorId), refused: refused && !refused.ok ? refused.reason : undefined });
  };

  const base = '/admin/surveys/:surveyId/collectors/:collectorId';
  router.post(`${base}/archive`, requireAccess('survey:admin'), (_req, res) => {
    const { surveyId, collectorId } = target(res);
    done(res, surveyId, admin.collectors.archive(currentUser(res), surveyId, collectorId), 'archived');
  });
  router.post(`${base}/reopen`, requireAccess('survey:admin'), (_req, res) => {
    const { surveyId, collectorId } = target(res);
    done(res, surveyId, admin.collectors.reopen(currentUser(res), surveyId, collectorId), 'reopened');
  });
  router.get(`${base}/delete`, requireAccess('survey:admin'), (_req, res) => renderDelete(res, 200));
  router.post(`${base}/delete`, requireAccess('survey:admin'), (_req, res) => {
    const { surveyId, collectorId } = target(res);
    const change = admin.collectors.remove(currentUser(res), surveyId, collectorId);
    if (change.ok) return res.redirect(303, surveyPage(surveyId, 'deleted'));
    renderDelete(res, 409, change);
  });

  return router;
}
