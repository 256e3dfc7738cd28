import { z } from 'zod';

/** A competence item's answer: two ratings, or "na" which removes the item for this respondent. */
export const CompetenceAnswerSchema = z.union([
  z.literal('na'),
  z.strictObject({ importance: z.number().int().min(1).max(5), proficiency: z.number().int().min(1).max(5) }),
]);
export type CompetenceAnswer = z.infer<typeof CompetenceAnswerSchema>;

/**
 * One answer value. single/country: option id or ISO code ("other" for another country);
 * multiple: option ids; likert: 1..n; number: a number; text: a string; competence: see above.
 */
export type AnswerValue = string | number | string[] | CompetenceAnswer;
export type Answers = Record<string, AnswerValue>;
