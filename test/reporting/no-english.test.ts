import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { getI18n } from '../../src/i18n';
import { LANGUAGES } from '../../src/i18n/languages';
import type { LocalizedText } from '../../src/questionnaires/schema';
import { createExportService } from '../../src/reporting/exports/service';
import { writeCsv } from '../../src/reporting/exports/csv';
import { spssSyntax } from '../../src/reporting/exports/sps';
import { writeXlsx } from '../../src/reporting/exports/xlsx';
import { createSurveyService } from '../../src/surveys/service';
import { sink } from './exports/helpers';
import { buildDemoDb, buildReport, hasPoppler, renderToFile, squash, tmpDir } from './pdf/demo-report';

/**
 * Proof for issue 13: the PDF report and every export (CSV with codes and with labels, XLSX, SPSS syntax), written in
 * each shipped language from one seeded database, hold no interface text left in English. "English" is any run of
 * four or more words of an English interface string (the report, export and scale words of the locale files, the
 * shipped questionnaire's texts where the language has its own), plus a curated list of the short words an export
 * writes on its own (sheet and column names, chosen / not chosen, yes / no). Free text is left out: it is the
 * respondents' own words. Method names stay as they are everywhere (README, Decisions).
 */
jest.setTimeout(120_000);

const SURVEY = 'youth-worker-tna';
const METHOD_NAMES = ['Locus for Focus', 'Borich', 'Cronbach', 'Kruskal–Wallis', 'Kruskal-Wallis', 'Mann–Whitney', 'Mann-Whitney', 'Wilcoxon', 'Holm', 'Needsmap'];
const db = buildDemoDb(120, 11);
const dir = tmpDir();
const i18n = getI18n();
const questionnaire = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../db/questionnaires/youth-worker-tna.json'), 'utf8')) as Record<string, unknown>;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
const normal = (text: string) => {
  let out = squash(text).toLocaleLowerCase('en');
  for (const name of METHOD_NAMES) out = out.split(name.toLocaleLowerCase('en')).join(' ');
  return squash(out);
};

/** Runs of 4+ words of a string, cut at placeholders, nesting and sentence ends (a layout may separate sentences). */
function runs(text: string): string[] {
  return normal(text)
    .split(/\{\{[^}]*\}\}|\$t\([^)]*\)|[.:;!?()[\]"“”«»]|\s[–—-]\s/)
    .map((piece) => squash(piece.replace(/^[\s,]+|[\s,]+$/g, '')))
    .filter((piece) => words(piece).length >= 4);
}

function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Every LocalizedText of the questionnaire (an object with an `en` string). */
function localizedTexts(value: unknown): LocalizedText[] {
  if (!value || typeof value !== 'object') return [];
  if (typeof (value as Record<string, unknown>).en === 'string') return [value as LocalizedText];
  return Object.values(value).flatMap(localizedTexts);
}

/** The English runs that the language `lang` translates (a run its own text keeps as well is not counted). */
function englishRunsFor(lang: string): string[] {
  const out = new Set<string>();
  for (const ns of ['report', 'respondent'] as const) {
    const en = leaves(i18n.getResourceBundle('en', ns));
    const own = i18n.getResourceBundle(lang, ns) as Record<string, unknown>;
    for (const [key, text] of en) {
      const translated = leaves(own).find(([k]) => k === key)?.[1] ?? '';
      for (const run of runs(text)) if (!normal(translated).includes(run)) out.add(run);
    }
  }
  for (const text of localizedTexts(questionnaire)) {
    const own = (text as Record<string, string | undefined>)[lang] ?? '';
    for (const run of runs(text.en!)) if (!normal(own).includes(run)) out.add(run);
  }
  return [...out];
}

/** Short English words an export writes as a whole cell, label or name: they must not stand there as written. */
function englishCellsFor(lang: string): string[] {
  const t = (l: string, key: string) => i18n.getFixedT(l, 'report')(key);
  const keys = ['export.chosen', 'export.notChosen', 'export.yes', 'export.no', 'export.responseId', 'export.collector', 'export.language', 'export.submittedOn', 'export.questionnaireVersion', 'export.isDemo']
    .concat(['sheetResponses', 'sheetCodebook', 'codebookVariable', 'codebookLabel', 'codebookType', 'codebookFormat', 'codebookLevel', 'codebookValues', 'codebookMissing'].map((k) => `export.${k}`));
  const respondent = ['importance', 'proficiency', 'otherCountry'].map((k) => [i18n.getFixedT('en', 'respondent')(k), i18n.getFixedT(lang, 'respondent')(k)]);
  return [...keys.map((k) => [t('en', k), t(lang, k)]), ...respondent].filter(([en, own]) => en !== own).map(([en]) => en!);
}

