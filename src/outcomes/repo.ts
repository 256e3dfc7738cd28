import type { Db } from '../shared/db';
import type { OutcomeDefinition } from './schema';

/** Reading only, for report workers' read-only connections: a survey's outcome names and entered figures. */
export function createOutcomesReader(db: Db) {
  const list = db.prepare<[string], OutcomeDefinition>('SELECT id, label FROM survey_outcomes WHERE survey_id = ? ORDER BY position');
  const counts = db.prepare<[string], { collector_id: string; measure: string; count: number }>('SELECT collector_id, measure, count FROM collector_outcomes WHERE survey_id = ?');
  return { outcomes: (surveyId: string) => list.all(surveyId), counts: (surveyId: string) => counts.all(surveyId) };
}
export type OutcomesReader = ReturnType<typeof createOutcomesReader>;

/** All SQL of the outcome funnel: a survey's outcome names and the per-collector figures coordinators enter. */
export function createOutcomesRepo(db: Db) {
  const deleteOutcomes = db.prepare<[string]>('DELETE FROM survey_outcomes WHERE survey_id = ?');
  const insertOutcome = db.prepare<[string, string, string, number]>('INSERT INTO survey_outcomes (survey_id, id, label, position) VALUES (?, ?, ?, ?)');
  const deleteOrphanCounts = db.prepare<[string, string]>(
    "DELETE FROM collector_outcomes WHERE survey_id = ? AND measure <> 'attended' AND measure NOT IN (SELECT value FROM json_each(?))",
  );
  const upsertCount = db.prepare<[string, string, string, number, string]>(
    'INSERT INTO collector_outcomes (survey_id, collector_id, measure, count, updated_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT (survey_id, collector_id, measure) DO UPDATE SET count = excluded.count, updated_on = excluded.updated_on',
  );
  const deleteCount = db.prepare<[string, string, string]>('DELETE FROM collector_outcomes WHERE survey_id = ? AND collector_id = ? AND measure = ?');

  return {
    ...createOutcomesReader(db),
    /** Replaces the survey's outcome list; figures of outcomes no longer listed go with them. One transaction. */
    replaceOutcomes: db.transaction((surveyId: string, outcomes: readonly OutcomeDefinition[]) => {
      deleteOutcomes.run(surveyId);
      outcomes.forEach((o, i) => insertOutcome.run(surveyId, o.id, o.label, i));
      deleteOrphanCounts.run(surveyId, JSON.stringify(outcomes.map((o) => o.id)));
    }),
    /** Writes every figure of one form in one transaction: a number is stored, null removes the figure. */
    saveCounts: db.transaction((surveyId: string, entries: readonly { collectorId: string; measure: string; count: number | null }[], day: string) => {
      for (const e of entries) {
        if (e.count === null) deleteCount.run(surveyId, e.collectorId, e.measure);
        else upsertCount.run(surveyId, e.collectorId, e.measure, e.count, day);
      }
    }),
  };
}
export type OutcomesRepo = ReturnType<typeof createOutcomesRepo>;
