import type { Db } from '../shared/db';

export interface VersionRow {
  questionnaire_id: string;
  version: number;
  definition: string;
  hash: string;
}

export function createQuestionnaireRepo(db: Db) {
  const latest = db.prepare<[string], VersionRow>(
    'SELECT questionnaire_id, version, definition, hash FROM questionnaire_versions WHERE questionnaire_id = ? ORDER BY version DESC LIMIT 1',
  );
  const byVersion = db.prepare<[string, number], VersionRow>(
    'SELECT questionnaire_id, version, definition, hash FROM questionnaire_versions WHERE questionnaire_id = ? AND version = ?',
  );
  const insert = db.prepare("INSERT INTO questionnaire_versions (questionnaire_id, version, definition, hash, created_on) VALUES (?, ?, ?, ?, date('now'))");
  const replace = db.prepare('UPDATE questionnaire_versions SET definition = ?, hash = ? WHERE questionnaire_id = ? AND version = ?');
  const hashOf = db.prepare<[string, number], string>('SELECT hash FROM questionnaire_versions WHERE questionnaire_id = ? AND version = ?').pluck();
  const shippedHash = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const rememberShipped = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const responseCount = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE s.questionnaire_id = ? AND r.version = ?',
  );

  return {
    latest: (id: string) => latest.get(id),
    get: (id: string, version: number) => byVersion.get(id, version),
    insert: (id: string, version: number, definition: string, hash: string) => void insert.run(id, version, definition, hash),
    replace: (id: string, version: number, definition: string, hash: string) => void replace.run(definition, hash, id, version),
    hasResponses: (id: string, version: number) => (responseCount.get(id, version)?.n ?? 0) > 0,
    hashOf: (id: string, version: number) => hashOf.get(id, version),
    /** The hash of a shipped file's text when it was last loaded, so an unchanged file is not imported again. */
    shippedHash: (file: string) => shippedHash.get(`shipped:${file}`),
    rememberShipped: (file: string, hash: string) => void rememberShipped.run(`shipped:${file}`, hash),
  };
}
export type QuestionnaireRepo = ReturnType<typeof createQuestionnaireRepo>;
