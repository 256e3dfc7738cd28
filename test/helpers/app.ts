import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDb, type Db } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import type { Questionnaire } from '../../src/questionnaires/schema';
import { buildQuestionnaire } from './factories';

/** A fresh in-memory database with `questionnaire` imported as an open survey with a controller set. */
export function buildTestDb(questionnaire: Questionnaire = buildQuestionnaire()): Db {
  const db = openDb(':memory:');
  const result = createQuestionnaireService(db).importText(JSON.stringify(questionnaire), 'test.json', {
    controllerName: 'Test Partnership',
    controllerContact: 'privacy@example.org',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return db;
}

/**
 * `exactFigures`: reports without disclosure perturbation, for tests that check statistics against raw answers.
 * `env`: more configuration, e.g. `{ NEEDSMAP_SUBMIT_LIMIT: '0' }` for tests that send thousands of submissions.
 */
export function buildTestApp(questionnaire?: Questionnaire, options: { exactFigures?: boolean; env?: Record<string, string> } = {}) {
  const db = buildTestDb(questionnaire);
  const config = loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: ':memory:', ...options.env });
  const app = createApp({ db, config, exactFigures: options.exactFigures });
  return { app, db, config, agent: () => request.agent(app) };
}

export const countResponses = (db: Db) => (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
