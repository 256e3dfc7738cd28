import { PassThrough } from 'node:stream';
import request from 'supertest';
import { LANGUAGES } from '../../src/i18n/languages';
import { fixedT } from '../../src/i18n';
import { parseQuestionnaire } from '../../src/questionnaires/schema';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createAnalysisService } from '../../src/analysis/service';
import { createDemoService } from '../../src/demo/service';
import { renderReportPdf } from '../../src/reporting/pdf';
import { buildTestApp } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { defaultQuestionnaireText } from '../helpers/factories';

jest.setTimeout(120_000);

const SURVEY = 'youth-worker-tna';
const parsed = parseQuestionnaire(defaultQuestionnaireText(), 'youth-worker-tna.json');
if (!parsed.ok) throw new Error('the default questionnaire is invalid');
const built = buildTestApp(parsed.questionnaire);
const questionnaires = createQuestionnaireService(built.db);
const surveys = createSurveyService(built.db, questionnaires);
createDemoService(built.db, { surveys, questionnaires }).load({ surveyId: SURVEY, responses: 60, seed: 3 });
const analysis = createAnalysisService(built.db, { surveys, questionnaires });
const admin = request.agent(built.app);

beforeAll(async () => {
  addUser(built.db, 'admin@example.org', 'admin');
  await signIn(admin, 'admin@example.org');
});

describe.each(LANGUAGES)('in %s', (lang) => {
  test('when the consent page opens, then it and the questionnaire are in that language', async () => {
    const res = await request(built.app).get(`/s/${SURVEY}?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<html lang="${lang}"`);
    expect(res.text).toContain(fixedT(lang, 'respondent')('consentTitle'));
    expect(res.text).toContain(parsed.questionnaire.title[lang]!);
  });

  test('when the dashboard opens, then its headings are in that language', async () => {
    const res = await admin.get(`/admin/surveys/${SURVEY}/report?lang=${lang}&groupBy=collector`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(fixedT(lang, 'dashboard')('ranking'));
  });

  test('when the PDF report is written, then a PDF comes out', async () => {
    const report = analysis.build({ surveyId: SURVEY, lang, viewer: { freeText: 'all' } });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await renderReportPdf(report, fixedT(lang, 'report'), out);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
  });
});
