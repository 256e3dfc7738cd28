import { z } from 'zod';
import { MAX_SCALE_POINTS, MIN_SCALE_POINTS, formatPath } from './model';
import { TEXT_LANGUAGES } from '../i18n/languages';
import { MAX_AREA_SUM, MAX_CHOICES } from './codebook';

/** Stable identifiers: they end up as column names in SPSS/R exports, so keep them short and plain. */
export const IdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must start with a lowercase letter and use only a-z, 0-9 and _ (max 64)');

/** Questionnaire and survey ids appear in URLs: lowercase words joined by dashes ("youth-worker-tna"). */
export const SurveyIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must start with a lowercase letter and use only a-z, 0-9 and - (max 64)');

export const TextLanguageSchema = z.enum(TEXT_LANGUAGES);

/** Text in several languages: `{ "en": "...", "bg": "..." }`. Completeness is checked against `languages`. */
export const LocalizedTextSchema = z
  .partialRecord(TextLanguageSchema, z.string().trim().min(1, 'must not be empty'))
  .refine((t) => Object.keys(t).length > 0, 'needs at least one language');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** When a question is shown, based on an earlier answer. Hidden questions are neither asked nor stored. */
export const ConditionSchema = z.union([
  z.strictObject({ question: IdSchema, equals: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ question: IdSchema, in: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ question: IdSchema, answered: z.boolean() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const OptionSchema = z.strictObject({ id: IdSchema, label: LocalizedTextSchema });
export type Option = z.infer<typeof OptionSchema>;

const base = {
  id: IdSchema,
  label: LocalizedTextSchema,
  /** A short hint shown under the label. */
  help: LocalizedTextSchema.optional(),
  required: z.boolean().default(false),
  showIf: ConditionSchema.optional(),
};

export const SingleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('single'),
  options: z.array(OptionSchema).min(2),
});

export const MultipleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('multiple'),
  options: z.array(OptionSchema).min(2),
  /** At most this many options may be chosen (no limit when absent). */
  maxChoices: z.number().int().min(1).optional(),
});

export const LikertQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('likert'),
  /** Points in order, lowest first; values are 1..n. Every point is labelled. */
  points: z.array(LocalizedTextSchema).min(2).max(11),
});

export const CompetenceQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('competence'),
  /** The id of one of the questionnaire's `areas`. */
  area: IdSchema,
});

export const NumberQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(true),
});

export const TextQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(10_000).default(1000),
  multiline: z.boolean().default(true),
});

export const CountryQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('country'),
  /** ISO 3166-1 alpha-2 codes offered, in any order (the page sorts them by name in its language). */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "BG"')).min(1),
  /** Offer "another country" after the list. */
  allowOther: z.boolean().default(true),
});

export const QuestionSchema = z.discriminatedUnion('type', [
  SingleQuestionSchema,
  MultipleQuestionSchema,
  LikertQuestionSchema,
  CompetenceQuestionSchema,
  NumberQuestionSchema,
  TextQuestionSchema,
  CountryQuestionSchema,
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const PageSchema = z.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  intro: LocalizedTextSchema.optional(),
  questions: z.array(QuestionSchema).min(1),
});
export type Page = z.infer<typeof PageSchema>;

export const AreaSchema = z.strictObject({ id: IdSchema, label: LocalizedTextSchema, description: LocalizedTextSchema.optional() });
export type Area = z.infer<typeof AreaSchema>;

export { MIN_SCALE_POINTS, MAX_SCALE_POINTS, formatPath, allQuestions } from './model';

const ScaleSchema = z.strictObject({
  /** The question asked of every item on this scale ("How important is this for your current work?"). */
  label: LocalizedTextSchema,
  /** Labelled points, 1 first: 3 to 11 of them (the default questionnaire uses 5). */
  points: z.array(LocalizedTextSchema).min(MIN_SCALE_POINTS, `must have at least ${MIN_SCALE_POINTS} points`).max(MAX_SCALE_POINTS, `must have at most ${MAX_SCALE_POINTS} points`),
});

