import { Writable } from 'node:stream';
import type { Db } from '../../../src/shared/db';
import type { Answers } from '../../../src/questionnaires/answers-schema';
import { createSurveyService } from '../../../src/surveys/service';
import { createResponseService } from '../../../src/responses/service';
import { createExportService } from '../../../src/reporting/exports/service';
import type { ExportScope, ExportSet } from '../../../src/reporting/exports/schema';
import { buildTestDb } from '../../helpers/app';
import { buildQuestionnaire, validAnswers } from '../../helpers/factories';

export const FULL: ExportScope = { collectors: 'all', includeFreeText: true };

export interface Seed {
  answers: Answers;
  lang?: string;
  collector?: string | null;
  isDemo?: boolean;
}

/** Stores responses the way the respondent journey does (one transaction each, codes from the layout). */
export function submitAll(db: Db, seeds: readonly Seed[], surveyId = 'test-survey') {
  const surveys = createSurveyService(db);
  const responses = createResponseService(db);
  const survey = surveys.find(surveyId)!;
  for (const s of seeds) {
    const result = responses.submit({
      survey,
      version: survey.current,
      collectorId: s.collector ?? null,
      lang: s.lang ?? 'en',
      answers: s.answers,
      countStart: true,
      isDemo: s.isDemo,
    });
    if (!result.ok) throw new Error('submission refused');
  }
}

/** The test survey with two collectors and three responses: Sofia (bg), Ljubljana (en, demo), the direct link. */
export function seededDb(): Db {
  const db = buildTestDb(buildQuestionnaire());
  const surveys = createSurveyService(db);
  surveys.saveCollector('test-survey', { id: 'sofia', label: 'Sofia youth centre', invited: 10 });
  surveys.saveCollector('test-survey', { id: 'ljubljana', label: 'Ljubljana "Mladi"', invited: null });
  submitAll(db, [
    { answers: validAnswers(), lang: 'bg', collector: 'sofia' },
    {
      answers: validAnswers({ country: 'other', role: 'volunteer', hours: undefined, settings: [], fac_1: 'na', comment: '=HYPERLINK("http://x")' }),
      collector: 'ljubljana',
      isDemo: true,
    },
    { answers: { country: 'SI', role: 'paid', fac_1: { importance: 3, proficiency: 4 }, fac_2: { importance: 2, proficiency: 1 } } },
  ].map((s) => ({ ...s, answers: JSON.parse(JSON.stringify(s.answers)) as Answers })));
  return db;
}

export function exportSet(db: Db, scope: ExportScope = FULL, lang?: string, surveyId = 'test-survey'): ExportSet {
  const set = createExportService({ db, surveys: createSurveyService(db) }).prepare({ surveyId, lang, scope });
  if (!set) throw new Error('unknown survey');
  return set;
}

/** A Writable that keeps what it receives, to read an export back in a test. */
export function sink() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, buffer: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Parses our CSV (BOM stripped, CRLF records, RFC 4180 quotes) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) cell += c;
    else if (c === ',') endCell();
    else if (c === '\r' && body[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
