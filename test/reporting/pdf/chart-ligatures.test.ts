import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import PDFDocument from 'pdfkit';
import { renderChart } from '../../../src/reporting/pdf/chart';
import { registerFonts } from '../../../src/reporting/pdf/fonts';
import { hasPoppler, tmpDir } from './demo-report';

/**
 * Labels holding "fi", "fl", "ffl" … (Danish "identificere", Hungarian "fiatalok"). When Skia drew the charts it wrote
 * them as ligature glyphs, one x per glyph, and svg-to-pdfkit then shifted every later letter ("identif i cer e").
 * The charts are now drawn straight into the PDF as text runs in the body's font, ligatures off: each label must be one
 * run, read back letter for letter.
 */

const LABELS = ['A fiatalok részvételét gátló akadályok', 'At identificere og fjerne forhindringer', 'Reflektere, affald, ufflig'];

const barChart = (labels: string[]) =>
  ({ type: 'bar', data: { labels, datasets: [{ data: labels.map((_, i) => i + 1) }] }, options: { indexAxis: 'y', plugins: { legend: { display: false } } } }) as unknown as ChartConfiguration;

/** Draws the chart on a page of its own and ends the document into `file`. */
async function drawToFile(file: string): Promise<ReturnType<typeof renderChart>> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  registerFonts(doc);
  const out = fs.createWriteStream(file);
  doc.pipe(out);
  const drawn = renderChart(doc, barChart(LABELS), 40, 40, 480, 160, { fit: false });
  doc.end();
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  return drawn;
}

describe('ligatures in PDF chart labels', () => {
  let dir: string;
  let drawn: ReturnType<typeof renderChart>;
  let file: string;
  beforeAll(async () => {
    dir = tmpDir();
    file = path.join(dir, 'ligatures.pdf');
    drawn = await drawToFile(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('when labels hold fi, fj, fl and ffl, then each is drawn as one text, spelled as given', () => {
    const runs = drawn.texts.filter((t) => LABELS.includes(t.text));
    expect(runs.map((r) => r.text).sort()).toEqual([...LABELS].sort());
    expect(drawn.texts.some((t) => /[\uFB00-\uFB06]/.test(t.text))).toBe(false);
  });

  (hasPoppler() ? test : test.skip)('when the PDF text is extracted, then every label comes back whole, with no ligature character', () => {
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).not.toMatch(/[\uFB00-\uFB06]/);
    for (const label of LABELS) expect(text.replace(/\s+/g, ' ')).toContain(label);
  });
});
