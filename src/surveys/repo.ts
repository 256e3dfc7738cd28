import type { Db } from '../shared/db';
import type { Collector, CollectorRow, FunnelCount, SurveyRow, SurveySettings } from './schema';

export function createSurveyRepo(db: Db) {
  const all = db.prepare<[], SurveyRow>('SELECT * FROM surveys ORDER BY id');
  const generation = db.prepare<[], number>('SELECT n FROM config_generation WHERE id = 1').pluck();
  const byId = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO surveys (id, questionnaire_id, version, default_lang, controller_name, controller_contact, created_on)
     VALUES (@id, @questionnaire_id, @version, @default_lang, @controller_name, @controller_contact, date('now'))`,
  );
  const setVersion = db.prepare('UPDATE surveys SET version = ? WHERE questionnaire_id = ?');
  const collectorColumns = 'id, label, invited, archived_on AS archivedOn';
  const collectors = db.prepare<[string], CollectorRow>(`SELECT ${collectorColumns} FROM collectors WHERE survey_id = ? ORDER BY label`);
  const collector = db.prepare<[string, string], CollectorRow>(`SELECT ${collectorColumns} FROM collectors WHERE survey_id = ? AND id = ?`);
  const upsertCollector = db.prepare(
    `INSERT INTO collectors (survey_id, id, label, invited) VALUES (?, ?, ?, ?)
     ON CONFLICT (survey_id, id) DO UPDATE SET label = excluded.label, invited = excluded.invited`,
  );
  const updateSettings = db.prepare(
    `UPDATE surveys SET controller_name = @controllerName, controller_contact = @controllerContact, retention_days = @retentionDays,
       min_cell = @minCell, min_group = @minGroup, default_lang = @defaultLang, opens_at = @opensAt, closes_at = @closesAt
     WHERE id = @id`,
  );
  const funnel = db.prepare<[string, string], FunnelCount>(
    `SELECT collector_id, sum(started) AS started, sum(completed) AS completed FROM (
       SELECT collector_id, 1 AS started, 0 AS completed FROM starts WHERE survey_id = ?
       UNION ALL SELECT collector_id, 0, 1 FROM responses WHERE survey_id = ?
     ) GROUP BY collector_id`,
  );
  const responseCounts = db.prepare<[], { survey_id: string; n: number }>('SELECT survey_id, count(*) AS n FROM responses GROUP BY survey_id');
  const start = db.prepare("INSERT INTO starts (survey_id, collector_id, started_on) VALUES (?, ?, date('now'))");

  return {
    all: () => all.all(),
    /** Raised by triggers on every change to surveys, collectors and questionnaire versions, by any process. */
    generation: () => generation.get() ?? 0,
    get: (id: string) => byId.get(id),
    insert: (row: Pick<SurveyRow, 'id' | 'questionnaire_id' | 'version' | 'default_lang' | 'controller_name' | 'controller_contact'>) => void insert.run(row),
    setVersion: (questionnaireId: string, version: number) => void setVersion.run(version, questionnaireId),
    collectors: (surveyId: string) => collectors.all(surveyId),
    collector: (surveyId: string, id: string) => collector.get(surveyId, id),
    saveCollector: (surveyId: string, c: Collector) => void upsertCollector.run(surveyId, c.id, c.label, c.invited ?? null),
    updateSettings: (id: string, s: SurveySettings) => updateSettings.run({ ...s, id }).changes > 0,
    /** Started and completed per collector, for the response-rate funnel (METHODOLOGY §5). */
    funnel: (surveyId: string) => funnel.all(surveyId, surveyId),
    responseCounts: () => new Map(responseCounts.all().map((r) => [r.survey_id, r.n])),
    recordStart: (surveyId: string, collectorId: string | null) => void start.run(surveyId, collectorId),
  };
}
export type SurveyRepo = ReturnType<typeof createSurveyRepo>;