const exportsOf = () => createExportService({ db, surveys: createSurveyService(db) });
const textOf = async (write: (out: ReturnType<typeof sink>['stream']) => Promise<unknown>) => {
  const out = sink();
  await write(out.stream);
  return out.buffer();
};

/** Every text of a workbook: cells, sheet names and document title, XML entities decoded. */
function xlsxText(file: string): string[] {
  const xml = execFileSync('unzip', ['-p', file, 'xl/workbook.xml', 'xl/worksheets/*.xml', 'docProps/core.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>|<sheet name="([^"]*)"|<dc:title>([^<]*)</g)].map((m) => decode(m[1] ?? m[2] ?? m[3] ?? ''));
}

/** The documents of one language: name → their text, and the whole cells/labels standing alone in them. */
async function documents(lang: string): Promise<{ texts: Record<string, string>; cells: Record<string, string[]> }> {
  const report = buildReport(db, { lang, groupBy: 'country', viewer: { freeText: 'none' } });
  const pdf = await renderToFile(report, dir, `report-${lang}`);
  const pdfText = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const set = exportsOf().prepare({ surveyId: SURVEY, lang, scope: { collectors: 'all', includeFreeText: false } });
  if (!set) throw new Error('no export');
  const csvCodes = (await textOf((out) => writeCsv(set, out, { labels: false }))).toString('utf8');
  const csvLabels = (await textOf((out) => writeCsv(set, out, { labels: true }))).toString('utf8');
  const xlsxFile = path.join(dir, `responses-${lang}.xlsx`);
  fs.writeFileSync(xlsxFile, await textOf((out) => writeXlsx(set, out, { labels: true })));
  const xlsx = xlsxText(xlsxFile);
  const sps = spssSyntax(set, '/data/responses.csv');
  const csvCells = (text: string) => text.split(/\r\n/).flatMap((line) => line.split(',')).map((c) => c.replace(/^"|"$/g, ''));
  const spsLabels = [...sps.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
  return {
    texts: { pdf: pdfText, 'csv (codes)': csvCodes, 'csv (labels)': csvLabels, xlsx: xlsx.join('\n'), sps },
    cells: { 'csv (labels)': csvCells(csvLabels), xlsx: xlsx.flatMap((c) => c.split(/; | = /)), sps: spsLabels },
  };
}

const withPoppler = hasPoppler() ? test : test.skip;

withPoppler('when the English documents are read the same way, then the check finds their English (it can fail)', async () => {
  const { texts, cells } = await documents('en');
  const pdfRuns = englishRunsFor('de').filter((run) => normal(texts.pdf!).includes(run));
  expect(pdfRuns.length).toBeGreaterThan(20);
  expect(normal(texts['csv (labels)']!)).toContain('not chosen');
  expect(cells.sps).toContain('yes');
  expect(cells.xlsx).toEqual(expect.arrayContaining(['chosen', 'responses', 'codebook', 'variable', 'missing']));
  expect(normal(texts.sps!)).toContain('declared missing');
});

withPoppler.each(LANGUAGES.filter((l) => l !== 'en'))('when the PDF and the exports are written in %s, then no English interface text is left', async (lang) => {
  const { texts, cells } = await documents(lang);
  const englishRuns = englishRunsFor(lang);
  const englishCells = new Set(englishCellsFor(lang));
  const found: string[] = [];
  for (const [doc, text] of Object.entries(texts)) {
    const body = normal(text);
    for (const run of englishRuns) if (body.includes(run)) found.push(`${doc}: "${run}"`);
  }
  for (const [doc, list] of Object.entries(cells)) {
    // As written: "no" is English, "NO" is Norway's country code.
    for (const cell of new Set(list.map((c) => c.trim()))) if (englishCells.has(cell)) found.push(`${doc}: cell "${cell}"`);
  }
  // Greek capitals come from toLocaleUpperCase(lang): an all-capital word never keeps its accents (ΑΝΆΓΚΕΣ).
  expect(squash(texts.pdf!)).toContain(squash(i18n.getFixedT(lang, 'report')('cover.kicker').toLocaleUpperCase(lang)));
  const accentedCapitals = (texts.pdf!.match(/\p{Lu}*[ΆΈΉΊΌΎΏ]\p{Lu}+|\p{Lu}+[ΆΈΉΊΌΎΏ]/gu) ?? []).filter((w) => w.length > 2);
  expect(found.concat(accentedCapitals.map((w) => `pdf: accented capitals "${w}"`))).toEqual([]);
});
