import type { ChartConfiguration } from 'chart.js';
import type { TFunction } from 'i18next';
import type { ReportData } from '../../analysis/schema';
import { rankedItems, wrapLabel, horizontalBarOptions } from './format';
import { GRID, INK, MUTED, QUADRANT_COLOURS } from './palette';

/**
 * Priority ranking: a horizontal bar of MWDS for the `top` highest-ranked items, coloured by Locus-for-Focus
 * quadrant. Items whose figures were suppressed are left out.
 */
export function priorityChart(report: ReportData, t: TFunction, options: { top?: number } = {}): ChartConfiguration<'bar'> {
  const items = rankedItems(report).slice(0, options.top ?? 15);
  return {
    type: 'bar',
    data: {
      labels: items.map((r) => wrapLabel(`${r.rank}. ${r.item.label}`, 52, 3)),
      datasets: [
        {
          label: t('charts.priority.dataset'),
          data: items.map((r) => r.mwds),
          backgroundColor: items.map((r) => (r.quadrant ? QUADRANT_COLOURS[r.quadrant] : MUTED)),
          borderWidth: 0,
          barPercentage: 0.8,
        },
      ],
    },
    options: {
      ...horizontalBarOptions(report.lang),
      plugins: {
        title: { display: true, text: t('charts.priority.title', { count: items.length }), color: INK, align: 'start' },
        legend: { display: false },
      },
      scales: {
        x: { beginAtZero: true, title: { display: true, text: t('charts.priority.axis'), color: INK }, grid: { color: GRID }, ticks: { color: INK } },
        y: { grid: { display: false }, ticks: { color: INK, autoSkip: false } },
      },
    },
  };
}
