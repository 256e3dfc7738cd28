import { PassThrough } from 'node:stream';
import { fixedT } from '../../../src/i18n';
import { renderReportPdf } from '../../../src/reporting/pdf';
import { cleanText } from '../../../src/reporting/pdf/format';
import type { Db } from '../../../src/shared/db';
import { buildDemoDb, buildReport } from './demo-report';

// rendering a whole report (cold: fonts, chart.js) takes a few seconds when suites run in parallel
jest.setTimeout(60_000);

async function render(report: ReturnType<typeof buildReport>, onProgress?: (step: number, total: number) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderReportPdf(report, fixedT(report.lang, 'report'), out, { onProgress });
  return Buffer.concat(chunks);
}

let db: Db;
beforeAll(() => {
  db = buildDemoDb(120, 3);
});
afterAll(() => db.close());

describe('renderReportPdf', () => {
  test('when rendered, then the output is a complete PDF and progress runs to the end', async () => {
    const steps: [number, number][] = [];
    const pdf = await render(buildReport(db, { lang: 'de', groupBy: 'country' }), (step, total) => steps.push([step, total]));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(pdf.toString('latin1')).toContain('/Lang (de)');
    expect(steps.map(([s]) => s)).toEqual([...steps.keys()].map((k) => k + 1));
    expect(steps.at(-1)![0]).toBe(steps.at(-1)![1]);
  });

  test('when too few respondents match, then the report still renders without figures', async () => {
    const report = buildReport(db, { lang: 'en', filters: [{ questionId: 'country', values: ['SI'] }, { questionId: 'role', values: ['coordinator'] }] });
    expect(report.sample.enough).toBe(false);
    const pdf = await render(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('when the reader goes away before the end, then the promise rejects', async () => {
    const out = new PassThrough();
    const done = renderReportPdf(buildReport(db, { lang: 'en' }), fixedT('en', 'report'), out);
    out.destroy();
    await expect(done).rejects.toThrow('closed');
  });

  test('when the output stream fails, then the promise rejects', async () => {
    const out = new PassThrough();
    const done = renderReportPdf(buildReport(db, { lang: 'en' }), fixedT('en', 'report'), out);
    out.destroy(new Error('disk full'));
    await expect(done).rejects.toThrow('disk full');
  });
});

describe('cleanText', () => {
  test.each([
    ['plain', 'plain'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['right-to-left \u202Eoverride\u202C', 'right-to-left override'],
    ['line\r\nbreak', 'line\nbreak'],
    ['  čšž Кирилица  ', 'čšž Кирилица'],
  ])('when given %j, then %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});
