import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';
import type { ReportData } from '../../../src/analysis/schema';
import { createAnalysisService } from '../../../src/analysis/service';
import { hasRtlText } from '../../../src/i18n/bidi';
import type { Answers } from '../../../src/questionnaires/answers-schema';
import type { Questionnaire } from '../../../src/questionnaires/schema';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { MARGIN, PAGE } from '../../../src/reporting/pdf/theme';
import type { Db } from '../../../src/shared/db';
import { createSurveyService } from '../../../src/surveys/service';
import { buildTestDb } from '../../helpers/app';
import { seedResponses } from '../../helpers/seed';
import { hasPoppler, renderToFile, tmpDir } from './demo-report';

// rendering a whole report (cold: fonts, chart.js) takes a few seconds when suites run in parallel
jest.setTimeout(60_000);

const poppler = hasPoppler();
if (!poppler) console.warn('Skipping the Arabic PDF text tests: pdftotext is not installed (apt-get install poppler-utils).');
const withPoppler = poppler ? describe : describe.skip;

const bidi = bidiFactory();
const SURVEY = 'rtl-test';
const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/questionnaire-ar.json'), 'utf8')) as Questionnaire;
const COMMENT = 'نحتاج إلى تدريب على التواصل مع الأسر في 2026';

/** 15 complete responses with varied ratings, most in Arabic, every other one with an Arabic comment. */
const responses = Array.from({ length: 15 }, (_, i) => {
  const answers: Answers = {
    role: i % 3 ? 'paid' : 'volunteer',
    years: i + 1,
    inc_1: { importance: 5 - (i % 2), proficiency: 1 + (i % 3) },
    inc_2: { importance: 3 + (i % 3), proficiency: 2 + (i % 2) },
  };
  if (i % 2 === 0) answers.comment = COMMENT;
  return { answers, lang: i % 4 ? 'ar' : 'en' };
});

/** The Unicode bidirectional algorithm's visual order of one line, left to right. */
const unicodeVisual = (text: string, dir: 'ltr' | 'rtl') => bidi.getReorderedString(text, bidi.getEmbeddingLevels(text, dir));

/**
 * Text as pdftotext reads it in its default mode, which turns right-to-left lines back into reading order: bidi
 * controls it adds dropped, whitespace squashed. Brackets are not compared: the page shows them mirrored (as it must),
 * and pdftotext does not mirror them back when it reverses a line.
 */
const normalise = (text: string) =>
  text
    .replace(/[\u202A-\u202E]/g, '')
    .replace(/[()]/g, '|')
    .replace(/\s+/g, ' ')
    .trim();
const readingOrder = (file: string) => normalise(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));

interface Word {
  x0: number;
  x1: number;
  y: number;
  text: string;
}
/** Every page's words with their boxes in points, as drawn (`pdftotext -bbox`, which keeps each word's visual order). */
function wordsByPage(file: string): Word[][] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]),
        y: Math.round(Number(m[2])),
        x1: Number(m[3]),
        text: m[4]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
      })),
    );
}
/** The words of each line of a page, left to right. */
function linesOf(words: Word[]): Word[][] {
  return [...new Set(words.map((w) => w.y))].sort((a, b) => a - b).map((y) => words.filter((w) => w.y === y).sort((a, b) => a.x0 - b.x0));
}
const joined = (line: Word[]) => line.map((w) => w.text).join(' ');

let db: Db;
let dir: string;
const reports: Record<'ar' | 'en', ReportData> = {} as never;
const files: Record<'ar' | 'en', string> = {} as never;
/** pdfkit's text() calls while rendering each report: the text and the options it was given. */
const calls: Record<'ar' | 'en', { text: string; options: PDFKit.Mixins.TextOptions }[]> = { ar: [], en: [] };

