import type { Writable } from 'node:stream';
import type { TFunction } from 'i18next';
import { isSuppressed } from '../analysis/suppressed';
import type { ReportData } from '../analysis/schema';
import type { Cell } from '../reporting/exports/schema';
import { sheetXml, workbookParts } from '../reporting/exports/xlsx';
import { ZipStream } from '../reporting/exports/zip';
import { planOf } from './view-model';
import { funnelOf } from '../outcomes/view-model';
import type { PlanUnit } from './schema';

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * The training plan as a workbook a coordinator edits into the real plan: one row per first-priority need of every
 * partner and group that publishes one (the figures that put it there, then empty columns to fill: format, dates,
 * trainer, notes), and a second sheet with the same groups' training preferences. Only published figures, exactly
 * as the page and the report show them: withheld counts are "<5", small groups have no rows. A third sheet holds
 * the outcome funnel (invited, responded, attended, outcomes per partner).
 */
export async function writePlanXlsx(report: ReportData, t: TFunction, out: Writable): Promise<void> {
  const plan = planOf(report);
  const units: { grouping: string; unit: PlanUnit }[] = [
    ...plan.partners.map((unit) => ({ grouping: t('groupBy.collector'), unit })),
    ...(plan.grouping?.groups ?? []).map((unit) => ({ grouping: plan.grouping!.label, unit })),
  ].filter((u) => u.unit.status === 'shown');
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const planRows: Cell[][] = [
    [t('plan.col.grouping'), t('plan.col.unit'), t('plan.col.module'), t('table.item'), t('table.mwds'), t('table.rank'), t('table.importance'), t('table.gap'), t('table.n'), t('plan.col.format'), t('plan.col.dates'), t('plan.col.trainer'), t('plan.col.notes')],
    ...units.flatMap(({ grouping, unit }) =>
      unit.modules.flatMap((m, i) => m.items.map((item): Cell[] => [grouping, unit.label, t('plan.module', { number: i + 1, area: m.label }), item.label, round(item.mwds), item.rank, round(item.meanImportance), round(item.meanGap), item.n, null, null, null, null])),
    ),
  ];
  const preferenceRows: Cell[][] = [
    [t('plan.col.grouping'), t('plan.col.unit'), t('plan.col.question'), t('plan.col.option'), t('plan.col.count'), t('table.share')],
    ...units.flatMap(({ grouping, unit }) =>
      unit.preferences.flatMap((p) =>
        p.options.map((o): Cell[] => [grouping, unit.label, p.label, o.label, isSuppressed(o.count) ? `<${o.count.below ?? ''}` : o.count, isSuppressed(o.share) ? null : round(o.share)]),
      ),
    ),
  ];
  // the outcome funnel (src/outcomes) beside the plan: the figures the plan is later measured against
  const funnel = funnelOf(report);
  const funnelRows: Cell[][] = [
    [t('method.funnel.collector'), t('method.funnel.invited'), t('outcomes.responded'), t('outcomes.attended'), ...funnel.outcomes.map((o) => o.label)],
    ...[...funnel.rows, funnel.overall].map((r): Cell[] => [r.label, r.invited, isSuppressed(r.responded) ? `<${r.responded.below ?? ''}` : r.responded, r.attended, ...r.outcomes]),
  ];
  const zip = new ZipStream(out);
  const sheets = [sheetName(t('plan.sheet.plan')), sheetName(t('plan.sheet.preferences')), sheetName(t('outcomes.title'))];
  for (const [name, xml] of workbookParts(t('plan.pageTitle', { survey: report.survey.title }), sheets)) await zip.add(name, [xml]);
  await zip.add('xl/worksheets/sheet1.xml', sheetXml(planRows[0]!.length, planRows));
  await zip.add('xl/worksheets/sheet2.xml', sheetXml(preferenceRows[0]!.length, preferenceRows));
  await zip.add('xl/worksheets/sheet3.xml', sheetXml(funnelRows[0]!.length, funnelRows));
  await zip.finish();
}
