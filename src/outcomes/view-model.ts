import type { TFunction } from 'i18next';
import type { ReportData } from '../analysis/schema';
import { countText, integerFormat } from '../reporting/charts/format';
import type { OutcomeFunnel, OutcomeRow } from './schema';

const EMPTY: OutcomeFunnel = { outcomes: [], rows: [], overall: { collector: null, label: '', invited: null, responded: 0, attended: null, outcomes: [] } };
export const funnelOf = (report: ReportData): OutcomeFunnel => report.outcomeFunnel ?? EMPTY;

/** The funnel as text cells, invited → responded → attended → outcomes; a figure not entered yet is a dash. */
export function funnelTable(funnel: OutcomeFunnel, t: TFunction, lang: string) {
  const int = integerFormat(lang);
  const figure = (n: number | null) => (n === null ? '–' : int(n));
  const row = (r: OutcomeRow) => ({ collector: r.collector, label: r.label, cells: [figure(r.invited), countText(lang, r.responded), figure(r.attended), ...r.outcomes.map(figure)] });
  const o = funnel.overall;
  const steps = [
    [t('method.funnel.invited'), o.invited],
    [t('outcomes.responded'), o.responded],
    [t('outcomes.attended'), o.attended],
    ...funnel.outcomes.map((x, i) => [x.label, o.outcomes[i] ?? null] as const),
  ] as const;
  return {
    header: [t('method.funnel.collector'), t('method.funnel.invited'), t('outcomes.responded'), t('outcomes.attended'), ...funnel.outcomes.map((x) => x.label)],
    rows: funnel.rows.map(row),
    overall: row(o),
    /** "Invited: 76 → Responded: 52 → Attended training: 36 → Projects approved: 11", all partners together. */
    chain: steps.map(([label, n]) => t('outcomes.step', { label, count: typeof n === 'number' || n === null ? figure(n) : countText(lang, n) })).join(' → '),
  };
}

/** What views/outcomes/outcomes.ejs receives beside the admin page locals. */
export function outcomesView(report: ReportData, tr: TFunction, state: { editable: readonly string[]; canDefine: boolean; values?: Record<string, string>; names?: string; errors?: { href: string; label: string; message: string }[]; fieldErrors?: Record<string, string>; notice?: string }) {
  const funnel = funnelOf(report);
  const counts = new Map(funnel.rows.map((r) => [r.collector, r]));
  const value = (measure: number, collector: string) => {
    const r = counts.get(collector);
    const n = measure < 0 ? r?.attended : r?.outcomes[measure];
    return n === null || n === undefined ? '' : String(n);
  };
  return {
    tr,
    reportLang: report.lang,
    surveyId: report.survey.id,
    title: tr('outcomes.pageTitle', { survey: report.survey.title }),
    intro: tr('outcomes.intro', { min: report.thresholds.minCell }),
    table: funnelTable(funnel, tr, report.lang),
    outcomes: funnel.outcomes,
    form: {
      collectors: funnel.rows.filter((r) => r.collector !== null && state.editable.includes(r.collector)).map((r) => ({ id: r.collector!, label: r.label })),
      value: (field: string, measure: number, collector: string) => state.values?.[field] ?? value(measure, collector),
      fieldErrors: state.fieldErrors ?? {},
    },
    canDefine: state.canDefine,
    names: state.names ?? funnel.outcomes.map((o) => o.label).join('\n'),
    errors: state.errors ?? [],
    notice: state.notice,
  };
}
