import { z } from 'zod';

/**
 * A competence item's answer on a scale of `points` points: two ratings 1..points (importance and proficiency share
 * one scale length, see schema.ts), or "na" which removes the item for this respondent.
 */
export const competenceAnswerSchema = (points: number) =>
  z.union([z.literal('na'), z.strictObject({ importance: z.number().int().min(1).max(points), proficiency: z.number().int().min(1).max(points) })]);
export type CompetenceAnswer = 'na' | { importance: number; proficiency: number };

/**
 * One answer value. single/country: option id or ISO code ("other" for another country);
 * multiple: option ids; likert: 1..n; number: a number; text: a string; competence: see above.
 */
export type AnswerValue = string | number | string[] | CompetenceAnswer;
export type Answers = Record<string, AnswerValue>;
