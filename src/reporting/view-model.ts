import type { TFunction } from 'i18next';
import { isSuppressed } from '../analysis/suppressed';
import type { Count, Disclosed, PairwiseTest, ReportData } from '../analysis/schema';
import { LANGUAGES, nativeLanguageName } from '../i18n/languages';
import { distributionChart, frequencyChart, heatmapCells, locusChart, priorityChart } from './charts';
import { countText, numberFormat, percentFormat } from './charts/format';
import { pairsInWords } from './pairs';
import { wavesView } from '../waves/view-model'; // issue 14: waves

/** Heat map cells get one of 7 CSS classes (no inline styles: the CSP forbids them). */
const HEAT_CLASSES = 7;

/** Everything views/reporting/dashboard.ejs needs: formatted figures, chart configs as JSON, the controls' state. */
export function dashboardView(report: ReportData, query: Record<string, unknown>, t: TFunction, uiLang: string) {
  const lang = report.lang;
  const num = numberFormat(lang, 2);
  const pct = percentFormat(lang, 0);
  const dash = '–';
  const figure = <T>(x: Disclosed<T>, f: (v: T) => string) => (isSuppressed(x) ? dash : f(x));
  const heatmap = heatmapCells(report);
  const span = heatmap ? heatmap.scale.max - heatmap.scale.min || 1 : 1;
  const qs = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string' && x).map((x): [string, string] => [k, x as string])));
  const groupable = report.frequencies.filter((f) => f.type === 'single' || f.type === 'country');
  // Filters offer the background questions (the first page's), where a partnership slices its sample.
  const background = groupable.filter((f) => f.page === report.frequencies[0]?.page);
  const charts: Record<string, unknown> = {
    priority: priorityChart(report, t, { top: 15 }),
    locus: locusChart(report, t),
    importance: distributionChart(report, t, 'importance'),
    proficiency: distributionChart(report, t, 'proficiency'),
  };
  for (const f of report.frequencies.filter((x) => x.page === report.frequencies.at(-1)?.page)) charts[`freq-${f.questionId}`] = frequencyChart(report, t, f.questionId);
  const columnLabels = new Map((report.comparison?.columns ?? []).map((c) => [c.key, c.label]));

  return {
    report,
    title: t('dashboard:title', { survey: report.survey.title }),
    td: (key: string, params?: Record<string, unknown>) => t(`dashboard:${key}`, params),
    /** The report namespace in the report language (the page's own `t` is the admin interface's language). */
    tr: (key: string, params?: Record<string, unknown>) => t(key, params),
    fmt: { num, pct, count: (c: Count) => countText(lang, c), figure, interval: (ci: [number, number] | null) => (ci ? `[${num(ci[0])}; ${num(ci[1])}]` : dash), p: (p: number) => (p < 0.001 ? `< ${numberFormat(lang, 3)(0.001)}` : numberFormat(lang, 3)(p)) },
    /** Post-hoc pairs of a comparison in words (views/reporting/pairs.ejs). */
    pairs: (list: PairwiseTest[]) => pairsInWords(list, (key) => columnLabels.get(key) ?? key),
    charts: Object.fromEntries(Object.entries(charts).filter(([, c]) => c)),
    /** Waves (issue 14): views/waves/controls.ejs and comparison.ejs. */
    waves: wavesView(report, t),
    heatmap: heatmap && {
      ...heatmap,
      rows: heatmap.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, heat: c.value === null ? 'heat-none' : `heat-${Math.min(HEAT_CLASSES - 1, Math.floor(((c.value - heatmap.scale.min) / span) * HEAT_CLASSES))}` })) })),
    },
    controls: {
      lang,
      languages: LANGUAGES.map((code) => ({ code, name: nativeLanguageName(code) })),
      groupBy: report.comparison?.by.id ?? '',
      groupOptions: [...groupable.map((f) => ({ id: f.questionId, label: f.label })), { id: 'collector', label: t('groupBy.collector') }, { id: 'lang', label: t('groupBy.lang') }],
      filters: background.map((f) => ({ id: f.questionId, label: f.label, options: f.options, value: typeof query[`filter.${f.questionId}`] === 'string' ? query[`filter.${f.questionId}`] : '' })),
    },
    links: {
      pdf: `/admin/surveys/${encodeURIComponent(report.survey.id)}/report.pdf?${qs}`,
      json: `/api/surveys/${encodeURIComponent(report.survey.id)}/report?${qs}`,
      csv: `/api/surveys/${encodeURIComponent(report.survey.id)}/responses.csv?lang=${lang}`,
      csvLabels: `/api/surveys/${encodeURIComponent(report.survey.id)}/responses.csv?labels=1&lang=${lang}`,
      xlsx: `/api/surveys/${encodeURIComponent(report.survey.id)}/responses.xlsx?lang=${lang}`,
      sps: `/api/surveys/${encodeURIComponent(report.survey.id)}/codebook.sps?lang=${lang}`,
      /** The same dashboard without the selection: under the group threshold there are no filter controls to undo it. */
      allResponses: `/admin/surveys/${encodeURIComponent(report.survey.id)}/report?${new URLSearchParams({ lang, ...(typeof query.groupBy === 'string' && query.groupBy ? { groupBy: query.groupBy } : {}) })}`,
    },
    uiLang,
  };
}
