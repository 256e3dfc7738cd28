import fc from 'fast-check';
import type { Db } from '../../../src/shared/db';
import type { Answers, AnswerValue } from '../../../src/questionnaires/answers-schema';
import { encodeAnswers } from '../../../src/questionnaires/codebook';
import { allQuestions, parseQuestionnaire, type Question, type Questionnaire } from '../../../src/questionnaires/schema';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { createResponseRepo } from '../../../src/responses/repo';
import { createSurveyService } from '../../../src/surveys/service';
import { LANGUAGES } from '../../../src/i18n/languages';
import { compileRow } from '../../../src/reporting/exports/cells';
import { csvField, writeCsv } from '../../../src/reporting/exports/csv';
import { writeXlsx } from '../../../src/reporting/exports/xlsx';
import { createExportService } from '../../../src/reporting/exports/service';
import type { ExportRecord, ExportSet } from '../../../src/reporting/exports/schema';
import { buildTestDb } from '../../helpers/app';
import { buildQuestionnaire, defaultQuestionnaireText } from '../../helpers/factories';
import { scaleQuestionnaire } from '../../analysis/scale-data';
import { FULL, sink } from './helpers';

/**
 * The CSV export reads most cells from the stored codes and looks single answers up in the JSON text (coded.ts).
 * The reference here is the writer as it was before: every row's JSON parsed, every cell from the parsed answers
 * (cells.ts), serialised field by field. Both must give the same bytes for random responses: not applicable, no
 * answer, empty and full lists, numbers with decimals, tiny and huge, free text with quotes, line breaks, backslashes,
 * formula-like starts and pieces of the stored JSON itself, keys in any order, every shipped language.
 */
function referenceCsv(set: ExportSet, labels: boolean): string {
  const toCells = compileRow(set.variables, { labels });
  let text = '\uFEFF' + set.variables.map((v) => csvField(v.name)).join(',') + '\r\n';
  for (const record of set.rows()) {
    const answers = record.json === undefined ? record.answers : (JSON.parse(record.json) as Answers);
    const cells = toCells({ ...record, answers });
    let line = csvField(cells[0] ?? null);
    for (let i = 1; i < cells.length; i++) line += ',' + csvField(cells[i]!);
    text += line + '\r\n';
  }
  return text;
}

const PIECES = ['"', '""', '\\', '\\"', '\n', '\r\n', '\r', ' ', ',', ';', '=', '+', '-', '@', '\t', '{', '}', '[', ']', ':', 'na', '"na"',
  '","fac_1":"na', '"fac_1":', ',"comment":"x"}', '"top_topics"', '"facilitating_1":{"importance":1', 'Ünïcödé', 'Кирилица', 'Ελληνικά', '😀', '\u2028', '—', '=HYPERLINK("http://x")'];

const textArb = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

const numberArb = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -99999, max: 99999 }).map((n) => n / 100),
  fc.constantFrom(0, -0, 1e-20, -3.5e-19, 1e17, 9.99e17, 1.5e21, 0.1, 2.675),
);

/** One answer of `q`, undefined for none. Competence pairs use the questionnaire's scale length. */
function answerArb(q: Question, points: number): fc.Arbitrary<AnswerValue | undefined> {
  const none = fc.constant(undefined);
  const rating = fc.integer({ min: 1, max: points });
  switch (q.type) {
    case 'single':
      return fc.oneof(none, fc.constantFrom(...q.options.map((o) => o.id)));
    case 'country':
      return fc.oneof(none, fc.constantFrom(...q.countries, ...(q.allowOther ? ['other'] : [])));
    case 'likert':
      return fc.oneof(none, fc.integer({ min: 1, max: q.points.length }));
    case 'multiple':
      return fc.oneof(none, fc.shuffledSubarray(q.options.map((o) => o.id)));
    case 'competence':
      return fc.oneof(none, fc.constant('na' as const), fc.record({ importance: rating, proficiency: rating }));
    case 'number':
      return fc.oneof(none, numberArb);
    case 'text':
      return fc.oneof(none, textArb);
  }
}

/** Random responses, their keys in form order or shuffled (both are stored). */
function responsesArb(q: Questionnaire): fc.Arbitrary<{ answers: Answers; lang: string; collector: string | null; isDemo: boolean }> {
  const points = q.competenceScales?.importance.points.length ?? 5;
  const questions = allQuestions(q);
  const answers = fc
    .tuple(fc.tuple(...questions.map((x) => answerArb(x, points))), fc.boolean(), fc.integer())
    .map(([values, shuffle, seed]) => {
      const entries = questions.map((x, i) => [x.id, values[i]] as const).filter(([, v]) => v !== undefined);
      if (shuffle) entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 17 + seed) % 7));
      return Object.fromEntries(entries) as Answers;
    });
  return fc.record({ answers, lang: fc.constantFrom(...q.languages), collector: fc.constantFrom(null, 'sofia', 'ljubljana'), isDemo: fc.boolean() });
}

/** Stores responses as the respondent journey does: the JSON text of the answers and their codes. */
function store(db: Db, surveyId: string, count: number, seed: number): void {
  const current = createSurveyService(db).find(surveyId)!.current;
  const repo = createResponseRepo(db);
  fc.sample(responsesArb(current.definition), { numRuns: count, seed }).forEach((r, i) => {
    const id = `${surveyId}-${seed}-${i}`;
    repo.insert({ publicId: id, surveyId, version: current.version, collectorId: r.collector, lang: r.lang, erasureHash: id, isDemo: r.isDemo, answers: JSON.stringify(r.answers), codes: encodeAnswers(current.layout, r.answers) });
  });
}

