import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/shared/db';
import { createDemoGenerator } from '../../src/demo/generator';
import { encodeAnswers } from '../../src/questionnaires/codebook';
import { createResponseRepo } from '../../src/responses/repo';
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

/**
 * `n` responses from the demo generator, written straight into the table in one transaction as the server's group
 * commit writes them (no validation, no start counts): for tests of storage, sealing and report workers at volume.
 * `text(i)` may give the free-text answer of the i-th response.
 */
export function insertGenerated(db: Db, surveyId: string, n: number, seed: number, text?: (i: number) => string | undefined) {
  const current = createSurveyService(db).find(surveyId)!.current;
  const generator = createDemoGenerator(current.definition, seed);
  const repo = createResponseRepo(db);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const r = generator.next();
      const comment = text?.(i);
      if (comment !== undefined) r.answers.anything_else = comment;
      const id = `g-${seed}-${i}-${randomUUID()}`;
      repo.insert({ publicId: id, surveyId, version: current.version, collectorId: r.collector, lang: r.lang, erasureHash: id, isDemo: false, answers: JSON.stringify(r.answers), codes: encodeAnswers(current.layout, r.answers) });
    }
  })();
}
