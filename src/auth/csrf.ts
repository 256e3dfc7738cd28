import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { sha256 } from '../shared/crypto';

export const CSRF_COOKIE = 'nm_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Cookie-less JSON endpoints for respondents' own clients: they read no cookie, so a forged request gains nothing.
 * Everything else that changes state needs the token, including the respondent's plain HTML forms.
 */
const PUBLIC_JSON = [/^\/api\/surveys\/[^/]+\/responses\/?$/, /^\/api\/erasure\/?$/];

const isBearerApi = (req: Request) => req.path.startsWith('/api/') && /^Bearer\s/i.test(req.get('authorization') ?? '');

/**
 * CSRF protection with signed double-submit cookies (csrf-csrf). The token is bound to the session cookie when
 * there is one, so signing in or out issues a new token. Returns two middlewares: the check, which refuses a
 * state-changing request without a valid token (403 through the error middleware, code EBADCSRFTOKEN), and one
 * that puts the token in `res.locals.csrfToken` for every page, which forms render as a hidden `_csrf` field.
 * JSON clients using a session cookie send it in the `x-csrf-token` header.
 */
export function createCsrf(secret: string, sessionCookie: string): RequestHandler[] {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => {
      const session = req.cookies?.[sessionCookie];
      return typeof session === 'string' && session ? sha256(session) : 'anonymous';
    },
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'lax', path: '/', secure: false, httpOnly: true },
    // Multipart forms (the spreadsheet upload) carry the field too: their body is read before this check.
    getCsrfTokenFromRequest: (req) => (req.is('application/x-www-form-urlencoded') || req.is('multipart/form-data') ? req.body?.[CSRF_FIELD] : req.get('x-csrf-token')),
    skipCsrfProtection: (req) => isBearerApi(req) || PUBLIC_JSON.some((pattern) => pattern.test(req.path)),
    errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
  });

  const exposeToken = (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/') && req.path !== '/healthz') {
      res.locals.csrfToken = generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } });
    }
    next();
  };
  return [doubleCsrfProtection, exposeToken];
}
