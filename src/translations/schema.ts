import { z } from 'zod';
import { TextLanguageSchema } from '../questionnaires/schema';

export const TranslationFormatSchema = z.enum(['xliff', 'csv']);
export type TranslationFormat = z.infer<typeof TranslationFormatSchema>;

/** Where a text stands in one language: translated, not yet translated, or translated from a source text that changed since. */
export type UnitStatus = 'translated' | 'missing' | 'stale';

/** One text as a translator sees it. */
export interface ExportUnit {
  /** Stable text id, e.g. "question.role.label" (src/translations/units.ts). */
  id: string;
  source: string;
  target: string;
  status: UnitStatus;
  /** For stale units: the source text the current translation was made from. */
  translatedFrom?: string;
}

/** A translation file as read back: which survey and languages it is for, and its units. */
export interface TranslationFile {
  surveyId: string;
  sourceLang: string;
  targetLang: string;
  units: { id: string; source: string; target: string; /** "line 12" or "row 4", for located errors. */ at: string }[];
}

/** A located problem in an uploaded translation file. */
export interface FileProblem {
  at: string;
  message: string;
}

export type ParseResult = { ok: true; file: TranslationFile } | { ok: false; problems: FileProblem[] };

/** Completeness of one language of a survey's current questionnaire version. */
export interface LanguageStatus {
  lang: string;
  /** The questionnaire's default language: the source of every translation. */
  isSource: boolean;
  total: number;
  translated: number;
  missing: number;
  stale: number;
}

export const ExportQuerySchema = z.object({ lang: TextLanguageSchema, format: TranslationFormatSchema });

/** The upload form: the file's text, pasted or read by public/js/admin.js. */
export const ImportFormSchema = z.object({
  translation: z.string().trim().min(1, 'paste the translation file or choose it'),
  file: z.string().trim().max(200).optional(),
});
