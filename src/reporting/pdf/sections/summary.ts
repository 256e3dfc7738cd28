import { isSuppressed } from '../../../analysis/suppressed';
import { priorityChart } from '../../charts';
import { rankedItems } from '../../charts/format';
import { drawChart } from '../chart';
import type { PdfContext } from '../context';
import { cleanText } from '../format';
import { heading, listItem, note, paragraph, section } from '../layout';

const TOP = 10;
/** Points per bar of the priority chart: three lines of an 8.5 pt label. */
const BAR_SLOT = 33;

/** Executive summary: the ten highest needs in words, then the pattern across quadrants, areas and groups. */
export function executiveSummary(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  section(ctx, t('summary.title'));
  const ranked = rankedItems(report);
  // The nouns agree with min_group: below it the selection's own size is hidden ("<5").
  if (!report.sample.enough) return paragraph(ctx, t('summary.notEnough', { count: report.thresholds.minGroup, n: fmt.count(report.sample.n), min: fmt.int(report.thresholds.minGroup) }));
  if (ranked.length === 0) return paragraph(ctx, t('summary.noRanking', { min: fmt.int(report.thresholds.minGroup) }));
  const areaLabel = new Map(report.areas.map((a) => [a.id, cleanText(a.label)]));
  const top = ranked.slice(0, TOP);
  paragraph(ctx, t('summary.intro', { n: fmt.count(report.sample.n), count: top.length, items: fmt.int(report.items.length) }));
  top.forEach((r, i) => {
    const text = t('summary.need', {
      item: cleanText(r.item.label),
      area: areaLabel.get(r.item.area) ?? r.item.area,
      importance: fmt.n2(r.importance.mean),
      proficiency: fmt.n2(r.proficiency.mean),
      mwds: fmt.n2(r.mwds),
    });
    listItem(ctx, `${fmt.int(i + 1)}.`, text);
  });

  heading(ctx, t('summary.findings'));
  const first = ranked.filter((r) => r.quadrant === 'first_priority').length;
  paragraph(ctx, t('summary.quadrants', { count: first, total: fmt.int(ranked.length) }));
  const areas = report.areas.flatMap((a) => (isSuppressed(a.mwds) ? [] : [{ label: cleanText(a.label), mwds: a.mwds }])).sort((a, b) => b.mwds - a.mwds);
  if (areas.length > 1) {
    const [high, low] = [areas[0]!, areas[areas.length - 1]!];
    paragraph(ctx, t('summary.areas', { high: high.label, highMwds: fmt.n2(high.mwds), low: low.label, lowMwds: fmt.n2(low.mwds) }));
  }
  const comparison = report.comparison;
  if (comparison) {
    const tests = comparison.areas.flatMap((a) => (isSuppressed(a.kruskal) ? [] : [{ label: cleanText(a.label), ...a.kruskal }]));
    const largest = tests.sort((a, b) => b.epsilonSquared - a.epsilonSquared)[0];
    const by = cleanText(comparison.by.label);
    paragraph(ctx, t('summary.groups', { count: comparison.columns.length, by }));
    if (largest && largest.p < 0.05) paragraph(ctx, t('summary.groupDifference', { area: largest.label, epsilon: fmt.n3(largest.epsilonSquared), p: fmt.p(largest.p) }));
  }

  const chart = priorityChart(report, t, { top: 15 });
  const bars = chart.data.labels?.length ?? 0;
  // room for three lines of label per bar; longer labels end in "…" and the ranking table gives them in full
  heading(ctx, t('summary.chart'), { space: 80 + bars * BAR_SLOT });
  if (drawChart(ctx, chart, 60 + bars * BAR_SLOT).length) note(ctx, t('charts.shortened', { section: t('ranking.title') }));
}