export const QuestionnaireSchema = z
  .strictObject({
    /** Stable id; the survey created from this file gets the same id. */
    id: SurveyIdSchema,
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    /** Why the data are collected and on which legal basis, shown on the consent page. */
    purpose: LocalizedTextSchema,
    defaultLanguage: TextLanguageSchema,
    /** Languages the questionnaire is offered in; every text should exist in each (missing ones fall back). */
    languages: z.array(TextLanguageSchema).min(1),
    areas: z.array(AreaSchema).default([]),
    competenceScales: z.strictObject({ importance: ScaleSchema, proficiency: ScaleSchema, notApplicable: LocalizedTextSchema }).optional(),
    pages: z.array(PageSchema).min(1),
  })
  .superRefine((q, ctx) => {
    if (!q.languages.includes(q.defaultLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: `must include the default language "${q.defaultLanguage}"` });
    }
    const scales = q.competenceScales;
    if (scales && scales.importance.points.length !== scales.proficiency.points.length) {
      // The gap importance - proficiency and the Borich score only mean something on one shared scale (README, Decisions).
      ctx.addIssue({
        code: 'custom',
        path: ['competenceScales', 'proficiency', 'points'],
        message: `has ${scales.proficiency.points.length} points but the importance scale has ${scales.importance.points.length}: both scales must have the same number of points`,
      });
    }
    const seen = new Map<string, number>();
    const areaIds = new Set(q.areas.map((a) => a.id));
    const areaItems = new Map<string, number>();
    const points = scales?.importance.points.length ?? 0;
    q.pages.forEach((page, p) =>
      page.questions.forEach((question, i) => {
        const path = ['pages', p, 'questions', i];
        if (seen.has(question.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate question id "${question.id}"` });
        if (question.type === 'competence') {
          if (!areaIds.has(question.area)) ctx.addIssue({ code: 'custom', path: [...path, 'area'], message: `unknown area "${question.area}"` });
          if (!q.competenceScales) ctx.addIssue({ code: 'custom', path: ['competenceScales'], message: 'is required when there are competence questions' });
          const items = (areaItems.get(question.area) ?? 0) + 1;
          areaItems.set(question.area, items);
          if (items * points > MAX_AREA_SUM && (items - 1) * points <= MAX_AREA_SUM) {
            const most = Math.floor(MAX_AREA_SUM / points);
            ctx.addIssue({ code: 'custom', path: [...path, 'area'], message: `area "${question.area}" already has ${most} items, the most an area can hold on a ${points}-point scale` });
          }
        }
        const choices = question.type === 'single' ? question.options.length : question.type === 'country' ? question.countries.length + (question.allowOther ? 1 : 0) : 0;
        if (choices > MAX_CHOICES) ctx.addIssue({ code: 'custom', path: path.concat(question.type === 'single' ? 'options' : 'countries'), message: `has ${choices} choices, at most ${MAX_CHOICES} are possible` });
        if (question.type === 'number' && question.min !== undefined && question.max !== undefined && question.min > question.max) {
          ctx.addIssue({ code: 'custom', path: [...path, 'max'], message: 'must not be below min' });
        }
        if ('options' in question) {
          const ids = question.options.map((o) => o.id);
          const dup = ids.find((id, k) => ids.indexOf(id) !== k);
          if (dup) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `duplicate option id "${dup}"` });
        }
        if (question.showIf) {
          const target = question.showIf.question;
          if (!seen.has(target)) {
            ctx.addIssue({ code: 'custom', path: [...path, 'showIf', 'question'], message: `must refer to an earlier question, "${target}" is not one` });
          }
        }
        seen.set(question.id, p);
      }),
    );
  });
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;
export type QuestionnaireInput = z.input<typeof QuestionnaireSchema>;

/** A single located problem in a questionnaire file. */
export interface DefinitionProblem {
  file: string;
  path: string;
  message: string;
}

/** Parses a questionnaire file's text; problems carry file, JSON path and a readable message. */
export function parseQuestionnaire(
  text: string,
  file: string,
): { ok: true; questionnaire: Questionnaire } | { ok: false; problems: DefinitionProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ file, path: '(file)', message: `is not valid JSON: ${(err as Error).message}` }] };
  }
  const result = QuestionnaireSchema.safeParse(json);
  if (result.success) return { ok: true, questionnaire: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ file, path: formatPath(issue.path) || '(root)', message: issue.message })),
  };
}
