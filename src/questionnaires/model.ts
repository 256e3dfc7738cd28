import type { Question, Questionnaire } from './schema';

/**
 * What code outside validation needs from a questionnaire's definition, without its zod schema (schema.ts): the
 * command line's exports and reports start without loading zod.
 */

/** Points of a competence scale: 3 to 11, so an item's two ratings fit one byte of the coded layout (codebook.ts). */
export const MIN_SCALE_POINTS = 3;
export const MAX_SCALE_POINTS = 11;

/** A zod issue path as people read it: `pages[2].questions[0].label`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

export function allQuestions(q: Questionnaire): Question[] {
  return q.pages.flatMap((p) => p.questions);
}
