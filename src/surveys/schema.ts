import { z } from 'zod';

/** A row of the `surveys` table. */
export interface SurveyRow {
  id: string;
  questionnaire_id: string;
  version: number;
  default_lang: string;
  controller_name: string;
  controller_contact: string;
  retention_days: number;
  min_cell: number;
  min_group: number;
  opens_at: string | null;
  closes_at: string | null;
  is_demo: number;
  created_on: string;
}

export const CollectorSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40'),
  label: z.string().trim().min(1).max(120),
  /** How many people the partner invited, when known: the denominator of the response rate. */
  invited: z.number().int().min(0).nullable().optional(),
});
export type Collector = z.infer<typeof CollectorSchema>;
