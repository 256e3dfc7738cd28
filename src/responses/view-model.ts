import type { TFunction } from 'i18next';
import { localize } from '../i18n';
import type { LocalizedText, Question, Questionnaire } from '../questionnaires/schema';
import type { AnswerIssue } from '../questionnaires/answers';
import { isVisible } from '../questionnaires/conditions';
import { fieldName } from './form';
import { issueMessage } from './issue-text';

export interface Choice {
  value: string;
  label: string;
  checked: boolean;
  /** Set when the label is shown in another language than the page's. */
  lang?: string;
}

export interface QuestionView {
  id: string;
  type: Question['type'];
  name: string;
  label: string;
  labelLang?: string;
  /** The name of `labelLang` in the page language, for the "not yet translated" note. */
  labelLangName?: string;
  help?: string;
  required: boolean;
  error?: string;
  /** Answered although its condition is not met: the answer will not be kept unless the respondent changes theirs. */
  notice?: string;
  /** Shown only when an answer on this same page matches: JS hides it, without JS a note says when to answer. */
  showIf?: { question: string; values: string[]; note: string };
  choices: Choice[];
  value: string;
  min?: number;
  max?: number;
  integer?: boolean;
  maxLength?: number;
  multiline?: boolean;
  /** Competence items: the area heading shown before the first item of an area. */
  areaHeading?: string;
  importance?: Choice[];
  proficiency?: Choice[];
  na?: boolean;
}

export interface PageContext {
  questionnaire: Questionnaire;
  lang: string;
  t: TFunction;
  tErrors: TFunction;
  answers: Record<string, unknown>;
  issues: AnswerIssue[];
  /** Follow-up questions answered although their condition is not met (see journey.checkPage). */
  unmet?: string[];
}

function text(ctx: PageContext, value: LocalizedText | undefined) {
  const found = localize(value, ctx.lang, ctx.questionnaire.defaultLanguage);
  return { text: found.text, lang: found.lang !== ctx.lang ? found.lang : undefined };
}

/**
 * The article some languages put before a country's name ("il-Belġju", "l-Awstrija", "is-Slovenja"; "an Bheilg",
 * "an tSeicia"): left out when sorting, so "Éire" is found under E and not after every "an …", as a reader looks for it.
 */
const ARTICLE: Partial<Record<string, RegExp>> = {
  mt: /^(?:il|l|i[ċdnrstxżz])-(?=\p{L})/u,
  ga: /^(?:an t?|na h?)(?=\p{Lu})/u,
};

function choicesFor(ctx: PageContext, q: Question, value: unknown): Choice[] {
  const selected = new Set((Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String));
  const make = (v: string, label: { text: string; lang?: string }) => ({ value: v, label: label.text, lang: label.lang, checked: selected.has(v) });
  switch (q.type) {
    case 'single':
    case 'multiple': {
      // Options are appended to keep the codes of stored answers (codebook.ts), so an "other" option added before
      // them is still shown last, where respondents look for it.
      const isOther = (id: string) => id === 'other' || id.endsWith('_other');
      const ordered = [...q.options.filter((o) => !isOther(o.id)), ...q.options.filter((o) => isOther(o.id))];
      return ordered.map((o) => make(o.id, text(ctx, o.label)));
    }
    case 'likert':
      return q.points.map((p, i) => make(String(i + 1), text(ctx, p)));
    case 'country': {
      const names = new Intl.DisplayNames([ctx.lang], { type: 'region' });
      const collator = new Intl.Collator(ctx.lang);
      const key = (label: string) => label.replace(ARTICLE[ctx.lang] ?? /^$/, '');
      const countries = q.countries.map((c) => make(c, { text: names.of(c) ?? c })).sort((a, b) => collator.compare(key(a.label), key(b.label)));
      return q.allowOther ? [...countries, make('other', { text: ctx.t('otherCountry') })] : countries;
    }
    default:
      return [];
  }
}

function competenceScale(ctx: PageContext, points: LocalizedText[], value: unknown): Choice[] {
  return points.map((p, i) => ({ value: String(i + 1), label: `${i + 1} – ${text(ctx, p).text}`, checked: String(value) === String(i + 1) }));
}

