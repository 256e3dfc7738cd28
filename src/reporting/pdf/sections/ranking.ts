import { isSuppressed } from '../../../analysis/suppressed';
import type { ItemSummary, ReportData } from '../../../analysis/schema';
import { QUADRANT_COLOURS } from '../../charts';
import { rankedItems } from '../../charts/format';
import type { PdfContext } from '../context';
import { cleanText, DASH, type Format } from '../format';
import { note, paragraph, section } from '../layout';
import { table, type Cell } from '../table';

export const rankText = (fmt: Format, rank: number) => (Number.isInteger(rank) ? fmt.int(rank) : fmt.n1(rank));

/** Every competence item, highest need first; items withheld by disclosure control come last with dashes. */
export function ranking(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  section(ctx, t('ranking.title'));
  paragraph(ctx, t('ranking.intro', { points: ctx.report.scalePoints }));
  const areaLabel = new Map(report.areas.map((a) => [a.id, cleanText(a.label)]));
  const ranked = rankedItems(report);
  const shown = new Set(ranked.map((r) => r.item.id));
  const hidden = report.items.filter((i) => !shown.has(i.id));
  const mean = (d: ItemSummary['importance']) => fmt.disclosed(d, (v) => fmt.n2(v.mean));
  const rows: Cell[][] = [
    ...ranked.map((r): Cell[] => [
      rankText(fmt, r.rank),
      cleanText(r.item.label),
      areaLabel.get(r.item.area) ?? r.item.area,
      fmt.int(r.item.n),
      fmt.n2(r.importance.mean),
      fmt.n2(r.proficiency.mean),
      fmt.n2(r.gap),
      { text: fmt.n2(r.mwds), bold: true },
      r.quadrant ? { text: t(`quadrant.${r.quadrant}`), colour: QUADRANT_COLOURS[r.quadrant], bold: r.quadrant === 'first_priority' } : DASH,
    ]),
    ...hidden.map((i): Cell[] => [
      DASH,
      cleanText(i.label),
      areaLabel.get(i.area) ?? i.area,
      fmt.int(i.n),
      mean(i.importance),
      mean(i.proficiency),
      fmt.disclosed(i.gap, (g) => fmt.n2(g.mean)),
      fmt.disclosed(i.mwds, fmt.n2),
      isSuppressed(i.quadrant) ? DASH : t(`quadrant.${i.quadrant}`),
    ]),
  ];
  table(
    ctx,
    [
      { header: t('table.rank'), width: 5, align: 'right' },
      { header: t('table.item'), width: 33 },
      { header: t('table.area'), width: 14 },
      { header: t('table.n'), width: 6, align: 'right' },
      { header: t('table.importance'), width: 8.5, align: 'right' },
      { header: t('table.proficiency'), width: 8.5, align: 'right' },
      { header: t('table.gap'), width: 6, align: 'right' },
      { header: t('table.mwds'), width: 7, align: 'right' },
      { header: t('table.quadrant'), width: 13 },
    ],
    rows,
  );
  note(ctx, t('ranking.note', { points: ctx.report.scalePoints, ...scaleEnds(ctx.report) }));
  if (hidden.length) note(ctx, t('notes.suppressed', { min: fmt.int(report.thresholds.minGroup) }));
}

/** The first and last points of both scales as the questionnaire words them ("1 = Not important / None … 5 = Essential / Expert"). */
export function scaleEnds(report: Pick<ReportData, 'scaleLabels'>): Record<'importanceLow' | 'importanceHigh' | 'proficiencyLow' | 'proficiencyHigh', string> {
  const s = report.scaleLabels;
  const clean = (x: string | undefined) => cleanText(x ?? '');
  return { importanceLow: clean(s?.importance[0]), importanceHigh: clean(s?.importance.at(-1)), proficiencyLow: clean(s?.proficiency[0]), proficiencyHigh: clean(s?.proficiency.at(-1)) };
}
