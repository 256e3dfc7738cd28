import { Router, type Request, type Response } from 'express';
import { adminPageLocals } from '../admin/context';
import { LoginSchema } from './schema';
import { SESSION_COOKIE, type Auth } from './middleware';
import { createAddressThrottle, loginRateLimit, tooManyAttempts } from './throttle';

/** Only paths inside the admin area are followed after sign-in, so `next` can never send anyone elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(?:[/?#]|$)/.test(next) && !next.includes('\\') ? next : '/admin';
}

const sessionCookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' });

/** Sign-in and sign-out pages. The address is used in memory only, for the growing delay; it is never stored. */
export function authRoutes(deps: { auth: Auth }): Router {
  const router = Router();
  const { service } = deps.auth;
  const addresses = createAddressThrottle();
  const render = (res: Response, status: number, locals: { email?: string; next?: string; error?: string }) =>
    res.status(status).render('admin/login', { email: '', error: undefined, ...locals, next: safeNext(locals.next) });

  router.get('/login', adminPageLocals, (req, res) => {
    if (deps.auth.peekUser(req)) return res.redirect(303, safeNext(req.query.next));
    render(res, 200, { next: typeof req.query.next === 'string' ? req.query.next : undefined });
  });

  router.post('/login', loginRateLimit(), adminPageLocals, async (req, res) => {
    const address = req.ip ?? 'unknown';
    const form = LoginSchema.safeParse(req.body);
    const email = form.success ? form.data.email : '';
    if (addresses.waitMs(address) > 0) throw tooManyAttempts(addresses.waitMs(address));
    if (!form.success || !form.data.email || !form.data.password) {
      return render(res, 422, { email, next: form.data?.next, error: res.locals.t('loginMissing') });
    }
    const result = await service.signIn(form.data.email, form.data.password);
    if (!result.ok && result.reason === 'locked') {
      res.set('Retry-After', String(Math.ceil(result.waitMs / 1000)));
      return render(res, 429, { email, next: form.data.next, error: res.locals.t('loginLocked', { seconds: Math.ceil(result.waitMs / 1000) }) });
    }
    if (!result.ok) {
      addresses.fail(address);
      return render(res, 401, { email, next: form.data.next, error: res.locals.t('loginInvalid') });
    }
    service.signOut(req.cookies?.[SESSION_COOKIE]);
    res.cookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(req));
    service.audit(result.user, 'signin');
    res.redirect(303, safeNext(form.data.next));
  });

  router.post('/logout', (req, res) => {
    const user = deps.auth.peekUser(req);
    service.signOut(req.cookies?.[SESSION_COOKIE]);
    if (user) service.audit(user, 'signout');
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
    res.redirect(303, '/login');
  });

  return router;
}
