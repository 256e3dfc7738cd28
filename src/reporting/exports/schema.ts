import { z } from 'zod';
import type { Answers } from '../../questionnaires/answers-schema';
import type { Layout } from '../../questionnaires/codebook';

/**
 * What an authorised caller may take out of the microdata. Set by the caller's guard in `res.locals.exportScope`;
 * when it is absent or malformed the route falls back to NO_SCOPE, the most restrictive one.
 */
export const ExportScopeSchema = z.strictObject({
  /** 'all' for researchers and admins; a coordinator gets only the rows of her collectors (direct-link rows excluded). */
  collectors: z.union([z.literal('all'), z.array(z.string())]),
  /** Free-text answers are raw and may identify people: their columns are left out entirely when false. */
  includeFreeText: z.boolean(),
});
export type ExportScope = z.infer<typeof ExportScopeSchema>;

export const NO_SCOPE: ExportScope = { collectors: [], includeFreeText: false };

/** One cell of a response row: null is an empty cell (SPSS system-missing, NA in R). */
export type Cell = string | number | null;

/** The columns every export starts with; they come from the `responses` table, not from the questionnaire. */
export const META_FIELDS = ['response_id', 'collector', 'language', 'submitted_on', 'questionnaire_version', 'is_demo', 'wave'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** Where a variable takes its value from. `choice` lists the stored answer values in the order of `values`. */
export type VariableSource =
  | { kind: 'meta'; field: MetaField }
  | { kind: 'choice'; question: string; answers: readonly (string | number)[] }
  | { kind: 'option'; question: string; option: string }
  | { kind: 'rating'; question: string; scale: 'importance' | 'proficiency' }
  | { kind: 'number'; question: string }
  | { kind: 'text'; question: string };

export interface ValueLabel {
  value: number | string;
  label: string;
}

/** One column of an export, with everything SPSS, R or a reader of the codebook sheet needs to know about it. */
export interface Variable {
  /** A valid SPSS/R name: ASCII, starts with a letter, at most 64 characters, unique in the export. */
  name: string;
  label: string;
  type: 'numeric' | 'string' | 'date';
  /** The SPSS input format: F2.0, A2, SDATE10 (yyyy-mm-dd). */
  format: string;
  level: 'nominal' | 'ordinal' | 'scale';
  values: ValueLabel[];
  /** Declared user-missing codes (SPSS MISSING VALUES), each also listed in `values` with its meaning. */
  missing: (number | string)[];
  source: VariableSource;
}

/** A stored response as the exports read it. */
export interface ExportRecord {
  id: number;
  collectorId: string | null;
  lang: string;
  submittedOn: string;
  version: number;
  isDemo: boolean;
  /** Waves (issue 14): the response's wave, `default` outside every named wave. The panel-code hash is never exported. */
  wave: string;
  answers: Answers;
  /** The stored codes (codebook.ts, in hexadecimal) and JSON text of `answers`, when read from the database (coded.ts). */
  codesHex?: string;
  json?: string;
}

/** A survey's export: its variables in the requested language and a fresh pass over the rows in scope. */
export interface ExportSet {
  surveyId: string;
  title: string;
  /** The questionnaire version the variables derive from: the survey's current one. */
  version: number;
  lang: string;
  variables: Variable[];
  /** The byte layout of `version`'s codes, for the rows of that version. */
  layout?: Layout;
  rows: () => Iterable<ExportRecord>;
}
