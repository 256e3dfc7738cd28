import { localize } from '../i18n';
import type { Questionnaire } from '../questionnaires/schema';
import type { LabelSource } from './frequencies';

/** Question, option, area and page labels in the report language (falling back to the survey default). */
export function labelsFor(q: Questionnaire, lang: string): LabelSource & { area: (id: string) => string; questions: Map<string, string>; areas: Map<string, string> } {
  const text = (t: Parameters<typeof localize>[0]) => localize(t, lang, q.defaultLanguage).text;
  const questions = new Map(q.pages.flatMap((p) => p.questions.map((x) => [x.id, text(x.label)] as const)));
  const pages = new Map(q.pages.flatMap((p) => p.questions.map((x) => [x.id, text(p.title)] as const)));
  const areas = new Map(q.areas.map((a) => [a.id, text(a.label)] as const));
  const byId = new Map(q.pages.flatMap((p) => p.questions.map((x) => [x.id, x] as const)));
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  return {
    questions,
    areas,
    question: (id) => questions.get(id) ?? id,
    page: (id) => pages.get(id) ?? '',
    area: (id) => areas.get(id) ?? id,
    option: (questionId, value) => {
      const question = byId.get(questionId);
      if (!question) return String(value);
      if (question.type === 'country') return value === 'other' ? '—' : (regions.of(String(value)) ?? String(value));
      if (question.type === 'likert') return `${value} – ${text(question.points[Number(value) - 1])}`;
      if ('options' in question) {
        const option = question.options.find((o) => o.id === value);
        return option ? text(option.label) : String(value);
      }
      return String(value);
    },
  };
}

/** A filter of a report in words, as cover and method lines print it: "Country: Slovenia; Role: Other role". */
export interface FilterLabels {
  label: string;
  valueLabels: string[];
}

/**
 * Every filter with the questionnaire's question label and option labels in the report language (country names
 * through Intl.DisplayNames), never the raw codes: a selection under the group threshold has no frequencies to borrow
 * labels from, and its report still says what was selected.
 */
export function filterLabelsFor(
  q: Questionnaire,
  lang: string,
  filters: readonly { questionId: string; values: readonly string[] }[],
  words: { groupBy: (id: 'collector' | 'lang') => string; collector: (id: string) => string; directLink: string; otherCountry: string },
): FilterLabels[] {
  const labels = labelsFor(q, lang);
  const languages = new Intl.DisplayNames([lang], { type: 'language' });
  const country = new Set(q.pages.flatMap((p) => p.questions.filter((x) => x.type === 'country').map((x) => x.id)));
  return filters.map(({ questionId: id, values }) => {
    if (id === 'collector') return { label: words.groupBy(id), valueLabels: values.map((v) => (v ? words.collector(v) : words.directLink)) };
    if (id === 'lang') return { label: words.groupBy(id), valueLabels: values.map((v) => languages.of(v) ?? v) };
    return { label: labels.question(id), valueLabels: values.map((v) => (country.has(id) && v === 'other' ? words.otherCountry : labels.option(id, v))) };
  });
}

/** The competence scales' texts in the report language, as the form shows them (the ranking legend and the method quote them). */
export function scaleLabelsFor(q: Questionnaire, lang: string): { importance: string[]; proficiency: string[]; notApplicable: string } | null {
  const scales = q.competenceScales;
  if (!scales) return null;
  const text = (t: Parameters<typeof localize>[0]) => localize(t, lang, q.defaultLanguage).text;
  return { importance: scales.importance.points.map(text), proficiency: scales.proficiency.points.map(text), notApplicable: text(scales.notApplicable) };
}
