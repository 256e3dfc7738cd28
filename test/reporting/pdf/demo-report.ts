import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalysisService, type ReportRequest } from '../../../src/analysis/service';
import { createDemoService } from '../../../src/demo/service';
import { fixedT } from '../../../src/i18n';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { renderReportPdf } from '../../../src/reporting/pdf';
import { openDb, type Db } from '../../../src/shared/db';
import { createSurveyService } from '../../../src/surveys/service';

/** The shipped questionnaire with `responses` synthetic demo responses in an in-memory database. */
export function buildDemoDb(responses: number, seed = 7): Db {
  const db = openDb(':memory:');
  const questionnaires = createQuestionnaireService(db);
  for (const result of questionnaires.importShipped()) if (!result.ok) throw new Error(JSON.stringify(result.problems));
  createDemoService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }).load({ surveyId: 'youth-worker-tna', responses, seed });
  return db;
}

export function buildReport(db: Db, request: Partial<ReportRequest> = {}) {
  const questionnaires = createQuestionnaireService(db);
  const analysis = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb: false });
  return analysis.build({ surveyId: 'youth-worker-tna', viewer: { freeText: 'all' }, ...request });
}

export const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-pdf-'));

/** Renders a report to a file and returns its path. */
export async function renderToFile(report: ReturnType<typeof buildReport>, dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  await renderReportPdf(report, fixedT(report.lang, 'report'), fs.createWriteStream(file));
  return file;
}

/** True when poppler-utils (pdftotext, pdfinfo, pdffonts) are installed. */
export const hasPoppler = () => spawnSync('pdftotext', ['-v']).error === undefined;

/** The text of a PDF (or of pages first..last) in content-stream order, one string per page. */
export function pdfPages(file: string): string[] {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

export const pdfFonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
