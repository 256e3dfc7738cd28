import type { PdfContext } from '../reporting/pdf/context';
import { cleanText } from '../reporting/pdf/format';
import { note, paragraph, section } from '../reporting/pdf/layout';
import { table, type Column } from '../reporting/pdf/table';
import { funnelOf, funnelTable } from './view-model';

/** The outcome funnel (issue 14): invited → responded → attended → outcomes per partner and for all of them. */
export function outcomeFunnelSection(ctx: PdfContext): void {
  const { report, t } = ctx;
  const funnel = funnelOf(report);
  if (!funnel.rows.length) return;
  const view = funnelTable(funnel, t, report.lang);
  section(ctx, t('outcomes.title'));
  note(ctx, t('outcomes.intro', { min: report.thresholds.minCell }));
  paragraph(ctx, view.chain, { bold: true });
  const columns: Column[] = view.header.map((header, i) => (i === 0 ? { header: cleanText(header), width: 30 } : { header: cleanText(header), width: 12, align: 'right' as const }));
  const rows = [...view.rows, view.overall].map((r) => [cleanText(r.label), ...r.cells]);
  table(ctx, columns, rows, { boldRows: new Set([rows.length - 1]) });
  note(ctx, t('outcomes.notEntered'));
}
