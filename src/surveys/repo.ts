import type { Db } from '../shared/db';
import type { Collector, SurveyRow } from './schema';

export function createSurveyRepo(db: Db) {
  const all = db.prepare<[], SurveyRow>('SELECT * FROM surveys ORDER BY id');
  const byId = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO surveys (id, questionnaire_id, version, default_lang, controller_name, controller_contact, created_on)
     VALUES (@id, @questionnaire_id, @version, @default_lang, @controller_name, @controller_contact, date('now'))`,
  );
  const setVersion = db.prepare('UPDATE surveys SET version = ? WHERE questionnaire_id = ?');
  const collectors = db.prepare<[string], Collector>('SELECT id, label, invited FROM collectors WHERE survey_id = ? ORDER BY label');
  const collector = db.prepare<[string, string], Collector>('SELECT id, label, invited FROM collectors WHERE survey_id = ? AND id = ?');
  const upsertCollector = db.prepare(
    `INSERT INTO collectors (survey_id, id, label, invited) VALUES (?, ?, ?, ?)
     ON CONFLICT (survey_id, id) DO UPDATE SET label = excluded.label, invited = excluded.invited`,
  );
  const start = db.prepare("INSERT INTO starts (survey_id, collector_id, started_on) VALUES (?, ?, date('now'))");

  return {
    all: () => all.all(),
    get: (id: string) => byId.get(id),
    insert: (row: Pick<SurveyRow, 'id' | 'questionnaire_id' | 'version' | 'default_lang' | 'controller_name' | 'controller_contact'>) => void insert.run(row),
    setVersion: (questionnaireId: string, version: number) => void setVersion.run(version, questionnaireId),
    collectors: (surveyId: string) => collectors.all(surveyId),
    collector: (surveyId: string, id: string) => collector.get(surveyId, id),
    saveCollector: (surveyId: string, c: Collector) => void upsertCollector.run(surveyId, c.id, c.label, c.invited ?? null),
    recordStart: (surveyId: string, collectorId: string | null) => void start.run(surveyId, collectorId),
  };
}
export type SurveyRepo = ReturnType<typeof createSurveyRepo>;
