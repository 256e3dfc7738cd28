import type { Db } from '../shared/db';
import type { Wave, WaveRow } from './schema';

/** One stored response as the wave comparison reads it. */
export type WaveResponseRow = [id: number, version: number, codes: Buffer, collectorId: string | null, lang: string, panelHash: Buffer | null];

/**
 * The wave a response sent today belongs to, as an SQL expression over the survey id bound at `?` (used inside the
 * responses' INSERT, src/responses/repo.ts, so the decision costs no extra statement): among the waves open today,
 * the one opened last (no opening day = opened first), equal days the one added last; none open → NULL, the default
 * wave. Days are UTC, like `submitted_on`.
 */
export const WAVE_OF_TODAY_SQL = `(SELECT w.id FROM waves w WHERE w.survey_id = ?
   AND (w.opens_on IS NULL OR w.opens_on <= date('now')) AND (w.closes_on IS NULL OR w.closes_on >= date('now'))
   ORDER BY coalesce(w.opens_on, '') DESC, w.seq DESC LIMIT 1)`;

export function createWaveRepo(db: Db) {
  const list = db.prepare<[string], WaveRow>('SELECT id, label, opens_on AS opens, closes_on AS closes, seq FROM waves WHERE survey_id = ? ORDER BY seq');
  const insert = db.prepare(
    `INSERT INTO waves (survey_id, id, label, opens_on, closes_on, seq, created_on)
     VALUES (@survey, @id, @label, @opens, @closes, (SELECT coalesce(max(seq), 0) + 1 FROM waves WHERE survey_id = @survey), date('now'))`,
  );
  const update = db.prepare('UPDATE waves SET label = @label, opens_on = @opens, closes_on = @closes WHERE survey_id = @survey AND id = @id');
  const counts = db.prepare<[string], { wave: string | null; n: number }>('SELECT wave_id AS wave, count(*) AS n FROM responses WHERE survey_id = ? GROUP BY wave_id');
  const rows = db.prepare<[string, string | null], WaveResponseRow>(
    'SELECT id, version, codes, collector_id, lang, panel_hash FROM responses WHERE survey_id = ? AND wave_id IS ? ORDER BY id',
  ).raw();
  const today = db.prepare<[string], string | null>(`SELECT ${WAVE_OF_TODAY_SQL}`).pluck();
  const assign = db.prepare('UPDATE responses SET wave_id = ? WHERE survey_id = ? AND id > ? AND is_demo = 1');
  const demoRows = db.prepare<[string], { id: number; answers: string; collector_id: string | null; lang: string }>(
    'SELECT id, answers, collector_id, lang FROM responses WHERE survey_id = ? AND is_demo = 1 ORDER BY id',
  );
  const setPanel = db.prepare('UPDATE responses SET panel_hash = ? WHERE id = ? AND is_demo = 1');
  const secret = db.prepare<[], Buffer>('SELECT secret FROM disclosure_secret WHERE id = 1').pluck();
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM responses').pluck();

  return {
    list: (surveyId: string) => list.all(surveyId),
    /** Adds a wave, or changes the label and dates of an existing one (responses already sent keep their wave). */
    save: (surveyId: string, wave: Wave, exists: boolean) => {
      const params = { survey: surveyId, id: wave.id, label: wave.label, opens: wave.opens ?? null, closes: wave.closes ?? null };
      if (exists) update.run(params);
      else insert.run(params);
    },
    /** Responses per wave (null: the default wave): exact, for admins and the command line only. */
    counts: (surveyId: string) => new Map(counts.all(surveyId).map((r) => [r.wave, r.n])),
    /** Every response of one wave (`null`: the default wave), oldest first. */
    rows: (surveyId: string, waveId: string | null) => rows.iterate(surveyId, waveId),
    /** The wave a response sent today would belong to (null: the default wave). */
    today: (surveyId: string) => today.get(surveyId) ?? null,
    /** Demo data: puts the demo responses stored after `afterId` into a wave. */
    assignDemo: (surveyId: string, waveId: string | null, afterId: number) => assign.run(waveId, surveyId, afterId).changes,
    lastId: () => lastId.get() ?? 0,
    /** Demo data: the demo responses of a survey, oldest first. */
    demoRows: (surveyId: string) => demoRows.all(surveyId),
    /** Demo data: gives a demo response a panel-code hash. */
    setDemoPanel: (id: number, hash: Buffer) => void setPanel.run(hash, id),
    /** The disclosure secret (migration 022), the key of panel-code hashes; never output. */
    secret: () => secret.get(),
  };
}
export type WaveRepo = ReturnType<typeof createWaveRepo>;
