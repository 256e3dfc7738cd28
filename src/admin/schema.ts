import { z } from 'zod';
import type { Issue } from '../shared/errors';
import { formatPath, TextLanguageSchema } from '../questionnaires/schema';
import { CollectorSchema } from '../surveys/schema';
import { EmailSchema, PasswordSchema, RoleSchema, ScopeListSchema } from '../auth/schema';

/** A checkbox: present ("on", "1", "true") when ticked, absent otherwise. */
const Checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === '1' || v === 'true');

/** The collector form: invited is optional, an empty field meaning "not known". */
export const CollectorFormSchema = z.preprocess((body) => {
  const b = (body ?? {}) as Record<string, unknown>;
  const invited = typeof b.invited === 'string' ? b.invited.trim() : '';
  return { id: typeof b.id === 'string' ? b.id.trim().toLowerCase() : b.id, label: b.label, invited: invited ? Number(invited) : null };
}, CollectorSchema);

/** The questionnaire import form: the JSON text pasted (or read from a file by public/js/admin.js). */
export const ImportFormSchema = z.object({
  questionnaire: z.string().trim().min(1, 'paste the questionnaire file or choose it'),
  file: z.string().trim().max(200).optional(),
});

export const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
export const PreviewQuery = z.object({ lang: TextLanguageSchema.optional() });

export const NewUserFormSchema = z.object({
  email: EmailSchema,
  role: RoleSchema,
  scope: ScopeListSchema,
  canReadFreeText: Checkbox,
});

export const UserUpdateFormSchema = z.object({
  role: RoleSchema,
  scope: ScopeListSchema,
  canReadFreeText: Checkbox,
});

export const IdParam = z.coerce.number().int().min(1);

export const PasswordFormSchema = z
  .object({ current: z.string().max(200), password: PasswordSchema, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'does not match the new password' });

/** Zod's issues as the located problems a form shows next to its fields. */
export const toIssues = (error: z.ZodError): Issue[] => error.issues.map((i) => ({ path: formatPath(i.path) || 'form', message: i.message }));

/** The submitted fields as strings, to show a form again with what was typed. */
export const formValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string') as [string, string][]);
