import { z } from 'zod';

export const ROLES = ['admin', 'coordinator', 'researcher'] as const;
export const RoleSchema = z.enum(ROLES);
/**
 * admin: everything. coordinator: raw responses and free text of their own collectors (partners) only, aggregated
 * comparisons of all groups. researcher: every aggregated report and export; raw free text only when granted.
 */
export type Role = z.infer<typeof RoleSchema>;

/** One collector (partner link) of one survey that a coordinator is responsible for. */
export interface Scope {
  surveyId: string;
  collectorId: string;
}

/** The signed-in person as every guard sees it; loaded once per request by `requireUser`. */
export interface AuthUser {
  id: number;
  email: string;
  role: Role;
  /** Granted by an admin: a researcher may read raw free-text answers. Admins always may. */
  canReadFreeText: boolean;
  /** Used for coordinators only: the collectors whose raw responses they may read. */
  scopes: Scope[];
  /** How the request was authenticated: a browser session or an API token. */
  via: 'session' | 'token';
}

/** Any address with an @: local installations use names such as admin@localhost. */
export const EmailSchema = z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

/** At least 12 characters: long passphrases beat composition rules. */
export const PasswordSchema = z.string().min(12, 'must be at least 12 characters').max(200);

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
  next: z.string().max(500).optional(),
});

/** "survey/collector" pairs, as the scope checkboxes of the users page and the CLI's --scope send them. */
export const ScopeListSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,39}$/, 'must be survey/collector')
        .transform((s): Scope => {
          const [surveyId = '', collectorId = ''] = s.split('/');
          return { surveyId, collectorId };
        }),
    ),
  );

export const NewUserSchema = z.object({
  email: EmailSchema,
  role: RoleSchema,
  scopes: ScopeListSchema,
  canReadFreeText: z.boolean().default(false),
  /** Absent: a password is generated and shown once. */
  password: PasswordSchema.optional(),
});
export type NewUser = z.input<typeof NewUserSchema>;
