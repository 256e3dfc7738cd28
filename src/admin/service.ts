import type { Db } from '../shared/db';
import { localize } from '../i18n';
import type { Answers } from '../questionnaires/answers-schema';
import type { QuestionnaireService } from '../questionnaires/service';
import { createResponseRepo } from '../responses/repo';
import type { SurveyService } from '../surveys/service';
import { surveyState } from '../surveys/service';
import type { Collector, CollectorRow, SurveySettings } from '../surveys/schema';
import type { AuthService } from '../auth/service';
import type { AuthUser } from '../auth/schema';
import { canReadFreeText, canSeeSurvey, collectorScope } from '../auth/policy';
import { createCollectorService } from '../collectors/service';
import { summariseAnswers } from './view-model';

export const RESPONSES_PER_PAGE = 50;
/** The raw-responses filter value for responses through the survey's direct link (no collector id can look like it). */
export const DIRECT_LINK = '_direct';

/**
 * Running surveys from the browser. Every change is written to the audit log with who made it; raw responses are
 * always filtered by the caller's collector scope here, whatever the route asked for.
 */
export function createAdminService(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService; auth: AuthService }) {
  const responses = createResponseRepo(db);
  const { surveys, auth } = deps;

  /** The surveys `user` may see, with their state and number of responses. */
  function dashboard(user: AuthUser, lang: string) {
    const counts = surveys.responseCounts();
    return surveys
      .all()
      .filter((row) => canSeeSurvey(user, row.id))
      .map((row) => {
        const loaded = surveys.find(row.id);
        const title = loaded ? localize(loaded.current.definition.title, lang, row.default_lang).text : row.id;
        return { id: row.id, title, version: row.version, state: surveyState(row), responses: counts.get(row.id) ?? 0, isDemo: row.is_demo === 1 };
      });
  }

  /** Collectors of a survey the user may see the details of: all for admins and researchers, their own for coordinators. */
  function visibleCollectors(user: AuthUser, surveyId: string): CollectorRow[] {
    const scope = collectorScope(user, surveyId);
    const all = surveys.collectors(surveyId);
    return scope === 'all' ? all : all.filter((c) => scope.includes(c.id));
  }

  function updateSettings(user: AuthUser, surveyId: string, settings: SurveySettings) {
    const result = surveys.updateSettings(surveyId, settings);
    if (result.ok) auth.audit(user, 'survey.settings', surveyId, `retention ${settings.retentionDays} d, thresholds ${settings.minCell}/${settings.minGroup}`);
    return result;
  }

  const collectors = createCollectorService(db, { surveys, audit: auth.audit });
  const saveCollector = (user: AuthUser, surveyId: string, collector: Collector) => collectors.save(user, surveyId, collector);

  function importQuestionnaire(user: AuthUser, text: string, file: string) {
    const result = deps.questionnaires.importText(text, file);
    if (result.ok) auth.audit(user, 'questionnaire.import', result.id, `version ${result.version} (${result.outcome})`);
    return result;
  }

  /**
   * One page of raw responses of the collectors `user` may read (optionally one collector, already checked by
   * requireAccess). Free text is withheld per response where `canReadFreeText` says no. The access is audited.
   */
  function rawResponses(user: AuthUser, surveyId: string, opts: { collectorId?: string; page: number; lang: string }) {
    const scope = collectorScope(user, surveyId);
    const inScope = (id: string) => scope === 'all' || scope.includes(id);
    // the direct link's responses belong to no partner: only those who see every collector see them
    const direct = opts.collectorId === DIRECT_LINK ? (scope === 'all' ? 'direct' : []) : undefined;
    const collectors = direct ?? (opts.collectorId ? [opts.collectorId].filter(inScope) : scope);
    const survey = surveys.find(surveyId);
    if (!survey) return undefined;
    const total = responses.countRaw(surveyId, collectors);
    const rows = responses.listRaw(surveyId, collectors, RESPONSES_PER_PAGE, (opts.page - 1) * RESPONSES_PER_PAGE).map((r) => {
      const version = deps.questionnaires.load(survey.row.questionnaire_id, r.version) ?? survey.current;
      const freeText = canReadFreeText(user, surveyId, r.collector_id);
      return {
        id: r.public_id,
        day: r.submitted_on,
        collectorId: r.collector_id,
        lang: r.lang,
        answers: summariseAnswers(version.definition, JSON.parse(r.answers) as Answers, opts.lang, freeText),
      };
    });
    auth.audit(user, 'responses.view', opts.collectorId ? `${surveyId}/${opts.collectorId}` : surveyId, `page ${opts.page}, ${rows.length} rows`);
    return { total, rows, pages: Math.max(1, Math.ceil(total / RESPONSES_PER_PAGE)) };
  }

  /** Erasure by an admin, e.g. on a respondent's request by e-mail. */
  function eraseResponse(user: AuthUser, surveyId: string, publicId: string): boolean {
    const deleted = responses.deleteByPublicId(surveyId, publicId);
    if (deleted) auth.audit(user, 'response.delete', `${surveyId}/${publicId}`);
    return deleted;
  }

  /** The response an admin is about to erase, to confirm which one it is (no answers shown). */
  const responseToErase = (surveyId: string, publicId: string) => responses.rawOne(surveyId, publicId);

  return { dashboard, visibleCollectors, updateSettings, saveCollector, collectors, importQuestionnaire, rawResponses, responseToErase, eraseResponse };
}
export type AdminService = ReturnType<typeof createAdminService>;
