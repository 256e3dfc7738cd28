import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { validAnswers, buildQuestionnaire } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { createAnalysisService, type ReportRequest } from '../../src/analysis/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { openDb, type Db } from '../../src/shared/db';

/**
 * A report is built once while nothing is written to the database (analysis/service.ts `build`): any write, by this
 * connection or another one (a worker reads through its own), must give the next request a report built anew.
 */
function fileDb(): { db: Db; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-memo-')), 'db.sqlite');
  const db = openDb(file);
  const result = createQuestionnaireService(db).importText(JSON.stringify(buildQuestionnaire()), 'test.json', { controllerName: 'Test', controllerContact: 'x@example.org' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { db, file };
}

const service = (db: Db) => {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires });
};
const request: ReportRequest = { surveyId: 'test-survey', lang: 'en', groupBy: 'collector', viewer: { freeText: 'all' } };
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ collector: i % 2 ? 'sofia' : 'rome', lang: 'en', answers: validAnswers({ comment: `remark ${i}` }) }));
const partnerLabels = (report: ReturnType<ReturnType<typeof service>['build']>) => report.comparison?.groups.map((g) => g.label).sort();

describe('reports kept while nothing is written', () => {
  test('when the same report is asked twice with no write between, then both are equal copies and changing one changes nothing kept', () => {
    const { db } = fileDb();
    seedResponses(db, 'test-survey', rows(40));
    const reports = service(db);
    const first = reports.build(request);
    first.items.length = 0;
    first.sample.funnel[0]!.label = 'changed by a caller';
    const second = reports.build(request);
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.sample.funnel.map((f) => f.label)).not.toContain('changed by a caller');
    expect(second).toEqual(reports.build(request));
    expect(second).not.toBe(reports.build(request));
  });

  test('when this connection writes anything between two requests (a partner renamed), then the next report shows it', () => {
    const { db } = fileDb();
    seedResponses(db, 'test-survey', rows(40));
    const reports = service(db);
    expect(partnerLabels(reports.build(request))).toEqual(['ROME', 'SOFIA']);
    createSurveyService(db).saveCollector('test-survey', { id: 'rome', label: 'Roma' });
    expect(partnerLabels(reports.build(request))).toEqual(['Roma', 'SOFIA']);
  });

  test('when another connection writes between two requests (as the server does for a worker), then the next report shows it', () => {
    const { db, file } = fileDb();
    seedResponses(db, 'test-survey', rows(40));
    const reader = new Database(file, { readonly: true });
    const questionnaires = createQuestionnaireService(reader as unknown as Db);
    const reports = createAnalysisService(reader as unknown as Db, { surveys: createSurveyService(reader as unknown as Db, questionnaires), questionnaires });
    const before = reports.build(request);
    expect(before.sample.n).toEqual(reports.build(request).sample.n);
    seedResponses(db, 'test-survey', rows(30));
    const after = reports.build(request);
    expect(after.openAnswers[0]!.total).toBeGreaterThan(before.openAnswers[0]!.total);
    reader.close();
  });
});
