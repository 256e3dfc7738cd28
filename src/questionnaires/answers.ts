import { z } from 'zod';
import type { Answers, AnswerValue } from './answers-schema';
import { competenceAnswerSchema } from './answers-schema';
import { isAnswered, isVisible } from './conditions';
import type { Question, QuestionOf, QuestionType, Questionnaire } from './schema';

/**
 * Answer validation derived from the questionnaire definition: the same rules serve the JSON API,
 * the respondent pages (one page at a time) and the import of demo data.
 * Issue messages are keys of the "errors" i18n namespace (`validation.<key>`), translated at the edge.
 */
export interface AnswerIssue {
  questionId: string;
  key: string;
  params: Record<string, string | number>;
}

const wellFormed = (s: string) => s.isWellFormed();

type ValueSchemaBuilder<T extends QuestionType> = (q: QuestionOf<T>, questionnaire: Questionnaire) => z.ZodType<AnswerValue>;

/** Points of the questionnaire's competence scales (importance and proficiency have the same number, schema.ts). */
export const competencePoints = (q: Questionnaire) => q.competenceScales?.importance.points.length ?? 5;

const valueSchemas: { [T in QuestionType]: ValueSchemaBuilder<T> } = {
  single: (q) => z.enum(q.options.map((o) => o.id) as [string, ...string[]], { error: 'invalid_option' }),
  country: (q) => z.enum([...q.countries, ...(q.allowOther ? ['other'] : [])] as [string, ...string[]], { error: 'invalid_option' }),
  multiple: (q) => {
    const ids = q.options.map((o) => o.id) as [string, ...string[]];
    return z
      .array(z.enum(ids, { error: 'invalid_option' }), { error: 'not_a_list' })
      .max(q.maxChoices ?? ids.length, { error: 'too_many_choices' })
      .refine((values) => new Set(values).size === values.length, { error: 'duplicate_choice' });
  },
  likert: (q) =>
    z
      .number({ error: 'invalid_scale_point' })
      .int({ error: 'invalid_scale_point' })
      .min(1, { error: 'invalid_scale_point' })
      .max(q.points.length, { error: 'invalid_scale_point' }),
  competence: (_q, questionnaire) => {
    const schema = competenceAnswerSchema(competencePoints(questionnaire));
    return z.unknown().transform((value, ctx): AnswerValue => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const partial = typeof value === 'object' && value !== null && ('importance' in value) !== ('proficiency' in value);
      ctx.addIssue({ code: 'custom', message: partial ? 'rate_both' : 'invalid_rating' });
      return z.NEVER;
    });
  },
  number: (q) => {
    let schema = z.number({ error: 'not_a_number' }).refine(Number.isFinite, { error: 'not_a_number' });
    if (q.integer) schema = schema.refine(Number.isInteger, { error: 'not_an_integer' });
    if (q.min !== undefined) schema = schema.refine((n) => n >= q.min!, { error: 'too_small' });
    if (q.max !== undefined) schema = schema.refine((n) => n <= q.max!, { error: 'too_big' });
    return schema;
  },
  text: (q) =>
    z
      .string({ error: 'invalid_text' })
      .refine(wellFormed, { error: 'invalid_text' })
      .transform((s) => s.normalize('NFC').trim())
      .refine((s) => [...s].length <= q.maxLength, { error: 'too_long' }),
};

const isRating = (n: unknown, max: number): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;

/**
 * The common, valid answers checked without zod, which costs about a microsecond per question: a submission
 * with 40 competence items spent most of its validation there. Each returns exactly what its schema returns for
 * that value, or undefined to let the schema decide and word the problem (test/hostile/quick-values.test.ts).
 */
export const quickValues: { [T in QuestionType]?: (q: QuestionOf<T>, value: unknown, questionnaire: Questionnaire) => AnswerValue | undefined } = {
  competence: (_q, v, questionnaire) => {
    if (v === 'na') return 'na';
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length !== 2) return undefined;
    const { importance, proficiency } = v as Record<string, unknown>;
    const points = competencePoints(questionnaire);
    return isRating(importance, points) && isRating(proficiency, points) ? { importance, proficiency } : undefined;
  },
  single: (q, v) => (typeof v === 'string' && q.options.some((o) => o.id === v) ? v : undefined),
  country: (q, v) => (typeof v === 'string' && (q.countries.includes(v) || (q.allowOther === true && v === 'other')) ? v : undefined),
  likert: (q, v) => (isRating(v, q.points.length) ? v : undefined),
};

function quickValue(question: Question, value: unknown, questionnaire: Questionnaire): AnswerValue | undefined {
  const quick = quickValues[question.type] as ((q: Question, v: unknown, questionnaire: Questionnaire) => AnswerValue | undefined) | undefined;
  return quick?.(question, value, questionnaire);
}

