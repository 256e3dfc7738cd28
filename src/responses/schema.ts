import { z } from 'zod';

/** The body of POST /api/surveys/:id/responses. */
export const SubmissionSchema = z.strictObject({
  /** The respondent's language; also the language of error messages. Defaults to the survey's. */
  lang: z.string().max(10).optional(),
  /** A collector (partner link) id; absent for the survey's direct link. */
  collector: z.string().max(40).optional(),
  /** Must be true: nothing is stored without consent (GDPR Art. 6(1)(a)). */
  consent: z.boolean(),
  answers: z.record(z.string(), z.unknown()),
});
export type SubmissionBody = z.infer<typeof SubmissionSchema>;

export const ErasureSchema = z.strictObject({ code: z.string().trim().min(1).max(64) });

/** Idempotency-Key header: any client-chosen token, e.g. a UUID. */
export const IdempotencyKeySchema = z.string().trim().min(1).max(200);
