import type { ChartConfiguration } from 'chart.js';
import type { TFunction } from 'i18next';
import { isSuppressed } from '../../analysis/suppressed';
import type { ReportData } from '../../analysis/schema';
import { wrapLabel, horizontalBarOptions } from './format';
import { GRID, INK, OKABE_ITO } from './palette';

/**
 * Share of respondents choosing each option of a background or preference question (horizontal bars, in percent).
 * Options with a suppressed share are left out. Null when the question is not in the report.
 */
export function frequencyChart(report: ReportData, t: TFunction, questionId: string): ChartConfiguration<'bar'> | null {
  const question = report.frequencies.find((f) => f.questionId === questionId);
  if (!question) return null;
  const options = question.options.flatMap((o) => (isSuppressed(o.share) ? [] : [{ label: o.label, share: o.share }]));
  return {
    type: 'bar',
    data: {
      labels: options.map((o) => wrapLabel(o.label, 40, 2)),
      datasets: [{ label: t('charts.frequency.dataset'), data: options.map((o) => 100 * o.share), backgroundColor: OKABE_ITO.blue, borderWidth: 0 }],
    },
    options: {
      ...horizontalBarOptions(report.lang),
      plugins: { title: { display: true, text: question.label, color: INK, align: 'start' }, legend: { display: false } },
      scales: {
        x: { min: 0, max: 100, title: { display: true, text: t('charts.frequency.axis', { n: question.n }), color: INK }, grid: { color: GRID }, ticks: { color: INK } },
        y: { grid: { display: false }, ticks: { color: INK, autoSkip: false } },
      },
    },
  };
}
