import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS_DIR, openDb, type Db } from '../../src/shared/db';
import { buildLayout, encodeAnswers } from '../../src/questionnaires/codebook';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createAnalysisService } from '../../src/analysis/service';
import { createSegmentStore } from '../../src/analysis/segments';
import { isSuppressed } from '../../src/analysis/schema';
import type { Answers } from '../../src/questionnaires/answers-schema';
import * as v1 from '../fixtures/codebook-v1';
import { buildTestDb } from '../helpers/app';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { rawQuantile7, rawVariance } from './stats/raw-reference';

const MIGRATION = '021-number-codes.ts';
const questionnaire = buildQuestionnaire();

/** 40 respondents with varied answers; a quarter are volunteers, who are not asked the number of hours. */
const rows = Array.from({ length: 40 }, (_, i) => {
  const paid = i % 4 !== 3;
  const answers: Answers = validAnswers({
    country: ['BG', 'SI', 'IT'][i % 3]!,
    role: paid ? 'paid' : 'volunteer',
    fac_1: { importance: 1 + (i % 5), proficiency: 1 + ((i * 3) % 5) },
    fac_2: i % 7 === 0 ? 'na' : { importance: 1 + ((i * 2) % 5), proficiency: 1 + (i % 4) },
    interest: 1 + (i % 3),
  });
  if (paid) answers.hours = (i * 7) % 81;
  else delete answers.hours;
  return { answers, collector: i % 2 ? 'sofia' : 'rome', lang: i % 2 ? 'bg' : 'en' };
});

/** A database file with every migration before the one under test, holding `rows` coded in the old layout. */
function oldDatabase(dir: string): string {
  const migrations = path.join(dir, 'migrations');
  fs.mkdirSync(migrations);
  // every migration but 021 (later ones too: the code that imports the questionnaire needs their columns)
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f !== MIGRATION)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(migrations, f));
  const file = path.join(dir, 'old.sqlite');
  const db: Db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, migrations);
  const imported = createQuestionnaireService(db).importText(JSON.stringify(questionnaire), 'test.json', { controllerName: 'Test', controllerContact: 'x@example.org' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  // the partners the fresh database gets from seedResponses, with the same labels
  const surveys = createSurveyService(db, createQuestionnaireService(db));
  for (const id of ['rome', 'sofia']) surveys.saveCollector('test-survey', { id, label: id.toUpperCase() });
  const layout = v1.buildLayout(questionnaire);
  const insert = db.prepare("INSERT INTO responses (public_id, survey_id, version, collector_id, lang, submitted_on, erasure_hash, answers, codes) VALUES (?, 'test-survey', 1, ?, ?, '2026-01-01', ?, ?, ?)");
  rows.forEach((row, i) => insert.run(`p${i}`, row.collector, row.lang, `h${i}`, JSON.stringify(row.answers), Buffer.from(v1.encodeAnswers(layout, row.answers))));
  // five sealed segments of 8 as the code of that time wrote them (the columns of migration 010)
  const seg = db.prepare("INSERT INTO code_segments (survey_id, version, first_id, last_id, count, codes, meta, refs) VALUES ('test-survey', 1, ?, ?, 8, x'00', '{}', x'00')");
  for (let s = 0; s < 5; s++) seg.run(s * 8 + 1, s * 8 + 8);
  db.close();
  return file;
}

const reportOf = (db: Db) => {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb: false }).build({ surveyId: 'test-survey', groupBy: 'role', viewer: { freeText: 'all' } });
};

describe('migration 021: numbers enter the coded layout', () => {
  test('when a database coded in the old layout is opened, then every response is coded again from its answers, nothing lost, and segments reseal', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-migration-'));
    try {
      const file = oldDatabase(dir);
      const before = new Database(file, { readonly: true });
      const oldCodes = before.prepare('SELECT codes FROM responses ORDER BY id').pluck().all() as Buffer[];
      expect(before.prepare('SELECT count(*) FROM code_segments').pluck().get()).toBe(5);
      before.close();
      expect(oldCodes[0]!.length).toBe(v1.buildLayout(questionnaire).size);
      expect(buildLayout(questionnaire).size).toBe(v1.buildLayout(questionnaire).size + 2);

      const db = openDb(file);
      expect(db.prepare('SELECT name FROM schema_migrations WHERE name = ?').pluck().get(MIGRATION)).toBe(MIGRATION);
      const stored = db.prepare('SELECT answers, codes FROM responses ORDER BY id').all() as { answers: string; codes: Buffer }[];
      expect(stored).toHaveLength(rows.length);
      stored.forEach((row, i) => {
        expect(JSON.parse(row.answers)).toEqual(rows[i]!.answers);
        expect(Buffer.from(row.codes).equals(Buffer.from(encodeAnswers(buildLayout(questionnaire), rows[i]!.answers)))).toBe(true);
      });
      expect(db.prepare('SELECT count(*) FROM code_segments').pluck().get()).toBe(0);

      // The same answers stored with the current code give the same report, numbers included.
      const migrated = reportOf(db);
      const fresh = buildTestDb(questionnaire);
      seedResponses(fresh, 'test-survey', rows);
      const expected = reportOf(fresh);
      expect({ ...migrated, generatedOn: '', sample: { ...migrated.sample, funnel: [] } }).toEqual({ ...expected, generatedOn: '', sample: { ...expected.sample, funnel: [] } });
      createSegmentStore(db, 8).seal('test-survey', 1);
      expect(db.prepare('SELECT count(*) FROM code_segments').pluck().get()).toBe(5);
      expect(reportOf(db).scores).toEqual(migrated.scores);

      const hours = rows.flatMap((r) => (typeof r.answers.hours === 'number' ? [r.answers.hours] : []));
      const score = migrated.scores.find((s) => s.questionId === 'hours')!;
      if (isSuppressed(score.stats)) throw new Error('hours suppressed');
      expect(score.n).toBe(30);
      expect(score.stats.mean).toBeCloseTo(hours.reduce((a, b) => a + b, 0) / hours.length, 12);
      expect(score.stats.sd).toBeCloseTo(Math.sqrt(rawVariance(hours)), 12);
      expect([score.stats.q1, score.stats.median, score.stats.q3]).toEqual([0.25, 0.5, 0.75].map((p) => rawQuantile7(hours, p)));
      db.close();
      fresh.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
