import { createCanvas, GlobalFonts, SvgExportFlag, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem, type ChartType, type Plugin } from 'chart.js';
import SVGtoPDF from 'svg-to-pdfkit';
import { hasRtlText } from '../../i18n/bidi';
import type { LocusLabelOptions } from '../charts';
import { fitChartText, wrapMeasured } from './chart-labels';
import type { PdfContext } from './context';
import { CHART_FONT_FAMILY, FONT, FONT_FILES } from './fonts';
import { ensureSpace } from './layout';
import { CONTENT_WIDTH, MARGIN } from './theme';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Writes each point's tag (its rank) next to it, trying eight positions around the point and taking the first that
 * covers neither another point nor a tag already placed; higher-ranked points choose first.
 */
function placeTags(chart: Chart<'scatter'>): void {
  const { ctx, chartArea: area } = chart;
  ctx.font = `7px "${CHART_FONT_FAMILY}"`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const points: { x: number; y: number; tag: string }[] = [];
  chart.data.datasets.forEach((dataset, i) => {
    const meta = chart.getDatasetMeta(i);
    dataset.data.forEach((point, j) => {
      const tag = (point as { tag?: string } | null)?.tag;
      const element = meta.data[j];
      if (tag && element) points.push({ x: element.x, y: element.y, tag });
    });
  });
  points.sort((a, b) => Number(a.tag) - Number(b.tag));
  const taken: Box[] = points.map((p) => ({ x0: p.x - 3.5, y0: p.y - 3.5, x1: p.x + 3.5, y1: p.y + 3.5 }));
  const h = 7;
  for (const p of points) {
    const w = ctx.measureText(p.tag).width;
    const candidates: [number, number][] = [
      [p.x + 5, p.y - h / 2],
      [p.x - 5 - w, p.y - h / 2],
      [p.x - w / 2, p.y - 5 - h],
      [p.x - w / 2, p.y + 5],
      [p.x + 4, p.y - 4 - h],
      [p.x + 4, p.y + 4],
      [p.x - 4 - w, p.y - 4 - h],
      [p.x - 4 - w, p.y + 4],
    ];
    const boxes = candidates.map(([x, y]) => ({ x0: x, y0: y, x1: x + w, y1: y + h }));
    const inside = (b: Box) => b.x0 >= area.left && b.x1 <= area.right && b.y0 >= area.top && b.y1 <= area.bottom;
    const box = boxes.find((b) => inside(b) && !taken.some((t) => overlaps(b, t))) ?? boxes[0]!;
    taken.push(box);
    ctx.fillText(p.tag, box.x0, box.y0);
  }
}

/** Draws the `locusLabels` plugin options of a Locus-for-Focus config: quadrant names in the corners, point tags. */
const locusLabels: Plugin<'scatter', Partial<LocusLabelOptions>> = {
  id: 'locusLabels',
  afterDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea: area } = chart;
    ctx.save();
    ctx.fillStyle = options.color ?? '#52606d';
    if (options.pointTags) placeTags(chart);
    const q = options.quadrants;
    if (q) {
      ctx.font = `bold 8.5px "${CHART_FONT_FAMILY}"`;
      const inset = 5;
      const corner = (text: string, x: number, y: number, align: 'left' | 'right', baseline: 'top' | 'bottom') => {
        ctx.textAlign = align;
        ctx.textBaseline = baseline;
        ctx.fillText(text, x, y);
      };
      // each name keeps to its half of the plot: wrapped by measure, lines stacked away from the corner
      const room = area.width / 2 - 2 * inset;
      const step = 8.5 * 1.15;
      const lines = (name: string | undefined) => wrapMeasured(name ?? '', room, 3, (s) => ctx.measureText(s).width).lines;
      lines(q.topRight).forEach((line, i) => corner(line, area.right - inset, area.top + inset + i * step, 'right', 'top'));
      lines(q.topLeft).forEach((line, i) => corner(line, area.left + inset, area.top + inset + i * step, 'left', 'top'));
      lines(q.bottomLeft).reverse().forEach((line, i) => corner(line, area.left + inset, area.bottom - inset - i * step, 'left', 'bottom'));
      lines(q.bottomRight).reverse().forEach((line, i) => corner(line, area.right - inset, area.bottom - inset - i * step, 'right', 'bottom'));
    }
    ctx.restore();
  },
};

/** The PDF charts' text size in points (Chart.defaults.font.size below). */
export const CHART_FONT_SIZE = 8.5;

let measuring: SKRSContext2D | undefined;
/** Text width in the chart font, as chart.js will draw it on the canvas (same font files, same shaping). */
export function measureChartText(text: string, size: number, bold = false): number {
  setUp();
  measuring ??= createCanvas(10, 10).getContext('2d');
  measuring.font = `${bold ? 'bold ' : ''}${size}px "${CHART_FONT_FAMILY}"`;
  return measuring.measureText(text).width;
}

let ready = false;
function setUp() {
  if (ready) return;
  GlobalFonts.registerFromPath(FONT_FILES.regular, CHART_FONT_FAMILY);
  GlobalFonts.registerFromPath(FONT_FILES.bold, CHART_FONT_FAMILY);
  Chart.register(...registerables, locusLabels as Plugin);
  // the PDF's type: set once for this process (the browser keeps its own defaults)
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.font.size = CHART_FONT_SIZE;
  ready = true;
}

