import type { PdfContext } from '../reporting/pdf/context';
import { cleanText } from '../reporting/pdf/format';
import { ensureSpace, heading, note, paragraph, section } from '../reporting/pdf/layout';
import { table, tableSpace, type Column } from '../reporting/pdf/table';
import { SIZE } from '../reporting/pdf/theme';
import type { PlanUnit } from './schema';
import { planOf, preferenceOptions, unitNotice, unitSize } from './view-model';

/** One partner's or group's plan: a table per module, then its training preferences in a line per question. */
function unitPlan(ctx: PdfContext, unit: PlanUnit): void {
  const { t, fmt, report } = ctx;
  const size = unitSize(unit, t, report.lang);
  heading(ctx, size ? `${cleanText(unit.label)} (${size})` : cleanText(unit.label), { size: SIZE.h3, space: 40 });
  const notice = unitNotice(unit, t, report.thresholds.minGroup, report.lang);
  if (notice) note(ctx, notice);
  const columns: Column[] = [
    { header: t('table.item'), width: 52 },
    { header: t('table.mwds'), width: 12, align: 'right' },
    { header: t('table.importance'), width: 12, align: 'right' },
    { header: t('table.gap'), width: 12, align: 'right' },
    { header: t('table.n'), width: 8, align: 'right' },
  ];
  unit.modules.forEach((m, i) => {
    const rows = m.items.map((item) => [cleanText(item.label), fmt.n2(item.mwds), fmt.n2(item.meanImportance), fmt.n2(item.meanGap), fmt.int(item.n)]);
    // keep the module's title with its table (or the first rows of a long one)
    ensureSpace(ctx, Math.min(tableSpace(ctx, columns, rows), 120) + 16);
    paragraph(ctx, t('plan.module', { number: fmt.int(i + 1), area: cleanText(m.label) }), { bold: true, size: SIZE.table + 1, gap: 2 });
    table(ctx, columns, rows);
  });
  if (unit.preferences.length) {
    paragraph(ctx, t('plan.preferences'), { bold: true, size: SIZE.table + 1, gap: 2 });
    for (const p of unit.preferences) {
      const options = preferenceOptions(p, report.lang)
        .map((o) => `${cleanText(o.label)} ${o.figures}`)
        .join(' · ');
      paragraph(ctx, `${cleanText(p.label)}: ${options}`, { size: SIZE.table, gap: 3 });
    }
  }
}

/** The training plan (issue 14): every partner's and group's first-priority needs as modules, with preferences. */
export function trainingPlanSection(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  const plan = planOf(ctx.report);
  if (!plan.partners.length && !plan.grouping) return;
  section(ctx, t('plan.title'));
  note(ctx, t('plan.intro', { min: fmt.int(report.thresholds.minGroup) }));
  if (Object.values(plan.questions).every((q) => q === null)) note(ctx, t('plan.noPreferences'));
  if (plan.partners.length) {
    heading(ctx, t('plan.partners'), { toc: true });
    for (const unit of plan.partners) unitPlan(ctx, unit);
  }
  if (plan.grouping) {
    heading(ctx, t('plan.byGroup', { label: cleanText(plan.grouping.label) }), { toc: true });
    for (const unit of plan.grouping.groups) unitPlan(ctx, unit);
  }
}
