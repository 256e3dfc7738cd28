import { Chart, registerables, type ChartConfiguration, type ChartItem, type ChartType, type Plugin } from 'chart.js';
import type { LocusLabelOptions } from '../charts';
import { PdfCanvasContext, type DrawnText } from './canvas-context';
import { fitChartText, wrapMeasured, type MeasureText } from './chart-labels';
import type { PdfContext } from './context';
import { CHART_FONT_FAMILY, FONT } from './fonts';
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

/** Text width in points in the chart font on `doc` (DejaVu Sans, the metrics the chart's text is drawn with). */
export function chartTextMeasure(doc: PDFKit.PDFDocument): MeasureText {
  return (text, size, bold = false) => doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).widthOfString(text);
}

let ready = false;
function setUp() {
  if (ready) return;
  Chart.register(...registerables, locusLabels as Plugin);
  // the PDF's type: set once for this process (the browser keeps its own defaults); the family is only a name here,
  // the context draws in the document's DejaVu Sans
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.font.size = CHART_FONT_SIZE;
  ready = true;
}

/**
 * Draws a chart config (the very object the dashboard gets) with chart.js straight into the PDF at (x, y), width ×
 * height points: chart.js draws on a 2D context that writes PDF paths and text (canvas-context.ts), so the chart is
 * vector and its text is text (selectable, searchable, extractable) in the document's DejaVu Sans, measured with the
 * metrics it is drawn with. Titles, axis titles and bar labels are first fitted to the chart (chart-labels.ts);
 * `fit: false` draws them as given, only to show what fitting prevents. Returns the texts drawn, with their boxes in
 * chart coordinates, and the category labels shortened to fit.
 */
export function renderChart<T extends ChartType, D, L>(doc: PDFKit.PDFDocument, config: ChartConfiguration<T, D, L>, x: number, y: number, width: number, height: number, options: { fit?: boolean } = {}): { texts: DrawnText[]; shortened: string[] } {
  setUp();
  const fit = options.fit === false ? { config: config as unknown as ChartConfiguration, shortened: [] } : fitChartText(config as unknown as ChartConfiguration, width, height, chartTextMeasure(doc), CHART_FONT_SIZE);
  const fitted = fit.config as unknown as ChartConfiguration<T, D, L>;
  const canvas = { width: Math.round(width), height: Math.round(height), getContext: () => context };
  const context = new PdfCanvasContext(doc, x, y, canvas);
  try {
    const chart = new Chart(canvas as unknown as ChartItem, {
      ...fitted,
      options: { ...fitted.options, responsive: false, maintainAspectRatio: false, animation: false, devicePixelRatio: 1 },
    } as ChartConfiguration<T, D, L>);
    chart.destroy();
  } finally {
    context.finish();
  }
  return { texts: context.texts, shortened: fit.shortened };
}

/**
 * Draws a chart across the text width at the current position, on a new page if it does not fit. Returns the
 * category labels shortened to fit, for a note pointing to the table that gives them in full.
 */
export function drawChart<T extends ChartType, D, L>(ctx: PdfContext, config: ChartConfiguration<T, D, L>, height: number): string[] {
  const { doc } = ctx;
  ensureSpace(ctx, height);
  const top = doc.y;
  const { shortened } = renderChart(doc, config, MARGIN.left, top, CONTENT_WIDTH, height);
  doc.x = MARGIN.left;
  doc.y = top + height + 8;
  return shortened;
}
