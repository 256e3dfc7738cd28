import { IdSchema, SurveyIdSchema } from '../questionnaires/schema';

/**
 * XLSForm names (letters of either case, digits, "_", "-", ".") as Needsmap ids (a-z, 0-9, "_", starting with a
 * letter): lower case, "-", "." and spaces as "_", and a letter in front of a name starting with a digit or "_"
 * ("q" for questions, "o" for choices). Undefined when the name has other characters or is too long.
 */
export function toId(name: string, prefix: 'q' | 'o' | 'p' | 'a'): string | undefined {
  let id = name.trim().toLowerCase().replace(/[-.\s]+/g, '_');
  if (/^[0-9_]/.test(id)) id = prefix + id;
  return IdSchema.safeParse(id).success ? id : undefined;
}

/** A form id or file name as a survey id ("Youth_Worker TNA" → "youth-worker-tna"). Undefined when nothing is left. */
export function toSurveyId(name: string): string | undefined {
  if (SurveyIdSchema.safeParse(name.trim()).success) return name.trim();
  let id = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 59);
  if (/^[0-9]/.test(id)) id = `form-${id}`;
  return SurveyIdSchema.safeParse(id).success ? id : undefined;
}
