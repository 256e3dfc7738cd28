import type { Db } from '../shared/db';

export function createDemoRepo(db: Db) {
  const realCount = db.prepare<[string], number>('SELECT count(*) FROM responses WHERE survey_id = ? AND is_demo = 0').pluck();
  const markDemo = db.prepare('UPDATE surveys SET is_demo = 1 WHERE id = ?');
  const clearDemo = db.prepare('DELETE FROM responses WHERE survey_id = ? AND is_demo = 1');

  return {
    /** Responses of the survey that are not demo data. */
    realCount: (surveyId: string) => realCount.get(surveyId) ?? 0,
    markDemo: (surveyId: string) => void markDemo.run(surveyId),
    clearDemo: (surveyId: string) => clearDemo.run(surveyId).changes,
  };
}