/**
 * Skia shapes right-to-left text itself and writes each run in visual order, letters as their contextual forms, with
 * one x per character; pdfkit's font engine would reverse such a run again (and shape it anew). So a run holding
 * right-to-left letters is written one character per element, each at its own x, drawn as Skia placed it.
 */
function placeShapedRuns(svg: string): string {
  return svg.replace(/<text([^>]*) x="([^"]*)" y="([^"]*)">([^<]*)<\/text>/g, (run, attributes: string, xs: string, ys: string, content: string) => {
    if (!hasRtlText(content)) return run;
    const list = (s: string) => s.split(',').map((v) => v.trim()).filter(Boolean);
    const [x, y] = [list(xs), list(ys)];
    const chars = content.match(/&[^;]+;|[\s\S]/gu) ?? [];
    if (x.length !== chars.length || y.length === 0) return run;
    return chars.map((char, i) => `<text${attributes} x="${x[i]}" y="${y[i] ?? y[0]}">${char}</text>`).join('');
  });
}

const LIGATURE = /[\uFB00-\uFB06]/;

/**
 * Skia writes shaped text, so "fi" comes out as the ligature "ﬁ" (one character, one x), which text extraction and
 * search would then return. Each ligature is spelled out as in the body text, and each of its letters gets an x of
 * its own (the ligature's advance shared by the letters' widths): svg-to-pdfkit places the n-th character at the
 * n-th x, so one x short would shift every later letter of the run (Danish "identificere", Hungarian "fiatalok").
 */
export function spellOutLigatures(svg: string): string {
  return svg.replace(/<text([^>]*) x="([^"]*)"([^>]*)>([^<]*)<\/text>/g, (run, before: string, xs: string, after: string, content: string) => {
    if (!LIGATURE.test(content)) return run;
    const x = xs.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
    const chars = content.match(/&[^;]+;|[\s\S]/gu) ?? [];
    if (x.length !== chars.length) return run.replace(/[\uFB00-\uFB06]/g, (ligature) => ligature.normalize('NFKC'));
    const size = Number(/font-size="([^"]+)"/.exec(before + after)?.[1] ?? CHART_FONT_SIZE);
    const bold = /font-weight="(bold|[6-9]00)"/.test(before + after);
    const placed: number[] = [];
    let text = '';
    chars.forEach((char, i) => {
      const at = x[i]!;
      if (!LIGATURE.test(char)) {
        placed.push(at);
        text += char;
        return;
      }
      const letters = [...char.normalize('NFKC')];
      const whole = measureChartText(letters.join(''), size, bold);
      const advance = i + 1 < x.length ? x[i + 1]! - at : whole;
      let left = 0;
      for (const letter of letters) {
        placed.push(whole > 0 ? at + (left / whole) * advance : at);
        left += measureChartText(letter, size, bold);
        text += letter;
      }
    });
    return `<text${before} x="${placed.map((v) => Number(v.toFixed(5))).join(', ')}, "${after}>${text}</text>`;
  });
}

/**
 * Renders a chart config (the very object the dashboard gets) with chart.js on a canvas that records SVG, so the
 * chart stays vector in the PDF. Text stays text (selectable, searchable) in DejaVu Sans. Sizes are in points.
 */
export function chartSvg<T extends ChartType, D, L>(config: ChartConfiguration<T, D, L>, width: number, height: number): string {
  return renderChart(config, width, height).svg;
}

/**
 * chartSvg, with the category labels that had to be shortened to fit (their full text belongs in a table nearby).
 * `fit: false` draws the texts as given, only to show what fitting prevents.
 */
export function renderChart<T extends ChartType, D, L>(config: ChartConfiguration<T, D, L>, width: number, height: number, options: { fit?: boolean } = {}): { svg: string; shortened: string[] } {
  setUp();
  const canvas = createCanvas(Math.round(width), Math.round(height), SvgExportFlag.NoPrettyXML);
  const fit = options.fit === false ? { config: config as unknown as ChartConfiguration, shortened: [] } : fitChartText(config as unknown as ChartConfiguration, width, height, measureChartText, CHART_FONT_SIZE);
  const fitted = fit.config as unknown as ChartConfiguration<T, D, L>;
  const chart = new Chart(canvas as unknown as ChartItem, {
    ...fitted,
    options: { ...fitted.options, responsive: false, maintainAspectRatio: false, animation: false, devicePixelRatio: 1 },
  } as ChartConfiguration<T, D, L>);
  const svg = canvas.getContent().toString('utf8');
  chart.destroy();
  return { svg: placeShapedRuns(spellOutLigatures(svg)), shortened: fit.shortened };
}

/**
 * Draws a chart across the text width at the current position, on a new page if it does not fit. Returns the
 * category labels shortened to fit, for a note pointing to the table that gives them in full.
 */
export function drawChart<T extends ChartType, D, L>(ctx: PdfContext, config: ChartConfiguration<T, D, L>, height: number): string[] {
  const { doc } = ctx;
  ensureSpace(ctx, height);
  const { svg, shortened } = renderChart(config, CONTENT_WIDTH, height);
  SVGtoPDF(doc, svg, MARGIN.left, doc.y, {
    width: CONTENT_WIDTH,
    height,
    assumePt: true,
    fontCallback: (_family, bold) => (bold ? FONT.bold : FONT.regular),
  });
  doc.x = MARGIN.left;
  doc.y += height + 8;
  return shortened;
}
