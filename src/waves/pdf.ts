import type { PdfContext } from '../reporting/pdf/context';
import { cleanText } from '../reporting/pdf/format';
import { heading, listItem, note, paragraph, section } from '../reporting/pdf/layout';
import { table, tableSpace, type Cell, type Column } from '../reporting/pdf/table';
import { SIZE } from '../reporting/pdf/theme';
import { wavesView, type WaveRow } from './view-model';

/** Waves (issue 14): the PDF section comparing two waves, drawn from the same view model as the dashboard. */
export function wavesSection(ctx: PdfContext): void {
  const { report, t } = ctx;
  const view = wavesView(report, t).comparison;
  if (!view) return;
  section(ctx, view.title);
  paragraph(ctx, cleanText(view.intro));
  if (view.notEnough) {
    note(ctx, view.notEnough);
    return;
  }
  const columns = (first: string): Column[] => [
    { header: first, width: 22 },
    { header: t('table.n'), width: 9, align: 'right' },
    { header: t('table.importance'), width: 11, align: 'right' },
    { header: t('table.proficiency'), width: 11, align: 'right' },
    { header: t('table.gap'), width: 15, align: 'right' },
    { header: t('waves.test'), width: 11, align: 'right' },
    { header: t('waves.paired'), width: 11, align: 'right' },
    { header: t('waves.question'), width: 14 },
  ];
  const cells = (rows: WaveRow[]): Cell[][] => rows.map((r) => [cleanText(r.label), r.n, r.importance, r.proficiency, r.gap, r.test, r.paired, { text: r.verdict, bold: r.kind === 'closed' || r.kind === 'widened' }]);
  const verdicts = (sentences: { text: string }[]) => sentences.forEach((s) => listItem(ctx, '•', cleanText(s.text)));

  heading(ctx, t('waves.question'), { size: SIZE.h3 });
  verdicts(view.sentences);
  table(ctx, columns(t('table.area')), cells(view.areas));
  const items = cells(view.items);
  heading(ctx, t('areas.items'), { size: SIZE.h3, space: tableSpace(ctx, columns(t('areas.items')), items.slice(0, 3)) + 30 });
  table(ctx, columns(t('areas.items')), items);
  heading(ctx, t('waves.byPartner'), { space: 120 });
  for (const partner of view.partners) {
    const rows = cells(partner.rows);
    heading(ctx, cleanText(partner.label), { size: SIZE.h3, space: partner.hidden ? 40 : tableSpace(ctx, columns(t('table.area')), rows) + 60 });
    if (partner.hidden) {
      note(ctx, partner.hidden);
      continue;
    }
    verdicts(partner.sentences);
    table(ctx, columns(t('table.area')), rows);
  }
  note(ctx, view.method);
}
