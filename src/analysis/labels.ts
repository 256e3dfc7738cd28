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
