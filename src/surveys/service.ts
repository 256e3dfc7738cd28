import type { Db } from '../shared/db';
import { createQuestionnaireService, type LoadedVersion, type QuestionnaireService } from '../questionnaires/service';
import { createSurveyRepo } from './repo';
import type { Collector, CollectorRow, SurveyRow, SurveySettings } from './schema';

export type SurveyState = 'open' | 'not_open_yet' | 'closed';

export function surveyState(survey: Pick<SurveyRow, 'opens_at' | 'closes_at'>, now = new Date()): SurveyState {
  if (survey.opens_at && now < new Date(survey.opens_at)) return 'not_open_yet';
  if (survey.closes_at && now >= new Date(survey.closes_at)) return 'closed';
  return 'open';
}

/** Consent-notice fields a survey's settings must fill before anyone may start (GDPR Art. 13: who, and how to reach them). */
export const CONSENT_FIELDS = ['controllerName', 'controllerContact'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** The consent-notice fields still empty: while any is, respondents cannot start and the API stores nothing. */
export function consentGaps(survey: Pick<SurveyRow, 'controller_name' | 'controller_contact'>): ConsentField[] {
  const values: Record<ConsentField, string> = { controllerName: survey.controller_name, controllerContact: survey.controller_contact };
  return CONSENT_FIELDS.filter((field) => !values[field].trim());
}

/** A survey with the questionnaire version new respondents answer. */
export interface OpenSurvey {
  row: SurveyRow;
  current: LoadedVersion;
}

export function createSurveyService(db: Db, questionnaires: QuestionnaireService = createQuestionnaireService(db)) {
  const repo = createSurveyRepo(db);
  // Surveys and collectors change rarely and are read on every request: keep them until the generation moves.
  let cachedGeneration = -1;
  const surveyCache = new Map<string, OpenSurvey | undefined>();
  const collectorCache = new Map<string, CollectorRow | undefined>();
  function fresh() {
    const generation = repo.generation();
    if (generation !== cachedGeneration) {
      surveyCache.clear();
      collectorCache.clear();
      cachedGeneration = generation;
    }
  }

  function find(id: string): OpenSurvey | undefined {
    fresh();
    if (surveyCache.has(id)) return surveyCache.get(id);
    const row = repo.get(id);
    const current = row && questionnaires.load(row.questionnaire_id, row.version);
    const survey = row && current ? { row, current } : undefined;
    surveyCache.set(id, survey);
    return survey;
  }

  function collector(surveyId: string, id: string): CollectorRow | undefined {
    fresh();
    const key = `${surveyId}\u0000${id}`;
    if (!collectorCache.has(key)) collectorCache.set(key, repo.collector(surveyId, id));
    return collectorCache.get(key);
  }

  return {
    find,
    all: () => repo.all(),
    collectors: (surveyId: string) => repo.collectors(surveyId),
    collector,
    saveCollector: (surveyId: string, c: Collector) => repo.saveCollector(surveyId, c),
    /** Saves an admin's settings; the default language must be one the questionnaire is written in. */
    updateSettings(surveyId: string, settings: SurveySettings): { ok: true } | { ok: false; issues: { path: string; message: string }[] } {
      const survey = find(surveyId);
      if (!survey) return { ok: false, issues: [{ path: 'surveyId', message: 'unknown survey' }] };
      if (!survey.current.definition.languages.includes(settings.defaultLang)) {
        return { ok: false, issues: [{ path: 'defaultLang', message: 'is not one of the questionnaire languages' }] };
      }
      repo.updateSettings(surveyId, settings);
      return { ok: true };
    },
    funnel: (surveyId: string) => repo.funnel(surveyId),
    responseCounts: () => repo.responseCounts(),
    recordStart: (surveyId: string, collectorId: string | null) => repo.recordStart(surveyId, collectorId),
    /** Surveys respondents can answer now, with their languages (the public list). */
    listOpen(now = new Date()) {
      return repo
        .all()
        .filter((row) => surveyState(row, now) === 'open')
        .map((row) => find(row.id))
        .filter((s): s is OpenSurvey => Boolean(s));
    },
  };
}
export type SurveyService = ReturnType<typeof createSurveyService>;
