import { z } from 'zod';
import { PanelCodeSchema } from '../waves/schema';

/**
 * Answers by question id, passed on as sent: validateAnswers checks every key and value. (A z.record would copy the
 * object, costing a parse per answer, and would silently turn a "__proto__" key into the copy's prototype.)
 */
const AnswersObjectSchema = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  error: 'Invalid input: expected an object of answers by question id',
});

/** The body of POST /api/surveys/:id/responses. */
export const SubmissionSchema = z.strictObject({
  /** The respondent's language; also the language of error messages. Defaults to the survey's. */
  lang: z.string().max(10).optional(),
  /** A collector (partner link) id; absent for the survey's direct link. */
  collector: z.string().max(40).optional(),
  /** Must be true: nothing is stored without consent (GDPR Art. 6(1)(a)). */
  consent: z.boolean(),
  answers: AnswersObjectSchema,
  /** Waves: an optional self-made code to pair this response with the same person's in another wave; stored only as a keyed hash. */
  panelCode: PanelCodeSchema.optional(),
});
export type SubmissionBody = z.infer<typeof SubmissionSchema>;

export const ErasureSchema = z.strictObject({ code: z.string().trim().min(1).max(64) });

/** Idempotency-Key header: any client-chosen token, e.g. a UUID. */
export const IdempotencyKeySchema = z.string().trim().min(1).max(200);
