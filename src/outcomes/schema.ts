import { z } from 'zod';
import type { Count } from '../analysis/schema';

import { MAX_COUNT, MAX_OUTCOMES } from './limits';

export { MAX_COUNT, MAX_OUTCOMES };

/**
 * Messages of these schemas are i18n keys in the `admin` namespace (`outcomes.error*`): the route translates them
 * into the user's language before showing them.
 */
const label = z.string().trim().min(1, 'outcomes.errorName').max(80, 'outcomes.errorName');

/** The outcome definition form: a textarea with one outcome name a line, in the order to show them. */
export const OutcomeNamesFormSchema = z
  .object({ outcomes: z.string().max(5000, 'outcomes.errorTooMany').default('') })
  .transform((f) => f.outcomes.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
  .pipe(
    z
      .array(label)
      .max(MAX_OUTCOMES, 'outcomes.errorTooMany')
      .superRefine((labels, ctx) => {
        const seen = new Set<string>();
        labels.forEach((l, i) => {
          const key = l.toLocaleLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: 'outcomes.errorDuplicate', params: { name: l } });
          seen.add(key);
        });
      }),
  );

/** One entered figure: an empty field means "not entered yet" (null), otherwise a whole number 0..MAX_COUNT. */
export const CountFieldSchema = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.union([z.null(), z.string().regex(/^\d{1,7}$/, 'outcomes.errorCount').transform(Number).pipe(z.number().int().min(0).max(MAX_COUNT, 'outcomes.errorCount'))]));

/** A figure of the form: `attended` or an outcome id, for one collector; the field is named `<measure>.<collectorId>`. */
export interface EnteredCount {
  collectorId: string;
  measure: string;
  count: number | null;
}

export interface OutcomeDefinition {
  id: string;
  label: string;
}

/** One row of the funnel: invited → responded → attended → outcomes. Entered figures are null until entered. */
export interface OutcomeRow {
  collector: string | null;
  label: string;
  invited: number | null;
  /** Completed responses, perturbed like every published count ("<5" under min_cell). */
  responded: Count;
  attended: number | null;
  /** In the order of `OutcomeFunnel.outcomes`. */
  outcomes: (number | null)[];
}

/** `outcomeFunnel` of the report data. */
export interface OutcomeFunnel {
  outcomes: OutcomeDefinition[];
  /** The partners the viewer may see: a coordinator's own; everyone else all (and the direct link when used). */
  rows: OutcomeRow[];
  /** All partners together: invited and entered figures summed over the partners that gave them; responded perturbed. */
  overall: OutcomeRow;
}