beforeAll(async () => {
  db = buildTestDb(fixture);
  seedResponses(db, SURVEY, responses);
  dir = tmpDir();
  const questionnaires = createQuestionnaireService(db);
  const analysis = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb: false });
  const text = PDFDocument.prototype.text;
  for (const lang of ['ar', 'en'] as const) {
    reports[lang] = analysis.build({ surveyId: SURVEY, lang, viewer: { freeText: 'all' } });
    const spy = jest.spyOn(PDFDocument.prototype, 'text').mockImplementation(function (this: PDFKit.PDFDocument, ...args: unknown[]) {
      const options = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null) as PDFKit.Mixins.TextOptions | undefined;
      calls[lang].push({ text: String(args[0]), options: options ?? {} });
      return (text as (...a: unknown[]) => PDFKit.PDFDocument).apply(this, args);
    });
    try {
      files[lang] = await renderToFile(reports[lang], dir, `report-${lang}`);
    } finally {
      spy.mockRestore();
    }
  }
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the PDF report of an Arabic questionnaire', () => {
  test('when built in Arabic, then the report holds the Arabic texts of the questionnaire', () => {
    expect(reports.ar.lang).toBe('ar');
    expect(reports.ar.sample.n).toBe(15);
    expect(reports.ar.items.map((i) => i.label)).toEqual(fixture.pages[1]!.questions.filter((q) => q.type === 'competence').map((q) => (q.label as Record<string, string>).ar));
    expect(reports.ar.items.every((i) => hasRtlText(i.label))).toBe(true);
  });

  test('when a line holds right-to-left text, then pdfkit gets it line by line in visual order, with no width to wrap it again', () => {
    const rtl = calls.ar.filter((c) => hasRtlText(c.text));
    expect(rtl.length).toBeGreaterThan(20);
    for (const call of rtl) {
      expect(call.options.width).toBeUndefined();
      expect(call.options.lineBreak).toBe(false);
      expect(call.options.wordSpacing).toBeGreaterThan(0);
      expect(call.text).not.toContain('\n');
    }
    // the first item label is short enough for one table cell line: it is drawn as one reordered line
    const label = reports.ar.items[0]!.label;
    expect(calls.ar.map((c) => c.text)).toContain(label.split(' ').reverse().join(' '));
  });

  test('when the report is in English, then Latin text keeps pdfkit\'s own line breaks, in reading order', () => {
    const latin = calls.en.filter((c) => !hasRtlText(c.text));
    expect(latin.length).toBeGreaterThan(100);
    for (const call of latin) expect(call.options.wordSpacing).toBeUndefined();
    // a label too long for its cell is broken into lines by pdfkit when the table is measured, and those lines are
    // drawn one after the other, unreordered: together they are the label as written
    const label = reports.en.items[0]!.label;
    const first = calls.en.findIndex((c) => c.text.length > 0 && label.startsWith(c.text) && c.text !== label);
    expect(first).toBeGreaterThanOrEqual(0);
    let joined = '';
    for (let i = first; joined.length < label.length && i < calls.en.length; i++) {
      expect(calls.en[i]!.options).toEqual({ lineBreak: false });
      joined += calls.en[i]!.text;
    }
    expect(joined).toBe(label);
    // only the Arabic open answers (which the English report quotes as written) are drawn line by line
    expect(calls.en.filter((c) => hasRtlText(c.text)).every((c) => c.options.wordSpacing && c.options.width === undefined)).toBe(true);
  });
});

withPoppler('the Arabic PDF read back with pdftotext', () => {
  test('when the text is extracted, then the survey title, area, item labels and answers come out in reading order', () => {
    const text = readingOrder(files.ar);
    expect(text).toContain(normalise(reports.ar.survey.title));
    for (const area of reports.ar.areas) expect(text).toContain(normalise(area.label)); // "الإدماج": a lam-alef ligature
    for (const item of reports.ar.items) expect(text).toContain(normalise(item.label));
    for (const question of reports.ar.frequencies) {
      expect(text).toContain(normalise(question.label));
      for (const option of question.options) expect(text).toContain(normalise(option.label));
    }
    expect(text).toContain(normalise(COMMENT));
    // drawn without reordering, pdftotext would read the words of a label back to front
    const backwards = reports.ar.items[0]!.label.split(' ').reverse().join(' ');
    expect(text).not.toContain(backwards);
  });

  test('when the ranking table is read as drawn, then each item label is in the Unicode visual order, right-aligned in its column', () => {
    const pages = wordsByPage(files.ar);
    const page = pages.find((words) => linesOf(words).some((line) => joined(line).includes('Rank Competence Area')))!;
    expect(page).toBeDefined();
    const lines = linesOf(page);
    const header = lines.find((line) => joined(line).includes('Rank Competence Area'))!.find((w) => w.text === 'Competence')!;
    for (const item of reports.ar.items) {
      const visual = unicodeVisual(item.label, 'rtl');
      const line = lines.find((l) => joined(l).includes(visual));
      expect(line).toBeDefined();
      // the label's words: the Arabic words that end before the area column, which starts after the header "Competence"
      const words = line!.filter((w) => w.x1 <= header.x1 + 1 && hasRtlText(w.text));
      expect(Math.abs(Math.max(...words.map((w) => w.x1)) - header.x1)).toBeLessThan(1.5);
    }
  });

  test('when a paragraph is printed, then it is right-aligned to the right margin of the page', () => {
    const right = PAGE.width - MARGIN.right;
    const lines = wordsByPage(files.ar).flatMap(linesOf);
    const question = reports.ar.frequencies[0]!.label;
    const heading = lines.find((l) => joined(l) === unicodeVisual(question, 'rtl'));
    expect(heading).toBeDefined();
    expect(Math.abs(heading!.at(-1)!.x1 - right)).toBeLessThan(1.5);
    expect(heading![0]!.x0).toBeGreaterThan(MARGIN.left + 100);
  });

  test('when the report is in English, then its labels read as before, left-aligned, with no ligature glyphs', () => {
    const text = readingOrder(files.en);
    for (const item of reports.en.items) expect(text).toContain(normalise(item.label));
    expect(text).toContain('proficiency');
    expect(text.match(/[\uFB00-\uFB06]/g) ?? []).toEqual([]);
    const lines = wordsByPage(files.en).flatMap(linesOf);
    const title = lines.find((l) => joined(l).startsWith('Training needs of youth workers'));
    expect(Math.abs(title![0]!.x0 - MARGIN.left)).toBeLessThan(1.5);
  });

  test('when the English report quotes Arabic answers, then each is drawn in visual order after its bullet, left-aligned', () => {
    const lines = wordsByPage(files.en).flatMap(linesOf);
    const answers = lines.filter((l) => joined(l) === `• ${unicodeVisual(COMMENT, 'rtl')}`);
    expect(answers).toHaveLength(responses.filter((r) => r.answers.comment).length);
    for (const line of answers) expect(Math.abs(line[1]!.x0 - (MARGIN.left + 12))).toBeLessThan(1.5);
  });
});