/** A question's condition in words: "Role: Volunteer / Trainer", with the values it names. */
function conditionText(ctx: Pick<PageContext, 'questionnaire' | 'lang'>, q: Question) {
  const cond = q.showIf!;
  const target = ctx.questionnaire.pages.flatMap((p) => p.questions).find((x) => x.id === cond.question);
  const values = 'equals' in cond ? [String(cond.equals)] : 'in' in cond ? cond.in.map(String) : [];
  const optionLabels = target && 'options' in target ? target.options.filter((o) => values.includes(o.id)).map((o) => text(ctx as PageContext, o.label).text) : values;
  return { values, text: `${target ? text(ctx as PageContext, target.label).text : cond.question}: ${optionLabels.join(' / ')}` };
}

function conditionNote(ctx: PageContext, q: Question): QuestionView['showIf'] {
  if (!q.showIf) return undefined;
  const { values, text: condition } = conditionText(ctx, q);
  return { question: fieldName(q.showIf.question), values, note: ctx.t('conditionalNote', { condition }) };
}

/** The notice of each unmet follow-up answer, linked to the question when it is on this page. */
export function unmetNotices(ctx: PageContext, unmet: readonly string[], onPage: ReadonlySet<string>) {
  const questions = ctx.questionnaire.pages.flatMap((p) => p.questions);
  return unmet.flatMap((id) => {
    const q = questions.find((x) => x.id === id);
    if (!q?.showIf) return [];
    const message = ctx.t('unmetAnswer', { question: text(ctx, q.label).text, condition: conditionText(ctx, q).text });
    return [{ id, href: onPage.has(id) ? `#${fieldName(id)}` : undefined, message }];
  });
}

/** The questions of one page, ready for views/respondent/page.ejs. Hidden questions (by earlier pages) are left out. */
export function buildQuestionViews(ctx: PageContext, questions: readonly Question[]): QuestionView[] {
  const onPage = new Set(questions.map((q) => q.id));
  const errors = new Map(ctx.issues.map((i) => [i.questionId, issueMessage(ctx.tErrors, ctx.questionnaire, ctx.lang, i)]));
  const views: QuestionView[] = [];
  let lastArea: string | undefined;
  for (const q of questions) {
    const dependsOnThisPage = q.showIf && onPage.has(q.showIf.question);
    if (!dependsOnThisPage && !isVisible(q, ctx.answers as never)) continue;
    const value = ctx.answers[q.id];
    const label = text(ctx, q.label);
    const view: QuestionView = {
      id: q.id,
      type: q.type,
      name: fieldName(q.id),
      label: label.text,
      labelLang: label.lang,
      labelLangName: label.lang ? new Intl.DisplayNames([ctx.lang], { type: 'language' }).of(label.lang) : undefined,
      help: q.help ? text(ctx, q.help).text : undefined,
      required: q.required,
      error: errors.get(q.id),
      notice: ctx.unmet?.includes(q.id) ? ctx.t('unmetNotice') : undefined,
      showIf: dependsOnThisPage ? conditionNote(ctx, q) : undefined,
      choices: choicesFor(ctx, q, value),
      value: typeof value === 'string' || typeof value === 'number' ? String(value) : '',
    };
    if (q.type === 'number') Object.assign(view, { min: q.min, max: q.max, integer: q.integer });
    if (q.type === 'text') Object.assign(view, { maxLength: q.maxLength, multiline: q.multiline });
    if (q.type === 'competence' && ctx.questionnaire.competenceScales) {
      const scales = ctx.questionnaire.competenceScales;
      const pair = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      if (q.area !== lastArea) {
        const area = ctx.questionnaire.areas.find((a) => a.id === q.area);
        view.areaHeading = area ? text(ctx, area.label).text : q.area;
      }
      lastArea = q.area;
      view.importance = competenceScale(ctx, scales.importance.points, pair.importance);
      view.proficiency = competenceScale(ctx, scales.proficiency.points, pair.proficiency);
      // "not applicable" ticked together with ratings is kept as entered and shown with its error (journey.checkPage)
      view.na = value === 'na' || pair.na === true;
    }
    views.push(view);
  }
  return views;
}

export function competenceLabels(ctx: PageContext) {
  const s = ctx.questionnaire.competenceScales;
  if (!s) return undefined;
  return { importance: text(ctx, s.importance.label).text, proficiency: text(ctx, s.proficiency.label).text, na: text(ctx, s.notApplicable).text };
}

export function localText(ctx: Pick<PageContext, 'lang' | 'questionnaire'>, value: LocalizedText | undefined): string {
  return localize(value, ctx.lang, ctx.questionnaire.defaultLanguage).text;
}
