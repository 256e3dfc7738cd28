import { createAnalysisService } from '../../src/analysis/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { buildTestDb } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { submitAll } from '../reporting/exports/helpers';

function reportOf(db: ReturnType<typeof buildTestDb>) {
  const questionnaires = createQuestionnaireService(db);
  const analysis = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires });
  return analysis.build({ surveyId: 'test-survey', viewer: { freeText: 'none' } });
}

describe('the demo flag of a report (through the partial index of demo rows, migration 026)', () => {
  test('when a survey holds only real responses, then its report is not marked demo', () => {
    const db = buildTestDb();
    submitAll(db, Array.from({ length: 12 }, () => ({ answers: validAnswers() })));
    expect(reportOf(db).survey.isDemo).toBe(false);
  });

  test('when one demo response sits among real ones, then the report is marked demo', () => {
    const db = buildTestDb();
    submitAll(db, [...Array.from({ length: 12 }, () => ({ answers: validAnswers() })), { answers: validAnswers(), isDemo: true }]);
    expect(reportOf(db).survey.isDemo).toBe(true);
  });

  test('when the question is asked, then SQLite answers it from the index, not by reading the responses', () => {
    const db = buildTestDb();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM responses WHERE survey_id = ? AND is_demo = 1)').all('test-survey') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX responses_demo/);
  });
});
