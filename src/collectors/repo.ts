import type { Db } from '../shared/db';

/** What stands between a collector and its deletion: responses stored, people answering now, consents counted. */
export interface CollectorUsage {
  responses: number;
  drafts: number;
  starts: number;
}

export function createCollectorRepo(db: Db) {
  const usage = db.prepare<[string, string, string, string, string, string], CollectorUsage>(
    `SELECT (SELECT count(*) FROM responses WHERE survey_id = ? AND collector_id = ?) AS responses,
            (SELECT count(*) FROM drafts WHERE survey_id = ? AND collector_id = ? AND expires_on >= date('now')) AS drafts,
            (SELECT count(*) FROM starts WHERE survey_id = ? AND collector_id = ?) AS starts`,
  );
  const archive = db.prepare("UPDATE collectors SET archived_on = date('now') WHERE survey_id = ? AND id = ? AND archived_on IS NULL");
  const reopen = db.prepare('UPDATE collectors SET archived_on = NULL WHERE survey_id = ? AND id = ? AND archived_on IS NOT NULL');
  const deleteStarts = db.prepare('DELETE FROM starts WHERE survey_id = ? AND collector_id = ?');
  const deleteStartCount = db.prepare('DELETE FROM start_counts WHERE survey_id = ? AND collector_key = ?');
  const deleteExpiredDrafts = db.prepare('DELETE FROM drafts WHERE survey_id = ? AND collector_id = ?');
  const deleteCollector = db.prepare('DELETE FROM collectors WHERE survey_id = ? AND id = ?');

  return {
    usage: (surveyId: string, id: string) => usage.get(surveyId, id, surveyId, id, surveyId, id)!,
    /** Closes the link from today; false when it was already closed. */
    archive: (surveyId: string, id: string) => archive.run(surveyId, id).changes > 0,
    reopen: (surveyId: string, id: string) => reopen.run(surveyId, id).changes > 0,
    /**
     * Deletes a collector with the consents counted for it and its expired drafts, in one transaction (coordinator
     * scopes on it go by their foreign key). The caller has checked it holds no responses and no draft in progress.
     */
    delete: db.transaction((surveyId: string, id: string) => {
      deleteStarts.run(surveyId, id);
      deleteStartCount.run(surveyId, id);
      deleteExpiredDrafts.run(surveyId, id);
      return deleteCollector.run(surveyId, id).changes > 0;
    }),
  };
}
export type CollectorRepo = ReturnType<typeof createCollectorRepo>;
