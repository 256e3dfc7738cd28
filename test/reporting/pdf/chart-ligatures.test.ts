import type { ChartConfiguration } from 'chart.js';
import { CHART_FONT_SIZE, measureChartText, renderChart, spellOutLigatures } from '../../../src/reporting/pdf/chart';

/**
 * Skia writes "fi", "fl", "ffl" … as one ligature glyph with one x. svg-to-pdfkit draws the n-th character of a run at
 * the n-th x, so a ligature spelled out without an x for each of its letters shifted every later letter of the label
 * (Danish "identificere", Hungarian "fiatalok" came out as "identif i cer e", "f i at al ok").
 */

const LABELS = ['A fiatalok részvételét gátló akadályok', 'At identificere og fjerne forhindringer', 'Reflektere, affald, ufflig'];

const barChart = (labels: string[]) =>
  ({ type: 'bar', data: { labels, datasets: [{ data: labels.map((_, i) => i + 1) }] }, options: { indexAxis: 'y', plugins: { legend: { display: false } } } }) as unknown as ChartConfiguration;

interface Run {
  xs: number[];
  text: string;
}

function runs(svg: string): Run[] {
  return [...svg.matchAll(/<text[^>]* x="([^"]*)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    xs: m[1]!.split(',').map((v) => v.trim()).filter(Boolean).map(Number),
    text: m[2]!,
  }));
}

describe('ligatures in PDF chart labels', () => {
  const svg = renderChart(barChart(LABELS), 480, 160, { fit: false }).svg;
  const labelRuns = runs(svg).filter((r) => LABELS.includes(r.text));

  test('when labels hold fi, fj, fl and ffl, then the SVG spells them out and has one x per character', () => {
    expect(svg).not.toMatch(/[\uFB00-\uFB06]/);
    expect(labelRuns.map((r) => r.text).sort()).toEqual([...LABELS].sort());
    for (const run of labelRuns) expect(run.xs).toHaveLength([...run.text].length);
  });

  test('when a ligature is spelled out, then every letter stands after the one before it, at its own advance', () => {
    for (const run of labelRuns) {
      const chars = [...run.text];
      for (let i = 1; i < chars.length; i++) {
        const expected = measureChartText(chars[i - 1]!, CHART_FONT_SIZE);
        // kerning and the ligature's own advance move a letter by a fraction of a point, never by a letter's width
        expect(run.xs[i]! - run.xs[i - 1]!).toBeGreaterThan(0);
        expect(Math.abs(run.xs[i]! - run.xs[i - 1]! - expected)).toBeLessThan(1);
      }
    }
  });

  test('when a run is written with one x per glyph, then the letters after a ligature keep the x Skia gave them', () => {
    const written = '<text font-size="10" x="0, 10, 16, " y="0, ">a\uFB01b</text>';
    const run = runs(spellOutLigatures(written))[0]!;
    expect(run.text).toBe('afib');
    expect(run.xs).toHaveLength(4);
    expect(run.xs[0]).toBe(0);
    expect(run.xs[1]).toBe(10);
    expect(run.xs[2]).toBeGreaterThan(10);
    expect(run.xs[2]).toBeLessThan(16);
    expect(run.xs[3]).toBe(16);
  });
});
