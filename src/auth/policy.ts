import type { AuthUser, Role } from './schema';

/**
 * The access-control rules of Needsmap, in one place. Routes never test roles themselves: they name a permission
 * with `requireAccess(permission)` (src/auth/middleware.ts), and features that filter data ask `collectorScope`
 * and `canReadFreeText` below.
 */
export const PERMISSIONS = [
  /** See a survey exists: the dashboard, its funnel and collector links (coordinators: their surveys only). */
  'survey:view',
  /** Change a survey: settings, questionnaire import, collectors. */
  'survey:admin',
  /** Read raw responses, one row per respondent (coordinators: their collectors only). */
  'responses:raw',
  /** Delete a response (erasure on request). */
  'responses:erase',
  /** Aggregated, suppressed reports comparing all groups. */
  'report:view',
  /** Download data files (coordinators: raw rows of their collectors only; aggregates of all groups). */
  'export:data',
  /** Manage accounts, scopes and API tokens. */
  'users:admin',
  /** Read the audit log. */
  'audit:view',
  /** Enter what happened after the survey (attendance, outcomes) for a collector (coordinators: their own only). */
  'outcomes:edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  coordinator: new Set<Permission>(['survey:view', 'responses:raw', 'report:view', 'export:data', 'outcomes:edit']),
  researcher: new Set<Permission>(['survey:view', 'responses:raw', 'report:view', 'export:data']),
};

/** Permissions about individual respondents' rows: for these a requested collector must be in a coordinator's scope. */
const ROW_LEVEL = new Set<Permission>(['responses:raw', 'responses:erase', 'export:data']);
/** Permissions whose requested collector must be in a coordinator's scope, though they are not about respondents. */
const COLLECTOR_SCOPED = new Set<Permission>([...ROW_LEVEL, 'outcomes:edit']);

export function hasPermission(user: AuthUser, permission: Permission): boolean {
  return GRANTS[user.role].has(permission);
}

/** Whether the survey exists for this user at all: coordinators only know the surveys they have a collector in. */
export function canSeeSurvey(user: AuthUser, surveyId: string): boolean {
  return user.role !== 'coordinator' || user.scopes.some((s) => s.surveyId === surveyId);
}

/**
 * Who may see microdata, in one place: the collectors of `surveyId` whose individual responses (raw rows, free
 * text, row-level exports) `user` may read. `'all'` for admins and for researchers an admin granted microdata
 * (`can_read_free_text`, shown in the admin as "may read raw responses and free text"), including responses through the survey's direct link (collector NULL);
 * for a coordinator the ids of their own collectors (possibly empty). Aggregated, suppressed comparisons of all
 * groups do not need this: filter raw rows with it, never aggregates.
 *
 * @example
 *   const scope = collectorScope(currentUser(res), surveyId);
 *   const rows = scope === 'all' ? repo.all(surveyId) : repo.forCollectors(surveyId, scope);
 */
export function collectorScope(user: AuthUser, surveyId: string): 'all' | string[] {
  if (user.role === 'researcher') return user.canReadFreeText ? 'all' : [];
  if (user.role !== 'coordinator') return 'all';
  return user.scopes.filter((s) => s.surveyId === surveyId).map((s) => s.collectorId);
}

/** Whether `user` may read responses that came in through `collectorId` (null: the direct link) of `surveyId`. */
export function inCollectorScope(user: AuthUser, surveyId: string, collectorId: string | null): boolean {
  const scope = collectorScope(user, surveyId);
  return scope === 'all' || (collectorId !== null && scope.includes(collectorId));
}

/**
 * Whether `user` may read raw free-text answers of `surveyId`. With `collectorId` (null: the direct link): the
 * answers of responses from that collector. Without it: the free text of every collector at once (a whole-survey
 * export or listing) — false for coordinators, who must filter with `collectorScope` first and ask per collector.
 * Admins always may; researchers only when an admin granted `can_read_free_text`; coordinators for their own
 * collectors. Group views of free text additionally follow the survey's `min_group` threshold (METHODOLOGY §4).
 */
export function canReadFreeText(user: AuthUser, surveyId: string, collectorId?: string | null): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'researcher':
      return user.canReadFreeText;
    case 'coordinator':
      return collectorId !== undefined && inCollectorScope(user, surveyId, collectorId);
  }
}

export type Decision = 'allow' | 'forbidden' | 'not_found';

/**
 * The one decision every guarded route goes through. Wrong role: forbidden (403). A survey or collector outside a
 * coordinator's scope: not_found (404), so nothing tells them it exists.
 */
export function decide(user: AuthUser, permission: Permission, target: { surveyId?: string; collectorId?: string }): Decision {
  if (!hasPermission(user, permission)) return 'forbidden';
  // Microdata (raw rows, free text, row-level exports) only for those entitled to it: a researcher needs the grant.
  if (ROW_LEVEL.has(permission) && user.role === 'researcher' && !user.canReadFreeText) return 'forbidden';
  if (target.surveyId === undefined) return 'allow';
  if (!canSeeSurvey(user, target.surveyId)) return 'not_found';
  if (target.collectorId !== undefined && COLLECTOR_SCOPED.has(permission) && !inCollectorScope(user, target.surveyId, target.collectorId)) {
    return 'not_found';
  }
  return 'allow';
}
