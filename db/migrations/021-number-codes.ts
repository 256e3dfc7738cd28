/**
 * Number questions enter the coded layout (two bytes each, src/questionnaires/number-code.ts), and the bytes after
 * a number question move. Every stored response of a questionnaire version with a number question is coded again
 * from its JSON answers (the source of truth, unchanged) with the current codebook, so nothing is lost; sealed
 * segments are dropped and reseal at the next report. Versions without number questions keep their codes: their
 * layout did not change (competence codes of 5-point scales, the only ones stored before, are the same bytes).
 */
import type { Db } from '../../src/shared/db';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { buildLayout, encodeAnswers } from '../../src/questionnaires/codebook';
import type { Questionnaire } from '../../src/questionnaires/schema';

export function up(db: Db): void {
  const versions = db.prepare<[], { questionnaire_id: string; version: number; definition: string }>('SELECT questionnaire_id, version, definition FROM questionnaire_versions').all();
  const responses = db.prepare<[string, number], { id: number; answers: string; codes: Buffer }>(
    'SELECT r.id, r.answers, r.codes FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE s.questionnaire_id = ? AND r.version = ?',
  );
  const update = db.prepare<[Buffer, number]>('UPDATE responses SET codes = ? WHERE id = ?');
  for (const row of versions) {
    const definition = JSON.parse(row.definition) as Questionnaire;
    if (!definition.pages.some((p) => p.questions.some((q) => q.type === 'number'))) continue;
    const layout = buildLayout(definition);
    for (const response of responses.all(row.questionnaire_id, row.version)) {
      const codes = Buffer.from(encodeAnswers(layout, JSON.parse(response.answers) as Answers));
      if (!codes.equals(response.codes)) update.run(codes, response.id);
    }
  }
  db.exec('DELETE FROM code_segments');
}
