import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../shared/db';
import { AppError, notFound, unauthorized } from '../shared/errors';
import { createCsrf } from './csrf';
import { decide, type Permission } from './policy';
import type { AuthUser } from './schema';
import { createAuthService, type AuthOptions, type AuthService } from './service';

export const SESSION_COOKIE = 'nm_session';

/** What `requireAccess` resolved from the request: the survey and collector the route is about. */
export interface AccessTarget {
  surveyId?: string;
  collectorId?: string;
}

/** Mounted under a path prefix, so the full path is baseUrl + path. */
const wantsHtml = (req: Request) => !`${req.baseUrl}${req.path}`.startsWith('/api/') && req.accepts(['html', 'json']) === 'html';

/** The signed-in user; only call after `requireUser` (everything under /admin and /api/admin). */
export function currentUser(res: Response): AuthUser {
  const user = res.locals.user as AuthUser | undefined;
  if (!user) throw unauthorized();
  return user;
}

/** The survey and collector `requireAccess` checked; routes read them here, never again from params or query. */
export function accessTarget(res: Response): AccessTarget {
  return (res.locals.access ?? {}) as AccessTarget;
}

function pick(req: Request, param: string, query: string): string | undefined {
  const fromParams = req.params?.[param];
  if (typeof fromParams === 'string') return fromParams;
  const fromQuery = req.query[query];
  if (fromQuery === undefined || fromQuery === '') return undefined;
  if (typeof fromQuery !== 'string') throw new AppError(400, 'invalid_request', 'invalid_request', {}, [{ path: query, message: 'must be given once' }]);
  return fromQuery;
}

/**
 * Guards a route with one permission (see src/auth/policy.ts). The survey comes from `:surveyId` or `?survey=`,
 * the collector from `:collectorId` or `?collector=`. Wrong role: 403. Survey or collector outside a coordinator's
 * scope: 404 with nothing else, exactly like a survey that does not exist.
 */
export function requireAccess(permission: Permission) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = currentUser(res);
    const target: AccessTarget = { surveyId: pick(req, 'surveyId', 'survey'), collectorId: pick(req, 'collectorId', 'collector') };
    const decision = decide(user, permission, target);
    if (decision === 'forbidden') return next(new AppError(403, 'forbidden', 'forbidden'));
    if (decision === 'not_found') return next(notFound());
    res.locals.access = target;
    next();
  };
}

/** Sessions, API tokens and CSRF around one database: what src/app.ts mounts. */
export function createAuth(db: Db, options: AuthOptions = {}) {
  const service: AuthService = createAuthService(db, options);

  function authenticate(req: Request): AuthUser | undefined {
    const header = req.get('authorization') ?? '';
    // A request that names a Bearer token is judged by the token alone, never by a cookie it may also carry.
    // Other schemes (Basic from a protecting reverse proxy) are not ours and leave the session cookie in charge.
    if (/^Bearer\s/i.test(header)) return service.tokenUser(/^Bearer\s+(\S+)$/i.exec(header)?.[1]);
    const cookie = req.cookies?.[SESSION_COOKIE];
    return typeof cookie === 'string' ? service.sessionUser(cookie) : undefined;
  }

  /** Signed-in users only: pages redirect to the sign-in page (and back afterwards), the API answers 401. */
  const requireUser = (req: Request, res: Response, next: NextFunction) => {
    const user = authenticate(req);
    if (user) {
      res.locals.user = user;
      res.set('Cache-Control', 'no-store');
      return next();
    }
    if (!wantsHtml(req)) return next(unauthorized());
    const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(303, `/login${back}`);
  };

  return {
    service,
    requireUser,
    /** Optional sign-in: sets res.locals.user when there is a valid session, for the sign-in page. */
    peekUser: (req: Request) => authenticate(req),
    csrf: createCsrf(service.secret('csrf'), SESSION_COOKIE),
  };
}
export type Auth = ReturnType<typeof createAuth>;
