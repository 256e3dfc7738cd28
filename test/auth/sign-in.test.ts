import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { buildTestApp, buildTestDb } from '../helpers/app';
import { addUser, PASSWORD, signIn } from '../helpers/auth';
import { csrfFrom } from '../helpers/forms';

const setup = () => {
  const built = buildTestApp();
  addUser(built.db, 'admin@example.org', 'admin');
  return built;
};

describe('sign-in page', () => {
  test('when the sign-in page is shown, then it has a CSRF token, an e-mail and a password field, and no inline script', async () => {
    const res = await request(setup().app).get('/login');
    expect(res.status).toBe(200);
    expect(csrfFrom(res.text)).toMatch(/^[0-9a-f]+\.[0-9a-f]+$/);
    expect(res.text).toContain('autocomplete="current-password"');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  test('when the password is right, then a HttpOnly SameSite session cookie is set and the browser goes to the admin area', async () => {
    const { agent } = setup();
    const res = await signIn(agent(), 'Admin@Example.org');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('nm_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  test('when the app is behind an HTTPS proxy it trusts, then the session cookie is Secure', async () => {
    const db = buildTestDb();
    addUser(db, 'admin@example.org', 'admin');
    const app = createApp({ db, config: loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: ':memory:', NEEDSMAP_TRUST_PROXY: 'loopback' }) });
    const page = await request(app).get('/login').set('X-Forwarded-Proto', 'https');
    const csrfCookie = [page.headers['set-cookie']].flat().find((c) => c?.startsWith('nm_csrf='))!;
    expect(csrfCookie).toMatch(/; Secure/);
    const res = await request(app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', csrfCookie.split(';')[0]!)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'admin@example.org', password: PASSWORD });
    expect([res.headers['set-cookie']].flat().find((c) => c?.startsWith('nm_session='))).toMatch(/; Secure/);
  });

  test('when the password is wrong or the account unknown, then both get the same 401 page and no session', async () => {
    const { agent } = setup();
    const wrong = await signIn(agent(), 'admin@example.org', 'not the password at all');
    const unknown = await signIn(agent(), 'nobody@example.org', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toContain('The e-mail or password is not correct.');
    expect(unknown.text).toContain('The e-mail or password is not correct.');
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain('nm_session=');
  });

  test('when the form has no CSRF token, then the sign-in is refused with 403', async () => {
    const res = await request(setup().app).post('/login').type('form').send({ email: 'admin@example.org', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired');
  });

  test('when a "next" address inside the admin area is given, then sign-in returns there; elsewhere, it goes to /admin', async () => {
    const { agent } = setup();
    const send = async (next: string) => {
      const a = agent();
      const page = await a.get(`/login?next=${encodeURIComponent(next)}`);
      return (await a.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email: 'admin@example.org', password: PASSWORD, next })).headers.location;
    };
    expect(await send('/admin/users')).toBe('/admin/users');
    expect(await send('https://evil.example/admin')).toBe('/admin');
    expect(await send('//evil.example/admin')).toBe('/admin');
  });

  test('when an account keeps failing, then it must wait longer and longer, even with the right password', async () => {
    const { agent } = setup();
    for (let i = 0; i < 4; i++) await signIn(agent(), 'admin@example.org', 'wrong password number ' + i);
    const locked = await signIn(agent(), 'admin@example.org');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('1');
    expect(locked.text).toContain('Too many failed attempts');
  });

  test('when signed in and the sign-out form is posted, then the session no longer opens admin pages', async () => {
    const { agent } = setup();
    const a = agent();
    await signIn(a, 'admin@example.org');
    expect((await a.get('/admin')).status).toBe(200);
    const page = await a.get('/admin');
    expect((await a.post('/logout').type('form').send({ _csrf: csrfFrom(page.text) })).headers.location).toBe('/login');
    const after = await a.get('/admin');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fadmin');
  });

  test('when signing out without a CSRF token, then it is refused and the session stays', async () => {
    const { agent } = setup();
    const a = agent();
    await signIn(a, 'admin@example.org');
    expect((await a.post('/logout')).status).toBe(403);
    expect((await a.get('/admin')).status).toBe(200);
  });

  test('when already signed in, then the sign-in page goes straight to the admin area', async () => {
    const { agent } = setup();
    const a = agent();
    await signIn(a, 'admin@example.org');
    expect((await a.get('/login')).headers.location).toBe('/admin');
  });

  test('when signing in, then the audit log records it with the time, and no address is stored anywhere', async () => {
    const { agent, db } = setup();
    await signIn(agent(), 'admin@example.org');
    const entries = db.prepare('SELECT actor, action, at FROM audit_log').all() as { actor: string; action: string; at: string }[];
    expect(entries).toEqual([expect.objectContaining({ actor: 'admin@example.org', action: 'signin' })]);
    const dump = JSON.stringify(['audit_log', 'sessions', 'login_failures', 'users'].map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
    expect(dump).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
  });
});
