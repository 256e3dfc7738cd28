import type { Db } from '../../src/shared/db';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { validateAnswers } from '../../src/questionnaires/answers';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createResponseService } from '../../src/responses/service';

/** Stores validated responses directly (as the API would), for analysis and report tests. */
export function seedResponses(db: Db, surveyId: string, rows: { answers: Answers; collector?: string; lang?: string }[]) {
  const surveys = createSurveyService(db, createQuestionnaireService(db));
  const responses = createResponseService(db);
  const survey = surveys.find(surveyId);
  if (!survey) throw new Error(`no survey ${surveyId}`);
  for (const row of rows) {
    if (row.collector && !surveys.collector(surveyId, row.collector)) surveys.saveCollector(surveyId, { id: row.collector, label: row.collector.toUpperCase() });
    const checked = validateAnswers(survey.current.definition, row.answers, { hidden: 'reject' });
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    responses.submit({ survey, version: survey.current, collectorId: row.collector ?? null, lang: row.lang ?? 'en', answers: checked.answers, countStart: true });
  }
}
