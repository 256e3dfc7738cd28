import express, { type RequestHandler } from 'express';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { exportRoutes } from '../../../src/reporting/exports/routes';
import { errorMiddleware } from '../../../src/shared/error-middleware';
import { unauthorized } from '../../../src/shared/errors';
import { createSurveyService } from '../../../src/surveys/service';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { createAnalysisService } from '../../../src/analysis/service';
import { createExportService } from '../../../src/reporting/exports/service';
import { createJobs } from '../../../src/jobs/service';
import type { ExportScope } from '../../../src/reporting/exports/schema';
import { csvRecords, FULL, seededDb } from './helpers';

const withScope = (scope: unknown): RequestHandler => (_req, res, next) => {
  res.locals.exportScope = scope;
  next();
};

/** The router on a bare app, as the lead will mount it, with a fake guard in place of requireAccess('export:data'). */
function appWith(guard: RequestHandler[]) {
  const db = seededDb();
  const questionnaires = createQuestionnaireService(db);
  const surveys = createSurveyService(db, questionnaires);
  const services = { analysis: createAnalysisService(db, { surveys, questionnaires }), exports: createExportService({ db, surveys }) };
  const jobs = createJobs(db, services, { workers: 0, dbFile: ':memory:', cacheViews: false });
  const app = express();
  app.use(exportRoutes({ db, surveys, jobs }, guard));
  app.use(errorMiddleware(() => undefined));
  return app;
}

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const today = () => new Date().toISOString().slice(0, 10);

describe('GET /api/surveys/:surveyId/responses.csv', () => {
  test('when the guard grants everything, then every row streams as a CSV attachment named by survey and date', async () => {
    const res = await request(appWith([withScope(FULL)])).get('/api/surveys/test-survey/responses.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="test-survey-responses-${today()}.csv"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    expect(csvRecords(res.text).map((r) => r.response_id)).toEqual(['1', '2', '3']);
  });

  test('when labels=1&lang=bg, then cells hold Bulgarian value labels', async () => {
    const res = await request(appWith([withScope(FULL)])).get('/api/surveys/test-survey/responses.csv?labels=1&lang=bg');
    expect(csvRecords(res.text)[0]).toMatchObject({ role: 'Платен', country: 'България' });
  });

  test("when the scope is a coordinator's, then only her collectors' rows and no free text leave", async () => {
    const scope: ExportScope = { collectors: ['ljubljana'], includeFreeText: false };
    const res = await request(appWith([withScope(scope)])).get('/api/surveys/test-survey/responses.csv');
    const records = csvRecords(res.text);
    expect(records.map((r) => r.collector)).toEqual(['ljubljana']);
    expect(Object.keys(records[0]!)).not.toContain('v_comment');
  });

  test.each([
    ['no scope', undefined],
    ['a malformed scope', { collectors: 'everything', includeFreeText: 'yes' }],
  ])('when the guard sets %s, then the most restrictive one applies: a header, no rows, no free text', async (_what, scope) => {
    const res = await request(appWith([withScope(scope)])).get('/api/surveys/test-survey/responses.csv');
    expect(res.status).toBe(200);
    expect(csvRecords(res.text)).toEqual([]);
    expect(res.text).not.toContain('v_comment');
  });

  test('when the guard refuses, then 401 and no data', async () => {
    const refuse: RequestHandler = (_req, _res, next) => next(unauthorized());
    const res = await request(appWith([refuse])).get('/api/surveys/test-survey/responses.csv');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test.each(['/api/surveys/nope/responses.csv', '/api/surveys/nope/responses.xlsx', '/api/surveys/nope/codebook.sps'])(
    'when the survey is unknown (%s), then 404 JSON',
    async (url) => {
      const res = await request(appWith([withScope(FULL)])).get(url);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'not_found', message: 'There is no such survey.' });
    },
  );

  test.each([['?labels=yes'], ['?lang=xx']])('when the query is invalid (%s), then 400', async (query) => {
    const res = await request(appWith([withScope(FULL)])).get(`/api/surveys/test-survey/responses.csv${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});

describe('GET /api/surveys/:surveyId/responses.xlsx', () => {
  test('when granted, then a workbook with both sheets downloads', async () => {
    const res = await request(appWith([withScope(FULL)])).get('/api/surveys/test-survey/responses.xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="test-survey-responses-${today()}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['responses', 'codebook']);
    expect(workbook.getWorksheet('responses')!.rowCount).toBe(4);
  });
});

describe('GET /api/surveys/:surveyId/codebook.sps', () => {
  test('when granted, then SPSS syntax that reads the CSV of the same day downloads', async () => {
    const res = await request(appWith([withScope(FULL)])).get('/api/surveys/test-survey/codebook.sps?lang=bg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="test-survey-codebook-${today()}.sps"`);
    expect(res.text).toContain(`/FILE='test-survey-responses-${today()}.csv'`);
    expect(res.text).toContain("  /role 'Роля'");
  });

  test('when free text is not allowed, then the syntax matches the CSV the caller can get', async () => {
    const res = await request(appWith([withScope({ collectors: 'all', includeFreeText: false })])).get('/api/surveys/test-survey/codebook.sps');
    expect(res.text).not.toContain('v_comment');
  });
});
