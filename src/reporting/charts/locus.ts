import type { ChartConfiguration, ChartType } from 'chart.js';
import type { TFunction } from 'i18next';
import { isSuppressed } from '../../analysis/suppressed';
import type { ReportData } from '../../analysis/schema';
import type { LocusQuadrant } from '../../analysis/stats/borich';
import { numberFormat, quadrantLabel, rankedItems } from './format';
import { GRID, INK, MUTED, QUADRANT_COLOURS } from './palette';

/**
 * Options of the optional `locusLabels` plugin: the quadrant names written in the chart's corners and each point's
 * tag (its rank). Plain data, so the config stays JSON; a renderer that registers a plugin with this id draws them
 * (the PDF does), one that does not simply ignores them — the legend names the quadrants either way.
 */
export interface LocusLabelOptions {
  quadrants: { topRight: string; topLeft: string; bottomLeft: string; bottomRight: string };
  pointTags: boolean;
  color: string;
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    locusLabels?: LocusLabelOptions;
  }
}

/** One point of the scatter: extra fields are ignored by chart.js but let a page link a point to its item. */
export interface LocusPointData {
  x: number;
  y: number;
  id: string;
  label: string;
  /** The rank, written next to the point. */
  tag: string;
}

const QUADRANTS: LocusQuadrant[] = ['first_priority', 'high_gap_low_importance', 'high_importance_low_gap', 'lowest_priority'];

/** Axis bounds on a round step, so the first and last ticks are round numbers too. */
const axisRange = (values: number[], centre: number) => {
  const lo = Math.min(centre, ...values);
  const hi = Math.max(centre, ...values);
  const pad = Math.max(0.05, (hi - lo) * 0.06);
  const step = hi - lo > 1.2 ? 0.2 : 0.1;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { min: round(Math.floor((lo - pad) / step) * step), max: round(Math.ceil((hi + pad) / step) * step), step };
};

/**
 * Locus for Focus: mean importance (x) against mean gap (y), one dataset per quadrant (named in words in the legend)
 * and the two mean lines as line datasets. Null when the centre itself was suppressed (too few respondents).
 */
export function locusChart(report: ReportData, t: TFunction): ChartConfiguration<'scatter', LocusPointData[] | { x: number; y: number }[]> | null {
  if (isSuppressed(report.locus) || !Number.isFinite(report.locus.grandImportance)) return null;
  const { grandImportance, grandGap } = report.locus;
  const items = rankedItems(report).filter((r) => r.quadrant !== null);
  const x = axisRange(items.map((r) => r.importance.mean), grandImportance);
  const y = axisRange(items.map((r) => r.gap), grandGap);
  const fmt = numberFormat(report.lang, 2);
  const meanLine = { showLine: true, pointStyle: 'line' as const, pointRadius: 0, pointHoverRadius: 0, borderColor: MUTED, borderWidth: 1, borderDash: [5, 4], backgroundColor: MUTED };
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...QUADRANTS.map((quadrant) => ({
          label: quadrantLabel(t, quadrant),
          data: items
            .filter((r) => r.quadrant === quadrant)
            .map((r): LocusPointData => ({ x: r.importance.mean, y: r.gap, id: r.item.id, label: r.item.label, tag: String(r.rank) })),
          backgroundColor: QUADRANT_COLOURS[quadrant],
          borderColor: QUADRANT_COLOURS[quadrant],
          pointRadius: 4,
          pointStyle: quadrant === 'first_priority' ? 'rectRot' : 'circle',
        })),
        { ...meanLine, label: t('charts.locus.meanImportance', { value: fmt(grandImportance) }), data: [{ x: grandImportance, y: y.min }, { x: grandImportance, y: y.max }] },
        { ...meanLine, label: t('charts.locus.meanGap', { value: fmt(grandGap) }), data: [{ x: x.min, y: grandGap }, { x: x.max, y: grandGap }], borderDash: [2, 3] },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: report.lang,
      plugins: {
        title: { display: true, text: t('charts.locus.title'), color: INK, align: 'start' },
        legend: { position: 'bottom', labels: { color: INK, usePointStyle: true, boxWidth: 7, boxHeight: 7 } },
        locusLabels: {
          quadrants: {
            topRight: quadrantLabel(t, 'first_priority'),
            topLeft: quadrantLabel(t, 'high_gap_low_importance'),
            bottomLeft: quadrantLabel(t, 'lowest_priority'),
            bottomRight: quadrantLabel(t, 'high_importance_low_gap'),
          },
          pointTags: true,
          color: MUTED,
        },
      },
      scales: {
        x: { type: 'linear', min: x.min, max: x.max, title: { display: true, text: t('charts.locus.x'), color: INK }, grid: { color: GRID }, ticks: { color: INK, stepSize: x.step } },
        y: { type: 'linear', min: y.min, max: y.max, title: { display: true, text: t('charts.locus.y'), color: INK }, grid: { color: GRID }, ticks: { color: INK, stepSize: y.step } },
      },
    },
  };
}
