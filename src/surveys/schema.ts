import { z } from 'zod';
import { TextLanguageSchema } from '../questionnaires/schema';

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
  /** The survey a demo survey was created next to by `needsmap demo` (null for every other survey). */
  demo_of: string | null;
}

export const CollectorSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40'),
  label: z.string().trim().min(1).max(120),
  /** How many people the partner invited, when known: the denominator of the response rate. */
  invited: z.number().int().min(0).nullable().optional(),
});
export type Collector = z.infer<typeof CollectorSchema>;

/** A stored collector: `archivedOn` is the day its link was closed (null while open). */
export type CollectorRow = Collector & { archivedOn: string | null };

/** A date-time field of a form ("2026-03-01T09:00", read as UTC); empty means none. Stored as an ISO string. */
const DateTimeField = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v), 'must be a date and time such as 2026-03-01T09:00')
  .transform((v) => (v === '' ? null : new Date(`${v}Z`)))
  .refine((d) => d === null || !Number.isNaN(d.getTime()), 'is not a valid date')
  .transform((d) => (d ? d.toISOString() : null));

/** What an admin may change about a survey (the /admin survey page). Threshold floors: METHODOLOGY §4. */
export const SurveySettingsSchema = z
  .object({
    /** Shown on the consent page as the data controller. */
    controllerName: z.string().trim().max(200),
    controllerContact: z.string().trim().max(300),
    /** Responses older than this are deleted automatically. */
    retentionDays: z.coerce.number().int().min(1).max(3650),
    /** Smallest count shown in a cross-tabulated cell; at least 3. */
    minCell: z.coerce.number().int().min(3).max(100),
    /** Smallest group a statistic or free text is shown for; at least 5. */
    minGroup: z.coerce.number().int().min(5).max(1000),
    defaultLang: TextLanguageSchema,
    opensAt: DateTimeField,
    closesAt: DateTimeField,
  })
  .refine((s) => !s.opensAt || !s.closesAt || s.opensAt < s.closesAt, { path: ['closesAt'], message: 'must be after the opening' });
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

/** Per collector (null: the survey's direct link): consents given (started) and responses stored (completed). */
export interface FunnelCount {
  collector_id: string | null;
  started: number;
  completed: number;
}
