import type { TFunction } from 'i18next';
import { isSuppressed } from '../analysis/suppressed';
import type { ReportData } from '../analysis/schema';
import { countText, integerFormat, numberFormat, percentFormat } from '../reporting/charts/format';
import type { PlanPreference, PlanUnit, TrainingPlan } from './schema';

/** One preference answer as shown: label, and share with count (only "<5" when withheld). */
export const preferenceOptions = (p: PlanPreference, lang: string) =>
  p.options
    // an option nobody chose is left out; a withheld one shows only "<5"
    .filter((o) => o.count !== 0)
    .map((o) => ({ label: o.label, figures: isSuppressed(o.share) ? countText(lang, o.count) : `${percentFormat(lang, 0)(o.share)} (${countText(lang, o.count)})`, order: isSuppressed(o.count) ? 0 : o.count }))
    // most chosen first, except on a scale, which keeps its order
    .sort((a, b) => (p.type === 'likert' ? 0 : b.order - a.order));

/** "(Respondents: 26)" after a unit's name, or nothing when its size is not published at all. */
export const unitSize = (u: PlanUnit, t: TFunction, lang: string): string => (isSuppressed(u.n) && u.n.below === undefined ? '' : `${t('cover.respondents')}: ${countText(lang, u.n)}`);

/** Why a unit publishes nothing, in words; null when it is shown. */
export const unitNotice = (unit: PlanUnit, t: TFunction, minGroup: number, lang: string): string | null =>
  unit.status === 'shown' ? (unit.items.length ? null : t('plan.none')) : unit.status === 'withheld' ? t('plan.withheld') : t('plan.small', { min: integerFormat(lang)(minGroup) });

const EMPTY_PLAN: TrainingPlan = { partners: [], grouping: null, questions: { formats: null, barriers: null, language: null, international: null } };
export const planOf = (report: ReportData): TrainingPlan => report.trainingPlan ?? EMPTY_PLAN;

/** What views/plan/plan.ejs receives (beside the admin page locals): formatted units and the controls' state. */
export function planView(report: ReportData, t: TFunction) {
  const lang = report.lang;
  const num = numberFormat(lang, 2);
  const plan = planOf(report);
  const unit = (u: PlanUnit) => ({
    key: u.key,
    label: u.label,
    size: unitSize(u, t, lang),
    notice: unitNotice(u, t, report.thresholds.minGroup, lang),
    modules: u.modules.map((m, i) => ({
      title: t('plan.module', { number: integerFormat(lang)(i + 1), area: m.label }),
      items: m.items.map((item) => ({ label: item.label, mwds: num(item.mwds), importance: num(item.meanImportance), gap: num(item.meanGap), n: integerFormat(lang)(item.n) })),
    })),
    preferences: u.preferences.map((p) => ({ label: p.label, options: preferenceOptions(p, lang) })),
  });
  const survey = encodeURIComponent(report.survey.id);
  const by = plan.grouping?.id ?? '';
  const query = by ? `?groupBy=${encodeURIComponent(by)}` : '';
  return {
    tr: t,
    reportLang: lang,
    title: t('plan.pageTitle', { survey: report.survey.title }),
    intro: t('plan.intro', { min: integerFormat(lang)(report.thresholds.minGroup) }),
    surveyId: report.survey.id,
    isDemo: report.survey.isDemo,
    noPreferences: Object.values(plan.questions).every((q) => q === null),
    partners: plan.partners.map(unit),
    grouping: plan.grouping && { heading: t('plan.byGroup', { label: plan.grouping.label }), groups: plan.grouping.groups.map(unit) },
    controls: {
      groupBy: by,
      options: report.frequencies.filter((f) => f.type === 'single' || f.type === 'country').map((f) => ({ id: f.questionId, label: f.label })),
    },
    links: { xlsx: `/admin/surveys/${survey}/plan.xlsx${query}`, pdf: `/admin/surveys/${survey}/report.pdf?lang=${lang}${by ? `&groupBy=${encodeURIComponent(by)}` : ''}`, back: `/admin/surveys/${survey}` },
  };
}
