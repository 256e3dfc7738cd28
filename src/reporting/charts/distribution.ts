import type { ChartConfiguration } from 'chart.js';
import type { TFunction } from 'i18next';
import { isSuppressed } from '../../analysis/suppressed';
import type { ReportData } from '../../analysis/schema';
import { wrapLabel, horizontalBarOptions } from './format';
import { GRID, INK, likertColours } from './palette';

export type Scale = 'importance' | 'proficiency';

/** Either one bar per area (all ratings of its items pooled) or one bar per item of an area. */
export type DistributionLevel = { by: 'area' } | { by: 'item'; area: string };

interface Row {
  label: string;
  counts: number[];
}

function rows(report: ReportData, scale: Scale, level: DistributionLevel): Row[] {
  const items = report.items.filter((i) => level.by === 'area' || i.area === level.area);
  const disclosed = items.flatMap((i) => {
    const d = i[scale];
    return isSuppressed(d) ? [] : [{ item: i, counts: d.counts }];
  });
  if (level.by === 'item') return disclosed.map((d) => ({ label: d.item.label, counts: d.counts }));
  return report.areas.flatMap((area) => {
    const own = disclosed.filter((d) => d.item.area === area.id);
    if (own.length === 0) return [];
    return [{ label: area.label, counts: Array.from({ length: report.scalePoints }, (_, k) => own.reduce((sum, d) => sum + (d.counts[k] ?? 0), 0)) }];
  });
}

/** "1 Not important": the questionnaire's own text of an end point; the interface's wording only without competence scales. */
function endLabel(report: ReportData, t: TFunction, scale: Scale, k: number): string {
  const text = report.scaleLabels?.[scale][k];
  if (text) return `${k + 1} ${text}`;
  return k === 0 ? t(`scale.${scale}.1`) : t(`scale.${scale}.top`, { point: k + 1 });
}

/**
 * Distribution of one rating scale as 100% stacked horizontal bars: the share of answers on each scale point 1..K.
 * Items with a suppressed distribution are left out.
 */
export function distributionChart(report: ReportData, t: TFunction, scale: Scale, level: DistributionLevel = { by: 'area' }): ChartConfiguration<'bar'> {
  const data = rows(report, scale, level);
  const totals = data.map((r) => r.counts.reduce((a, b) => a + b, 0));
  const points = report.scalePoints;
  return {
    type: 'bar',
    data: {
      labels: data.map((r) => wrapLabel(r.label, level.by === 'area' ? 32 : 48, 3)),
      datasets: Array.from({ length: points }, (_, k) => ({
        // the ends are named as the questionnaire's scale names them ("1 Not important", "7 Essential"), the points between are numbers
        label: k === 0 || k === points - 1 ? endLabel(report, t, scale, k) : String(k + 1),
        data: data.map((r, i) => (totals[i] ? (100 * (r.counts[k] ?? 0)) / totals[i]! : 0)),
        backgroundColor: likertColours(points)[k],
        borderWidth: 0,
        barPercentage: 0.85,
      })),
    },
    options: {
      ...horizontalBarOptions(report.lang),
      plugins: {
        title: { display: true, text: t(`charts.distribution.${scale}`), color: INK, align: 'start' },
        legend: { position: 'bottom', labels: { color: INK, boxWidth: 10 } },
      },
      scales: {
        x: { stacked: true, min: 0, max: 100, title: { display: true, text: t('charts.distribution.axis'), color: INK }, grid: { color: GRID }, ticks: { color: INK } },
        y: { stacked: true, grid: { display: false }, ticks: { color: INK, autoSkip: false } },
      },
    },
  };
}
