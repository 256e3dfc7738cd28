import type { Request, Response, NextFunction } from 'express';
import { canReadFreeText, collectorScope } from '../auth/policy';
import { currentUser } from '../auth/middleware';
import type { ViewerScope } from '../analysis/service';

/**
 * What a signed-in user may read beyond aggregates in a report: admins all free text; researchers all when an
 * admin granted it; coordinators the free text of their own collectors only.
 */
export function viewerScope(res: Response, surveyId: string): ViewerScope {
  const user = currentUser(res);
  // a coordinator's training plans (issue 14) are those of their own collectors too
  if (user.role === 'coordinator') return { freeText: collectorScope(user, surveyId), partners: collectorScope(user, surveyId) };
  return { freeText: canReadFreeText(user, surveyId) ? 'all' : 'none' };
}

/** Sets `res.locals.exportScope` for the export routes: a coordinator's rows (with their free text) only. */
export function exportScope(req: Request, res: Response, next: NextFunction) {
  const user = currentUser(res);
  const surveyId = String(req.params.surveyId);
  const collectors = collectorScope(user, surveyId);
  res.locals.exportScope = { collectors, includeFreeText: user.role === 'coordinator' ? true : canReadFreeText(user, surveyId) };
  next();
}
