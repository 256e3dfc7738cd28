import type { ChartConfiguration } from 'chart.js';
import { textColourOn } from '../charts/palette';
import type { PdfContext } from './context';
import { FONT } from './fonts';
import { bottomOf, drawText, newPage, textHeight } from './layout';
import { COLOUR, CONTENT_WIDTH, MARGIN, SIZE } from './theme';

const LABEL_SHARE = 0.36;
const GAP = 10;
const BAR = 11;
/** Room for one legend swatch and its number (two digits). */
const SWATCH = 21;

const text = (label: unknown) => (Array.isArray(label) ? label.join(' ') : String(label ?? ''));

/**
 * Draws 100% stacked bar configs (the distribution charts) side by side as panels sharing one label column: the same
 * configs the dashboard renders with chart.js, read for their labels, shares and colours. Drawn directly because a
 * row of small bars reads better as a table, and costs a fraction of rendering each chart.
 */
export function drawStackedPanels(ctx: PdfContext, panels: ChartConfiguration<'bar'>[]): void {
  const { doc, fmt } = ctx;
  const first = panels[0];
  if (!first) return;
  const labels = (first.data.labels ?? []).map(text);
  const labelWidth = CONTENT_WIDTH * LABEL_SHARE - 8;
  const panelWidth = (CONTENT_WIDTH * (1 - LABEL_SHARE) - GAP * (panels.length - 1)) / panels.length;
  const panelX = (p: number) => MARGIN.left + CONTENT_WIDTH * LABEL_SHARE + p * (panelWidth + GAP);

  const header = () => {
    const y = doc.y;
    doc.font(FONT.bold).fontSize(SIZE.table).fillColor(COLOUR.muted);
    panels.forEach((panel, p) => drawText(ctx, text(panel.options?.plugins?.title?.text), panelX(p), y, { width: panelWidth, lineBreak: false, ellipsis: true }));
    doc.y = y + 13;
  };

  doc.font(FONT.regular).fontSize(SIZE.table);
  const heights = labels.map((l) => Math.max(textHeight(ctx, l, { width: labelWidth }), BAR) + 5);
  if (doc.y + 13 + (heights[0] ?? 0) * Math.min(3, labels.length) > bottomOf(doc)) newPage(ctx);
  header();
  labels.forEach((label, i) => {
    const height = heights[i]!;
    if (doc.y + height > bottomOf(doc)) {
      newPage(ctx);
      header();
    }
    const y = doc.y;
    doc.font(FONT.regular).fontSize(SIZE.table).fillColor(COLOUR.ink);
    drawText(ctx, label, MARGIN.left, y, { width: labelWidth });
    const barY = y + (Math.min(height - 5, textHeight(ctx, label, { width: labelWidth })) - BAR) / 2;
    panels.forEach((panel, p) => {
      let x = panelX(p);
      for (const dataset of panel.data.datasets) {
        const share = Number(dataset.data[i] ?? 0);
        const width = (panelWidth * share) / 100;
        const colour = String(dataset.backgroundColor);
        if (width <= 0) continue;
        doc.rect(x, barY, width, BAR).fill(colour);
        if (width >= 17) {
          doc.font(FONT.regular).fontSize(6.3).fillColor(textColourOn(colour));
          doc.text(fmt.int(share), x, barY + 2.4, { width, align: 'center', lineBreak: false });
        }
        x += width;
      }
    });
    doc.y = y + height;
  });

  // one legend per panel, under its column: the swatches, numbered, then what the ends of the scale mean
  const y = doc.y + 3;
  let bottom = y;
  panels.forEach((panel, p) => {
    const datasets = panel.data.datasets;
    doc.font(FONT.regular).fontSize(SIZE.small);
    // scales of up to 11 points: the swatches wrap onto a second row rather than run into the next panel
    const perRow = Math.max(1, Math.floor(panelWidth / SWATCH));
    datasets.forEach((dataset, k) => {
      const x = panelX(p) + (k % perRow) * SWATCH;
      const rowY = y + Math.floor(k / perRow) * 11;
      doc.rect(x, rowY + 1, 9, 7).fill(String(dataset.backgroundColor));
      doc.fillColor(COLOUR.muted).text(fmt.int(k + 1), x + 11, rowY, { lineBreak: false });
    });
    const ends = [datasets[0]?.label, datasets[datasets.length - 1]?.label].filter(Boolean).join(' … ');
    drawText(ctx, ends, panelX(p), y + 11 * Math.ceil(datasets.length / perRow), { width: panelWidth });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGIN.left;
  doc.y = bottom + 6;
}