/**
 * Built once per question object: loaded questionnaire versions are cached, so this runs once per version (a question
 * object belongs to one questionnaire, whose competence scale length the competence schema depends on).
 */
const schemaCache = new WeakMap<Question, z.ZodType<AnswerValue>>();

/** The zod schema of one question's answer value (exported for the tests that compare the quick checks with it). */
export function valueSchema(question: Question, questionnaire: Questionnaire): z.ZodType<AnswerValue> {
  let schema = schemaCache.get(question);
  if (!schema) {
    const build = valueSchemas[question.type] as ValueSchemaBuilder<QuestionType>;
    schema = build(question as never, questionnaire);
    schemaCache.set(question, schema);
  }
  return schema;
}

/** The numbers a message about this question may mention ("between {{min}} and {{max}}"). */
function messageParams(q: Question, questionnaire: Questionnaire): Record<string, string | number> {
  switch (q.type) {
    case 'competence':
      return { max: competencePoints(questionnaire) };
    case 'number':
      return { min: q.min ?? '', max: q.max ?? '' };
    case 'text':
      return { max: q.maxLength };
    case 'multiple':
      return { max: q.maxChoices ?? q.options.length };
    case 'likert':
      return { max: q.points.length };
    default:
      return {};
  }
}

export interface ValidateOptions {
  /** Only these questions are checked (a page of the form); the rest of `answers` is context for showIf. */
  only?: ReadonlySet<string>;
  /**
   * What to do with an answer to a question its showIf hides: the API rejects it (the client is wrong),
   * the web form drops it (the respondent changed an earlier answer).
   */
  hidden: 'reject' | 'drop';
}

export type ValidationResult = { ok: true; answers: Answers } | { ok: false; issues: AnswerIssue[] };

/**
 * Validates answers against a questionnaire: known ids, value types, required questions and showIf.
 * Returns cleaned answers (trimmed text, hidden and empty answers removed) or every issue found.
 */
export function validateAnswers(questionnaire: Questionnaire, input: unknown, options: ValidateOptions): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ questionId: '', key: 'answers_not_object', params: {} }] };
  }
  const given = input as Record<string, unknown>;
  const questions = questionnaire.pages.flatMap((p) => p.questions);
  const known = new Set(questions.map((q) => q.id));
  const issues: AnswerIssue[] = [];
  for (const id of Object.keys(given)) {
    if (!known.has(id)) issues.push({ questionId: id, key: 'unknown_question', params: {} });
  }
  const answers: Answers = {};
  const invalid = new Set<string>();
  for (const question of questions) {
    // A question that depends on an invalid answer cannot be judged: report the cause only.
    if (question.showIf && invalid.has(question.showIf.question)) continue;
    const raw = Object.hasOwn(given, question.id) ? given[question.id] : undefined;
    const inScope = !options.only || options.only.has(question.id);
    if (!inScope) {
      if (raw !== undefined) answers[question.id] = raw as AnswerValue;
      continue;
    }
    const present = raw !== undefined && raw !== null && isAnswered(raw as AnswerValue);
    if (!isVisible(question, answers)) {
      if (present && options.hidden === 'reject') issues.push({ questionId: question.id, key: 'hidden_question', params: {} });
      continue;
    }
    if (!present) {
      if (question.required) issues.push({ questionId: question.id, key: question.type === 'competence' ? 'rate_or_na' : 'required', params: {} });
      continue;
    }
    const quick = quickValue(question, raw, questionnaire);
    if (quick !== undefined) {
      answers[question.id] = quick;
      continue;
    }
    const result = valueSchema(question, questionnaire).safeParse(raw);
    if (result.success) {
      if (isAnswered(result.data)) answers[question.id] = result.data;
      else if (question.required) issues.push({ questionId: question.id, key: 'required', params: {} });
    } else {
      const key = result.error.issues[0]?.message ?? 'invalid';
      invalid.add(question.id);
      issues.push({ questionId: question.id, key, params: messageParams(question, questionnaire) });
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, answers };
}

/** The zod schema of a complete answer set, for callers that compose schemas (the API envelope). */
export function answersSchema(questionnaire: Questionnaire, options: ValidateOptions = { hidden: 'reject' }) {
  return z.record(z.string(), z.unknown()).transform((input, ctx): Answers => {
    const result = validateAnswers(questionnaire, input, options);
    if (result.ok) return result.answers;
    for (const issue of result.issues) ctx.addIssue({ code: 'custom', path: [issue.questionId], message: issue.key, params: issue.params });
    return z.NEVER;
  });
}
