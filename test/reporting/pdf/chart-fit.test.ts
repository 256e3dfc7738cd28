import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import PDFDocument from 'pdfkit';
import { LANGUAGES } from '../../../src/i18n/languages';
import { fixedT } from '../../../src/i18n';
import { locusChart, priorityChart } from '../../../src/reporting/charts';
import type { DrawnText } from '../../../src/reporting/pdf/canvas-context';
import { fitChartText, wrapMeasured } from '../../../src/reporting/pdf/chart-labels';
import { CHART_FONT_SIZE, chartTextMeasure, renderChart } from '../../../src/reporting/pdf/chart';
import { registerFonts } from '../../../src/reporting/pdf/fonts';
import { CONTENT_WIDTH, MARGIN, PAGE } from '../../../src/reporting/pdf/theme';
import type { Db } from '../../../src/shared/db';
import { buildDemoDb, buildReport, hasPoppler, renderToFile, tmpDir } from './demo-report';

jest.setTimeout(240_000);

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A document with the report's fonts, to draw charts on (never written anywhere). */
function chartDocument(): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  registerFonts(doc);
  return doc;
}

const outside = (drawn: DrawnText[], width: number, height: number) => drawn.filter((d) => d.left < -0.5 || d.right > width + 0.5 || d.top < -0.5 || d.bottom > height + 0.5).map((d) => d.text);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The PDF's charts with the sizes the sections draw them at (summary.ts, locus.ts). */
function pdfCharts(report: ReturnType<typeof buildReport>) {
  const t = fixedT(report.lang, 'report');
  const priority = priorityChart(report, t, { top: 15 });
  return [
    { name: 'priority', config: priority as unknown as ChartConfiguration, height: 60 + (priority.data.labels?.length ?? 0) * 33 },
    { name: 'locus', config: locusChart(report, t) as unknown as ChartConfiguration, height: CONTENT_WIDTH * 0.95 },
  ];
}

describe('wrapMeasured', () => {
  const measure = (s: string) => s.length * 5;
  test.each([
    ['fits on one line', 'Safe spaces', 100, 2, ['Safe spaces'], false],
    ['wraps at spaces by width', 'one two three four', 50, 3, ['one two', 'three four'], false],
    ['shortens the last line with an ellipsis', 'one two three four five six', 50, 2, ['one two', 'three fou…'], true],
    ['splits a word wider than a line', 'Jugendarbeitsfortbildung', 50, 3, ['Jugendarbe', 'itsfortbil', 'dung'], false],
  ])('when the text %s', (_case, text, width, lines, expected, shortened) => {
    const result = wrapMeasured(text, width, lines, measure);
    expect(result).toEqual({ lines: expected, shortened });
    for (const line of result.lines) expect(measure(line)).toBeLessThanOrEqual(width);
  });
});

describe('charts of the PDF in every language', () => {
  let db: Db;
  beforeAll(() => {
    db = buildDemoDb(200);
  });
  afterAll(() => db.close());

  test('when a chart is drawn without fitting, then the Bulgarian priority labels run off the canvas (what the check catches)', () => {
    const report = buildReport(db, { lang: 'bg', groupBy: 'country' });
    const [priority] = pdfCharts(report);
    const { texts } = renderChart(chartDocument(), priority!.config, 0, 0, CONTENT_WIDTH, priority!.height, { fit: false });
    expect(outside(texts, CONTENT_WIDTH, priority!.height).length).toBeGreaterThan(0);
  });

  test.each([...LANGUAGES])('when the priority ranking and Locus for Focus are drawn in %s, then every text lies inside its chart and every label is whole or shortened with "…"', (lang) => {
    const report = buildReport(db, { lang, groupBy: 'country' });
    const doc = chartDocument();
    const measureChartText = chartTextMeasure(doc);
    for (const chart of pdfCharts(report)) {
      const { texts: drawn, shortened } = renderChart(doc, chart.config, MARGIN.left, MARGIN.top, CONTENT_WIDTH, chart.height);
      expect({ chart: chart.name, outside: outside(drawn, CONTENT_WIDTH, chart.height) }).toEqual({ chart: chart.name, outside: [] });
      if (chart.name !== 'priority') continue;
      const fitted = fitChartText(chart.config, CONTENT_WIDTH, chart.height, measureChartText, CHART_FONT_SIZE).config;
      const originals = (chart.config.data.labels as string[][]).map((l) => squash(l.join(' ')));
      (fitted.data.labels as string[][]).forEach((lines, i) => {
        const joined = squash(lines.join(' '));
        for (const line of lines) expect(measureChartText(line, CHART_FONT_SIZE)).toBeLessThanOrEqual(CONTENT_WIDTH * 0.45 - 10 + 0.01);
        if (joined.endsWith('…')) {
          expect(shortened).toContain(originals[i]);
          expect(originals[i]!.replace(/\s/g, '').startsWith(joined.slice(0, -1).replace(/\s/g, ''))).toBe(true);
        } else expect(joined).toBe(originals[i]);
        // the rank number that starts each label is never lost
        expect(joined).toMatch(/^\d+\. /);
      });
      // what is drawn is the fitted labels: each of their lines appears in the chart's text, in order
      const written = squash(drawn.map((d) => d.text).join(' '));
      const missing = (fitted.data.labels as string[][]).flat().filter((line) => !written.includes(squash(line)));
      expect(missing).toEqual([]);
    }
  });
});

const withPoppler = hasPoppler() ? describe : describe.skip;

withPoppler('the whole PDF in every language', () => {
  let db: Db;
  let dir: string;
  beforeAll(() => {
    db = buildDemoDb(150);
    dir = tmpDir();
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([...LANGUAGES])('when the %s report is extracted with pdftotext -bbox, then no word lies in the page margins or off the page', async (lang) => {
    const file = await renderToFile(buildReport(db, { lang, groupBy: 'country' }), dir, `report-${lang}`);
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const misplaced: string[] = [];
    html.split('<page ').slice(1).forEach((page, p) => {
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const [x0, y0, x1, y1] = m.slice(1, 5).map(Number) as [number, number, number, number];
        if (x0 < MARGIN.left - 1 || x1 > PAGE.width - MARGIN.right + 1 || y0 < 0 || y1 > PAGE.height) misplaced.push(`page ${p + 1}: ${decode(m[5]!)} (${x0.toFixed(0)}–${x1.toFixed(0)})`);
      }
    });
    expect(misplaced).toEqual([]);
    expect(path.basename(file)).toBe(`report-${lang}.pdf`);
  });
});
