import request from 'supertest';
import { buildTestApp } from '../helpers/app';
import { addUser, buildPartnership, postForm, ROME_TEXT, signIn, SOFIA_TEXT, submitResponse, SURVEY, tokenFor } from '../helpers/auth';

type Partnership = Awaited<ReturnType<typeof buildPartnership>>;

describe('running a partnership from the browser', () => {
  test('when an admin adds a partner and its coordinator, then the coordinator signs in with the shown password and sees only that partner', async () => {
    const { app, db, agent } = buildTestApp();
    addUser(db, 'admin@example.org', 'admin');
    const admin = agent();
    await signIn(admin, 'admin@example.org');
    const S = `/admin/surveys/${SURVEY}`;
    await postForm(admin, `${S}/collectors`, { id: 'sofia', label: 'Sofia', invited: '10' }, S);
    await postForm(admin, `${S}/collectors`, { id: 'rome', label: 'Rome', invited: '' }, S);
    const created = await postForm(admin, '/admin/users', { email: 'Sofia@Example.org', role: 'coordinator', scope: `${SURVEY}/sofia` }, '/admin/users');
    expect(created.status).toBe(201);
    const password = /<p class="code">(\w{20})<\/p>/.exec(created.text)?.[1];
    expect(password).toBeDefined();
    await submitResponse(app, 'sofia', SOFIA_TEXT);
    await submitResponse(app, 'rome', ROME_TEXT);

    const coordinator = agent();
    expect((await signIn(coordinator, 'sofia@example.org', password)).headers.location).toBe('/admin');
    const raw = await coordinator.get(`${S}/responses`);
    expect(raw.text).toContain(SOFIA_TEXT);
    expect(raw.text).not.toContain(ROME_TEXT);
    expect((await coordinator.get(`${S}/responses?collector=rome`)).status).toBe(404);
  });
});

describe('the users page', () => {
  let p: Partnership;
  beforeEach(async () => {
    p = await buildPartnership();
  });

  test('when an e-mail is already used, then the form says so and no account is added', async () => {
    const res = await postForm(p.agents.admin, '/admin/users', { email: 'SOFIA@example.org', role: 'admin' }, '/admin/users');
    expect(res.status).toBe(422);
    expect(res.text).toContain('There is already an account with this e-mail.');
  });

  test.each([
    [{ email: 'not-an-email', role: 'admin' }, 'email'],
    [{ email: 'x@example.org', role: 'owner' }, 'role'],
    [{ email: 'x@example.org', role: 'coordinator', scope: `${SURVEY}/atlantis` }, 'scope'],
  ])('when the form is %j, then it comes back with an error at %s', async (fields, field) => {
    const res = await postForm(p.agents.admin, '/admin/users', fields, '/admin/users');
    expect(res.status).toBe(422);
    expect(res.text).toContain(`href="#${field}"`);
    expect(p.db.prepare("SELECT count(*) AS n FROM users WHERE email = 'x@example.org'").get()).toEqual({ n: 0 });
  });

  test('when a researcher is granted free text, then the change is audited and they read it once signed in again', async () => {
    const res = await postForm(p.agents.admin, '/admin/users/3', { role: 'researcher', canReadFreeText: 'on' }, '/admin/users/3');
    expect(res.status).toBe(303);
    expect(p.db.prepare("SELECT detail FROM audit_log WHERE action = 'user.update'").get()).toEqual({ detail: 'role researcher, scope 0, free text true' });
    await signIn(p.agents.researcher, 'researcher@example.org');
    expect((await p.agents.researcher.get(`/admin/surveys/${SURVEY}/responses`)).text).toContain(SOFIA_TEXT);
  });

  test("when a user's role changes, then their sessions end", async () => {
    await postForm(p.agents.admin, '/admin/users/2', { role: 'researcher' }, '/admin/users/2');
    expect((await p.agents.coordinator.get('/admin')).status).toBe(303);
  });

  test('when admins try to demote or delete themselves, then it is refused', async () => {
    expect((await postForm(p.agents.admin, '/admin/users/1', { role: 'researcher' }, '/admin/users/1')).status).toBe(409);
    expect((await postForm(p.agents.admin, '/admin/users/1/delete', {}, '/admin/users/1')).status).toBe(409);
    expect(p.db.prepare('SELECT role FROM users WHERE id = 1').get()).toEqual({ role: 'admin' });
  });

  test('when a user is deleted, then their session and tokens stop working', async () => {
    const token = tokenFor(p.db, 'sofia@example.org');
    expect((await postForm(p.agents.admin, '/admin/users/2/delete', {}, '/admin/users/2')).status).toBe(303);
    expect((await p.agents.coordinator.get('/admin')).status).toBe(303);
    expect((await request(p.app).get('/api/admin/surveys').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  test('when an admin creates a token, then it is shown once, works, and after revoking it no longer works', async () => {
    const created = await postForm(p.agents.admin, '/admin/users/3/tokens', {}, '/admin/users/3');
    const token = /<p class="code token">(nm_[\w-]+)<\/p>/.exec(created.text)?.[1];
    expect(token).toBeDefined();
    expect((await p.agents.admin.get('/admin/users/3')).text).not.toContain(token!);
    expect((await request(p.app).get('/api/admin/surveys').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const id = (p.db.prepare('SELECT id FROM api_tokens WHERE user_id = 3').get() as { id: number }).id;
    expect((await postForm(p.agents.admin, `/admin/users/3/tokens/${id}/revoke`, {}, '/admin/users/3')).status).toBe(303);
    expect((await request(p.app).get('/api/admin/surveys').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  test('when a token is revoked through another user’s URL, then 404', async () => {
    await postForm(p.agents.admin, '/admin/users/3/tokens', {}, '/admin/users/3');
    const id = (p.db.prepare('SELECT id FROM api_tokens WHERE user_id = 3').get() as { id: number }).id;
    expect((await postForm(p.agents.admin, `/admin/users/2/tokens/${id}/revoke`, {}, '/admin/users/2')).status).toBe(404);
  });

  test('when the audit log is opened, then it lists actions newest first with actor and target', async () => {
    await postForm(p.agents.admin, '/admin/users/3/tokens', {}, '/admin/users/3');
    const res = await p.agents.admin.get('/admin/audit');
    expect(res.status).toBe(200);
    const first = res.text.indexOf('token.create');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(res.text.indexOf('signin'));
    expect(res.text).toContain('researcher@example.org');
  });
});

describe('my password', () => {
  test('when the current password is wrong or the new ones differ, then nothing changes', async () => {
    const p = await buildPartnership();
    const wrong = await postForm(p.agents.coordinator, '/admin/password', { current: 'nope', password: 'a new long passphrase', confirm: 'a new long passphrase' }, '/admin/password');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('The current password is not correct.');
    const mismatch = await postForm(p.agents.coordinator, '/admin/password', { current: 'correct horse battery staple', password: 'a new long passphrase', confirm: 'another' }, '/admin/password');
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('id="confirm-error"');
    const short = await postForm(p.agents.coordinator, '/admin/password', { current: 'correct horse battery staple', password: 'short', confirm: 'short' }, '/admin/password');
    expect(short.status).toBe(422);
    expect((await signIn(p.agents.anonymous, 'sofia@example.org')).status).toBe(303);
  });
});
