import type { Request, Response } from 'express';
import type { Config } from '../config';
import { localize } from '../i18n';
import type { Issue } from '../shared/errors';
import { notFound } from '../shared/errors';
import { hasPermission } from '../auth/policy';
import { currentUser } from '../auth/middleware';
import { consentGaps, type SurveyService } from '../surveys/service';
import type { SurveyRow } from '../surveys/schema';
import type { AdminService } from './service';
import { collectorLink, funnelRows, qrDataUrl } from './view-model';

/** Where respondents reach this server: NEEDSMAP_PUBLIC_URL, else the address this request came in on. */
export const publicBase = (req: Request, config: Config) => config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** The settings form's values as the page shows them (date-times as the "2026-03-01T09:00" of an input, UTC). */
export function settingsValues(row: SurveyRow): Record<string, string> {
  return {
    controllerName: row.controller_name,
    controllerContact: row.controller_contact,
    retentionDays: String(row.retention_days),
    minCell: String(row.min_cell),
    minGroup: String(row.min_group),
    defaultLang: row.default_lang,
    opensAt: row.opens_at?.slice(0, 16) ?? '',
    closesAt: row.closes_at?.slice(0, 16) ?? '',
  };
}

export interface SurveyPageState {
  status?: number;
  settings?: { values: Record<string, string>; issues: Issue[] };
  collector?: { values: Record<string, string>; issues: Issue[] };
  notice?: string;
}

/** The survey page: settings, collectors with link, QR code and funnel. Coordinators see their own collectors only. */
export async function renderSurveyPage(req: Request, res: Response, deps: { surveys: SurveyService; admin: AdminService; config: Config }, surveyId: string, state: SurveyPageState = {}) {
  const user = currentUser(res);
  const survey = deps.surveys.find(surveyId);
  if (!survey) throw notFound('survey_not_found');
  const t = res.locals.t as (key: string) => string;
  const visible = deps.admin.visibleCollectors(user, surveyId);
  const visibleIds = new Set(visible.map((c) => c.id));
  const counts = deps.surveys.funnel(surveyId);
  const funnel = funnelRows(visible, counts.filter((c) => c.collector_id === null ? user.role !== 'coordinator' : visibleIds.has(c.collector_id)), t('directLink'), t(user.role === 'coordinator' ? 'overallYours' : 'overall'));
  const base = publicBase(req, deps.config);
  const collectors = await Promise.all(
    visible.map(async (c) => {
      const link = collectorLink(base, surveyId, c.id);
      return { ...c, link, qr: await qrDataUrl(link), funnel: funnel.rows.find((r) => r.id === c.id)! };
    }),
  );
  res.status(state.status ?? 200).render('admin/survey', {
    title: localize(survey.current.definition.title, res.locals.lang as string, survey.row.default_lang).text,
    survey: survey.row,
    definition: survey.current.definition,
    version: survey.current.version,
    directLink: `${base}/s/${encodeURIComponent(surveyId)}`,
    collectors,
    funnel,
    consentGaps: consentGaps(survey.row),
    canAdmin: hasPermission(user, 'survey:admin'),
    canRaw: hasPermission(user, 'responses:raw') && (user.role !== 'coordinator' || visible.length > 0),
    settings: state.settings ?? { values: settingsValues(survey.row), issues: [] },
    collectorForm: state.collector ?? { values: { id: '', label: '', invited: '' }, issues: [] },
    notice: state.notice,
  });
}
