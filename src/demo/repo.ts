import type { Db } from '../shared/db';
import type { SurveyRow } from '../surveys/schema';

/** What `demo --clear` removed. */
export interface DemoRemoved {
  responses: number;
  starts: number;
  collectors: number;
  surveyDeleted: boolean;
}

export function createDemoRepo(db: Db) {
  const realCount = db.prepare<[string], number>('SELECT count(*) FROM responses WHERE survey_id = ? AND is_demo = 0').pluck();
  const demoCount = db.prepare<[string], number>('SELECT count(*) FROM responses WHERE survey_id = ? AND is_demo = 1').pluck();
  const used = db.prepare<[string, string, string, string], number>(
    `SELECT (SELECT count(*) FROM responses WHERE survey_id = ?) + (SELECT coalesce(sum(n), 0) FROM start_counts WHERE survey_id = ?)
          + (SELECT count(*) FROM collectors WHERE survey_id = ?) + (SELECT count(*) FROM drafts WHERE survey_id = ?)`,
  ).pluck();
  const markDemo = db.prepare('UPDATE surveys SET is_demo = 1 WHERE id = ?');
  const unmarkDemo = db.prepare('UPDATE surveys SET is_demo = 0 WHERE id = ?');
  const insertSurvey = db.prepare(
    `INSERT INTO surveys (id, questionnaire_id, version, default_lang, controller_name, controller_contact, retention_days, min_cell, min_group,
       closes_at, is_demo, demo_of, created_on)
     SELECT @id, questionnaire_id, version, default_lang, controller_name, controller_contact, retention_days, min_cell, min_group,
       @closesAt, 1, id, date('now') FROM surveys WHERE id = @base`,
  );
  const deleteDemoResponses = db.prepare('DELETE FROM responses WHERE survey_id = ? AND is_demo = 1');
  const deleteStartsOf = db.prepare('DELETE FROM starts WHERE survey_id = ? AND collector_id IN (SELECT value FROM json_each(?))');
  const deleteStartCountsOf = db.prepare('DELETE FROM start_counts WHERE survey_id = ? AND collector_key IN (SELECT value FROM json_each(?))');
  const deleteCollectorsOf = db.prepare('DELETE FROM collectors WHERE survey_id = ? AND id IN (SELECT value FROM json_each(?))');
  const surveyTables = ['responses', 'starts', 'start_counts', 'drafts', 'idempotency_keys', 'code_segments', 'collectors'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE survey_id = ?`),
  );
  const deleteSurvey = db.prepare('DELETE FROM surveys WHERE id = ? AND demo_of IS NOT NULL');
  const startCount = db.prepare<[string], number>('SELECT coalesce(sum(n), 0) FROM start_counts WHERE survey_id = ?').pluck();
  const collectorCount = db.prepare<[string], number>('SELECT count(*) FROM collectors WHERE survey_id = ?').pluck();

  return {
    /** Responses of the survey that are not demo data. */
    realCount: (surveyId: string) => realCount.get(surveyId) ?? 0,
    demoCount: (surveyId: string) => demoCount.get(surveyId) ?? 0,
    /** Whether anything was ever recorded for the survey: responses, consents, collectors or answers in progress. */
    inUse: (surveyId: string) => (used.get(surveyId, surveyId, surveyId, surveyId) ?? 0) > 0,
    markDemo: (surveyId: string) => void markDemo.run(surveyId),
    /** A closed demo survey `id` of the same questionnaire version and settings as `base`. */
    createDemoSurvey: (id: string, base: SurveyRow, closesAt: string) => void insertSurvey.run({ id, base: base.id, closesAt }),
    /** Removes a demo survey created by `createDemoSurvey` and everything recorded for it, in one transaction. */
    deleteDemoSurvey: db.transaction((surveyId: string): DemoRemoved => {
      const responses = demoCount.get(surveyId) ?? 0;
      const starts = startCount.get(surveyId) ?? 0;
      const collectors = collectorCount.get(surveyId) ?? 0;
      for (const statement of surveyTables) statement.run(surveyId);
      return { responses, starts, collectors, surveyDeleted: deleteSurvey.run(surveyId).changes > 0 };
    }),
    /** Removes from a survey the demo responses and the demo partners' collectors and consents, in one transaction. */
    deleteDemoData: db.transaction((surveyId: string, collectorIds: string[]): DemoRemoved => {
      const ids = JSON.stringify(collectorIds);
      const responses = deleteDemoResponses.run(surveyId).changes;
      const starts = deleteStartsOf.run(surveyId, ids).changes;
      deleteStartCountsOf.run(surveyId, ids);
      const collectors = deleteCollectorsOf.run(surveyId, ids).changes;
      unmarkDemo.run(surveyId);
      return { responses, starts, collectors, surveyDeleted: false };
    }),
  };
}