function dbWith(q: Questionnaire): Db {
  const db = buildTestDb(q);
  const surveys = createSurveyService(db);
  surveys.saveCollector(q.id, { id: 'sofia', label: 'Sofia, "youth" centre', invited: 10 });
  surveys.saveCollector(q.id, { id: 'ljubljana', label: '=Ljubljana', invited: null });
  return db;
}

/** The same rows as plain records with parsed answers and no stored text: what the XLSX writer read before. */
function parsedOnly(set: ExportSet): ExportSet {
  return {
    ...set,
    *rows() {
      for (const r of set.rows()) {
        const { id, collectorId, lang, submittedOn, version, isDemo, answers } = r;
        yield { ...r, id, collectorId, lang, submittedOn, version, isDemo, answers, json: undefined, codesHex: undefined } as ExportRecord;
      }
    },
  };
}

async function xlsxBytes(set: ExportSet, labels: boolean): Promise<Buffer> {
  const out = sink();
  await writeXlsx(set, out.stream, { labels });
  return out.buffer();
}

/** Exports in each language, codes and labels, against the reference; resolves with the rows and the rows parsed. */
async function compare(db: Db, surveyId: string, langs: readonly string[], ownConnection = false, xlsx = true): Promise<{ rows: number; parsed: number }> {
  let rows = 0;
  let parsed = 0;
  for (const lang of langs) {
    for (const labels of [false, true]) {
      const set = createExportService({ db, surveys: createSurveyService(db), ownConnection }).prepare({ surveyId, lang, scope: FULL })!;
      const out = sink();
      const parse = jest.spyOn(JSON, 'parse');
      try {
        rows = await writeCsv(set, out.stream, { labels });
        parsed = parse.mock.calls.filter(([text]) => text.startsWith('{')).length;
      } finally {
        parse.mockRestore();
      }
      expect({ lang, labels, text: out.text() }).toEqual({ lang, labels, text: referenceCsv(set, labels) });
      if (xlsx) expect((await xlsxBytes(set, labels)).equals(await xlsxBytes(parsedOnly(set), labels))).toBe(true);
    }
  }
  return { rows, parsed };
}

describe('CSV cells read from the stored codes', () => {
  test('when random responses to the shipped questionnaire are exported in every shipped language, then the file is the one the JSON gives', async () => {
    const parsed = parseQuestionnaire(defaultQuestionnaireText(), 'youth-worker-tna.json');
    if (!parsed.ok) throw new Error('the shipped questionnaire does not parse');
    const db = dbWith(parsed.questionnaire);
    store(db, 'youth-worker-tna', 300, 11);
    // Every row is of the current version in the stored form: no row's JSON is parsed whole.
    expect(await compare(db, 'youth-worker-tna', LANGUAGES, false, false)).toEqual({ rows: 300, parsed: 0 });
    expect(await compare(db, 'youth-worker-tna', ['en', 'bg', 'el'])).toEqual({ rows: 300, parsed: 0 });
    expect(await compare(db, 'youth-worker-tna', ['en'], true)).toEqual({ rows: 300, parsed: 0 });
  });

  test.each([5, 7, 11])('when the competence scales have %i points and numbers have decimals, then the file is the one the JSON gives', async (points) => {
    const q = scaleQuestionnaire({ points, likertPoints: 7 });
    const db = dbWith(q);
    store(db, q.id, 400, points);
    expect(await compare(db, q.id, ['en', 'bg'])).toEqual({ rows: 400, parsed: 0 });
  });

  test('when rows answered an earlier version or their codes are damaged, then they are read from the JSON and the file is the same', async () => {
    const q = buildQuestionnaire();
    const db = dbWith(q);
    store(db, q.id, 150, 3);
    // A second version: an option dropped, one added, a question more; earlier rows keep version 1.
    const role = q.pages[0]!.questions[1]!;
    if (role.type !== 'single') throw new Error('role should be single choice');
    role.options.reverse();
    const settings = q.pages[0]!.questions[3]!;
    if (settings.type !== 'multiple') throw new Error('settings should be multiple choice');
    settings.options = [...settings.options.slice(1), { id: 'school', label: { en: 'School' } }];
    expect(createQuestionnaireService(db).importText(JSON.stringify(q), 'test.json')).toMatchObject({ ok: true, version: 2 });
    store(db, q.id, 150, 4);
    db.prepare("UPDATE responses SET codes = x'00' WHERE id % 7 = 0").run();
    const { rows, parsed } = await compare(db, q.id, ['en', 'bg']);
    expect(rows).toBe(300);
    expect(parsed).toBeGreaterThanOrEqual(150);
  });

  test('when an answer is not in the form the look-up expects, then the cell comes from the parsed JSON', async () => {
    const q = buildQuestionnaire();
    const db = dbWith(q);
    store(db, q.id, 20, 5);
    // Stored by another writer with white space, and a text ending in a question's quoted id.
    const spaced = (text: string) => JSON.stringify(JSON.parse(text) as Answers, null, 1);
    for (const row of db.prepare<[], { id: number; answers: string }>('SELECT id, answers FROM responses').all()) {
      const parsed = JSON.parse(row.answers) as Answers;
      const answers = row.id % 2 ? spaced(row.answers) : JSON.stringify('comment' in parsed ? { ...parsed, comment: 'about "fac_1' } : parsed);
      db.prepare('UPDATE responses SET answers = ? WHERE id = ?').run(answers, row.id);
    }
    const { rows, parsed } = await compare(db, q.id, ['en']);
    expect(rows).toBe(20);
    expect(parsed).toBeGreaterThanOrEqual(5);
  });
});
