import { Router, type Response } from 'express';
import { AppError, notFound } from '../shared/errors';
import { currentUser, requireAccess, SESSION_COOKIE } from '../auth/middleware';
import { IdParam, NewUserFormSchema, PasswordFormSchema, toIssues, UserUpdateFormSchema } from './schema';
import type { AdminDeps } from './routes';
import { safeNext } from '../auth/routes';
import { cookieOptions } from '../responses/context';
import { ADMIN_LANG_COOKIE, adminLanguages } from './context';

const userIdOf = (raw: unknown) => {
  const id = IdParam.safeParse(raw);
  if (!id.success) throw notFound();
  return id.data;
};

/** Accounts (admins only): add with role and scope, change, delete, API tokens; and the audit log. */
export function userRoutes(deps: AdminDeps): Router {
  const router = Router();
  const { auth, surveys } = deps;
  const allCollectors = () => surveys.all().flatMap((s) => surveys.collectors(s.id).map((c) => ({ surveyId: s.id, ...c, value: `${s.id}/${c.id}` })));
  const renderUsers = (res: Response, status: number, extra: Record<string, unknown> = {}) =>
    res.status(status).render('admin/users', { users: auth.users(), collectors: allCollectors(), values: {}, issues: [], created: undefined, ...extra });
  const renderUser = (res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) => {
    const user = auth.users().find((u) => u.id === id);
    if (!user) throw notFound();
    res.status(status).render('admin/user', { account: user, collectors: allCollectors(), issues: [], token: undefined, ...extra, isSelf: currentUser(res).id === id });
  };

  router.use('/admin/users', requireAccess('users:admin'));

  router.get('/admin/users', (_req, res) => renderUsers(res, 200));

  router.post('/admin/users', (req, res) => {
    const form = NewUserFormSchema.safeParse(req.body);
    if (!form.success) return renderUsers(res, 422, { values: req.body, issues: toIssues(form.error) });
    const result = auth.createUser({ ...form.data, scopes: form.data.scope.map((s) => `${s.surveyId}/${s.collectorId}`) });
    if (!result.ok) return renderUsers(res, 422, { values: req.body, issues: [{ path: result.reason === 'exists' ? 'email' : 'scope', message: res.locals.t(`user_${result.reason}`) }] });
    auth.audit(currentUser(res), 'user.create', form.data.email, `role ${form.data.role}`);
    renderUsers(res, 201, { created: { email: form.data.email, password: result.generatedPassword } });
  });

  router.get('/admin/users/:userId', (req, res) => renderUser(res, userIdOf(req.params.userId)));

  router.post('/admin/users/:userId', (req, res) => {
    const id = userIdOf(req.params.userId);
    const form = UserUpdateFormSchema.safeParse(req.body);
    if (!form.success) return renderUser(res, id, { issues: toIssues(form.error) }, 422);
    if (id === currentUser(res).id && form.data.role !== 'admin') throw new AppError(409, 'conflict', 'forbidden');
    const outcome = auth.updateUser(id, { role: form.data.role, canReadFreeText: form.data.canReadFreeText, scopes: form.data.scope });
    if (outcome === 'not_found') throw notFound();
    if (outcome === 'unknown_collector') return renderUser(res, id, { issues: [{ path: 'scope', message: res.locals.t('user_unknown_collector') }] }, 422);
    auth.signOutEverywhere(id);
    auth.audit(currentUser(res), 'user.update', auth.user(id)!.email, `role ${form.data.role}, scope ${form.data.scope.length}, free text ${form.data.canReadFreeText}`);
    res.redirect(303, `/admin/users/${id}`);
  });

  router.post('/admin/users/:userId/delete', (req, res) => {
    const id = userIdOf(req.params.userId);
    const email = auth.user(id)?.email;
    if (!email) throw notFound();
    if (id === currentUser(res).id) throw new AppError(409, 'conflict', 'forbidden');
    auth.deleteUser(id);
    auth.audit(currentUser(res), 'user.delete', email);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:userId/tokens', (req, res) => {
    const id = userIdOf(req.params.userId);
    const email = auth.user(id)?.email;
    if (!email) throw notFound();
    const token = auth.createToken(id);
    auth.audit(currentUser(res), 'token.create', email, `token ${token.id}`);
    renderUser(res, id, { token: token.token });
  });

  router.post('/admin/users/:userId/tokens/:tokenId/revoke', (req, res) => {
    const id = userIdOf(req.params.userId);
    const token = auth.token(userIdOf(req.params.tokenId));
    if (!token || token.user_id !== id) throw notFound();
    if (auth.revokeToken(token.id)) auth.audit(currentUser(res), 'token.revoke', auth.user(id)!.email, `token ${token.id}`);
    res.redirect(303, `/admin/users/${id}`);
  });

  router.get('/admin/audit', requireAccess('audit:view'), (req, res) => {
    const page = Math.max(1, Number(req.query.page) || 1);
    res.render('admin/audit', { entries: auth.auditLog(101, (page - 1) * 100), page });
  });

  // The interface language of the admin pages, from the selector in the navigation; back to the page it was on.
  router.post('/admin/language', requireAccess('survey:view'), (req, res) => {
    const lang = req.body?.lang;
    if (typeof lang === 'string' && adminLanguages().includes(lang)) res.cookie(ADMIN_LANG_COOKIE, lang, cookieOptions(req, 365 * 24 * 3600 * 1000));
    res.redirect(303, safeNext(req.body?.back));
  });

  // Every signed-in user may change their own password; all their other sessions end.
  router.get('/admin/password', (_req, res) => res.render('admin/password', { issues: [], changed: false }));

  router.post('/admin/password', async (req, res) => {
    const user = currentUser(res);
    const form = PasswordFormSchema.safeParse(req.body);
    if (!form.success) return res.status(422).render('admin/password', { issues: toIssues(form.error), changed: false });
    if (!(await auth.changePassword(user.id, form.data.current, form.data.password, req.cookies?.[SESSION_COOKIE]))) {
      return res.status(422).render('admin/password', { issues: [{ path: 'current', message: res.locals.t('passwordWrong') }], changed: false });
    }
    auth.audit(user, 'password.change', user.email);
    res.render('admin/password', { issues: [], changed: true });
  });

  return router;
}
