import type { Db } from '../shared/db';
import { hashCode, randomCode } from '../shared/crypto';
import { validateAnswers, type AnswerIssue } from '../questionnaires/answers';
import type { Answers } from '../questionnaires/answers-schema';
import type { LoadedVersion, QuestionnaireService } from '../questionnaires/service';
import type { Question } from '../questionnaires/schema';
import type { OpenSurvey, SurveyService } from '../surveys/service';
import { naConflicts, unmetFollowUps, withoutConflicts } from './page-checks';
import { createResponseRepo, type DraftRow } from './repo';
import type { ResponseService } from './service';
import { createWaveRepo } from '../waves/repo';

export interface Draft {
  token: string;
  row: DraftRow;
  version: LoadedVersion;
  /** Answers so far, as entered (not yet validated as a whole). */
  answers: Record<string, unknown>;
}

/**
 * The web respondent's journey: consent starts a draft kept server-side under a random token (the resume
 * code), each page is saved as it is left, and the last page turns the draft into a response in one transaction.
 */
export function createJourney(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService; responses: ResponseService }) {
  const repo = createResponseRepo(db);

  const waves = createWaveRepo(db);

  const start = db.transaction((survey: OpenSurvey, collectorId: string | null, lang: string, panelCode?: string): string => {
    const token = randomCode(3, 4);
    // Waves: only the keyed hash of the panel code is kept with the draft (src/waves/panel.ts)
    repo.createDraft(hashCode(token), survey.row.id, survey.current.version, collectorId, lang, panelCode ? deps.responses.panelHash(survey.row.id, panelCode) : null);
    deps.surveys.recordStart(survey.row.id, collectorId);
    return token;
  });

  function load(surveyId: string, token: string | undefined): Draft | undefined {
    if (!token) return undefined;
    const row = repo.draft(hashCode(token));
    if (!row || row.survey_id !== surveyId) return undefined;
    const survey = deps.surveys.find(surveyId);
    const version = survey && deps.questionnaires.load(survey.row.questionnaire_id, row.version);
    if (!version) return undefined;
    return { token, row, version, answers: JSON.parse(row.answers) as Record<string, unknown> };
  }

  function save(draft: Draft, pageAnswers: Record<string, unknown>, page: number, lang: string) {
    draft.answers = { ...draft.answers, ...pageAnswers };
    draft.row = { ...draft.row, page, lang };
    repo.updateDraft(hashCode(draft.token), JSON.stringify(draft.answers), page, lang);
  }

  /** Validation issues of a page's answers, with "not applicable" ticked together with ratings as its own error. */
  function pageIssues(draft: Draft, questions: readonly Question[]): AnswerIssue[] {
    const conflicts = naConflicts(questions, draft.answers);
    const result = validateAnswers(draft.version.definition, withoutConflicts(draft.answers), { only: new Set(questions.map((q) => q.id)), hidden: 'drop' });
    return [...conflicts, ...(result.ok ? [] : result.issues)];
  }

  /**
   * Checks the page just left: its validation issues, and the follow-up answers whose condition is not met
   * (`unmet`). Those the respondent confirmed (`confirmed`, shown to them on this page before) are removed from the
   * draft; the others are returned to be confirmed. Nothing is dropped without the respondent having seen it.
   */
  function checkPage(draft: Draft, pageIndex: number, confirmed: ReadonlySet<string> = new Set()): { issues: AnswerIssue[]; unmet: string[] } {
    const page = draft.version.definition.pages[pageIndex];
    if (!page) return { issues: [], unmet: [] };
    const issues = pageIssues(draft, page.questions);
    const unmet = unmetFollowUps(draft.version.definition, page.questions, draft.answers);
    if (issues.length || unmet.some((id) => !confirmed.has(id))) return { issues, unmet };
    if (unmet.length) {
      for (const id of unmet) delete draft.answers[id];
      repo.updateDraft(hashCode(draft.token), JSON.stringify(draft.answers), draft.row.page, draft.row.lang);
    }
    return { issues: [], unmet: [] };
  }

  /** Validates everything and stores the response; on failure returns the first page with a problem. */
  const finish = db.transaction((survey: OpenSurvey, draft: Draft, lang: string) => {
    const pages = draft.version.definition.pages;
    const conflict = pages.findIndex((p) => naConflicts(p.questions, draft.answers).length > 0);
    if (conflict >= 0) return { ok: false as const, page: conflict, issues: pageIssues(draft, pages[conflict]!.questions) };
    const result = validateAnswers(draft.version.definition, draft.answers, { hidden: 'drop' });
    if (!result.ok) {
      const bad = new Set(result.issues.map((i) => i.questionId));
      const page = pages.findIndex((p) => p.questions.some((q) => bad.has(q.id)));
      return { ok: false as const, page: Math.max(page, 0), issues: result.issues };
    }
    const stored = deps.responses.submit({
      survey,
      version: draft.version,
      collectorId: draft.row.collector_id,
      lang,
      answers: result.answers as Answers,
      countStart: false,
      panel: draft.row.panel_hash ? { hash: draft.row.panel_hash } : undefined,
    });
    repo.deleteDraft(hashCode(draft.token));
    return stored.ok ? { ok: true as const, erasureCode: stored.erasureCode } : { ok: false as const, page: 0, issues: [] };
  });

  return {
    start: (survey: OpenSurvey, collectorId: string | null, lang: string, panelCode?: string) => start.immediate(survey, collectorId, lang, panelCode),
    /** Waves: the consent page asks for an optional panel code when the survey has named waves. */
    asksPanelCode: (surveyId: string) => waves.list(surveyId).length > 0,
    load,
    save,
    checkPage,
    finish: (survey: OpenSurvey, draft: Draft, lang: string) => finish.immediate(survey, draft, lang),
  };
}
export type Journey = ReturnType<typeof createJourney>;
