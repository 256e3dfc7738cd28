import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/schema';
import { canSeeSurvey, hasPermission } from '../auth/policy';
import { consentGaps, type SurveyService } from '../surveys/service';
import { surveyOf } from './context';
import { renderConsent, surveyPath } from './pages';

/**
 * Whether a respondent may not start here, with the page that says why already sent: an archived partner link
 * (410), or a consent notice the organisers have not completed (409; a signed-in organiser gets the consent page as
 * a preview instead, without the form). Nothing is stored in either case.
 */
export function startBlocked(
  req: Request,
  res: Response,
  deps: { surveys: SurveyService; peekUser?: (req: Request) => AuthUser | undefined },
  collectorId: string | null,
  hasDraft: boolean,
): boolean {
  const survey = surveyOf(res);
  const resumeUrl = `${surveyPath(survey)}/resume`;
  if (collectorId && deps.surveys.collector(survey.row.id, collectorId)?.archivedOn) {
    res.status(410).render('respondent/link-closed', { hasDraft, resumeUrl });
    return true;
  }
  const gaps = consentGaps(survey.row);
  if (gaps.length === 0) return false;
  const user = deps.peekUser?.(req);
  if (user && hasPermission(user, 'survey:view') && canSeeSurvey(user, survey.row.id)) {
    renderConsent(res, survey, { collectorId, hasDraft, preview: { gaps, settingsUrl: hasPermission(user, 'survey:admin') ? `/admin/surveys/${encodeURIComponent(survey.row.id)}#settings` : undefined } });
    return true;
  }
  res.status(409).render('respondent/not-ready', { hasDraft, resumeUrl });
  return true;
}
