import { buildPartnership, csrfOf, defaultImportText, SURVEY } from '../helpers/auth';

type Partnership = Awaited<ReturnType<typeof buildPartnership>>;
type Agent = Partnership['agents']['admin'];
type Who = 'admin' | 'coordinator' | 'researcher';

interface RouteCase {
  method: 'get' | 'post' | 'delete';
  url: (p: Partnership) => string;
  /** Roles allowed; the others must get 403. */
  allowed: Who[];
  /** Valid fields for the happy path of a form or JSON body. */
  body?: (p: Partnership) => Record<string, string | string[]> | string;
  ok: number;
}

const S = `/admin/surveys/${SURVEY}`;
const A = `/api/admin/surveys/${SURVEY}`;
const all: Who[] = ['admin', 'coordinator', 'researcher'];
/** Microdata (raw rows, row-level exports): researchers only with the grant, which the partnership's researcher lacks. */
const microdata: Who[] = ['admin', 'coordinator'];
const settings = { controllerName: 'Partnership', controllerContact: 'dpo@example.org', retentionDays: '365', minCell: '5', minGroup: '10', defaultLang: 'en', opensAt: '', closesAt: '' };

const ROUTES: Record<string, RouteCase> = {
  'GET /admin': { method: 'get', url: () => '/admin', allowed: all, ok: 200 },
  'GET survey page': { method: 'get', url: () => S, allowed: all, ok: 200 },
  'POST settings': { method: 'post', url: () => `${S}/settings`, allowed: ['admin'], body: () => settings, ok: 303 },
  'POST collector': { method: 'post', url: () => `${S}/collectors`, allowed: ['admin'], body: () => ({ id: 'ljubljana', label: 'Ljubljana', invited: '12' }), ok: 303 },
  'GET preview': { method: 'get', url: () => `${S}/preview?lang=bg`, allowed: all, ok: 200 },
  'GET import': { method: 'get', url: () => '/admin/import', allowed: ['admin'], ok: 200 },
  'POST import': { method: 'post', url: () => '/admin/import', allowed: ['admin'], body: () => ({ questionnaire: defaultImportText('second-survey'), file: 'second.json' }), ok: 200 },
  'GET raw responses': { method: 'get', url: () => `${S}/responses`, allowed: microdata, ok: 200 },
  'GET confirm deletion': { method: 'get', url: (p) => `${S}/responses/${p.ids.rome}/delete`, allowed: ['admin'], ok: 200 },
  'POST delete response': { method: 'post', url: (p) => `${S}/responses/${p.ids.rome}/delete`, allowed: ['admin'], body: () => ({}), ok: 303 },
  'GET users': { method: 'get', url: () => '/admin/users', allowed: ['admin'], ok: 200 },
  'POST add user': { method: 'post', url: () => '/admin/users', allowed: ['admin'], body: () => ({ email: 'rome@example.org', role: 'coordinator', scope: `${SURVEY}/rome` }), ok: 201 },
  'GET user': { method: 'get', url: () => '/admin/users/2', allowed: ['admin'], ok: 200 },
  'POST change user': { method: 'post', url: () => '/admin/users/3', allowed: ['admin'], body: () => ({ role: 'researcher', canReadFreeText: 'on' }), ok: 303 },
  'POST delete user': { method: 'post', url: () => '/admin/users/3/delete', allowed: ['admin'], body: () => ({}), ok: 303 },
  'POST create token': { method: 'post', url: () => '/admin/users/3/tokens', allowed: ['admin'], body: () => ({}), ok: 200 },
  'POST revoke token': { method: 'post', url: () => '/admin/users/1/tokens/1/revoke', allowed: ['admin'], body: () => ({}), ok: 303 },
  'GET audit': { method: 'get', url: () => '/admin/audit', allowed: ['admin'], ok: 200 },
  'GET password': { method: 'get', url: () => '/admin/password', allowed: all, ok: 200 },
  'POST password': { method: 'post', url: () => '/admin/password', allowed: all, body: () => ({ current: 'correct horse battery staple', password: 'another long passphrase', confirm: 'another long passphrase' }), ok: 200 },
  'API surveys': { method: 'get', url: () => '/api/admin/surveys', allowed: all, ok: 200 },
  'API funnel': { method: 'get', url: () => `${A}/funnel`, allowed: all, ok: 200 },
  'API responses': { method: 'get', url: () => `${A}/responses`, allowed: microdata, ok: 200 },
  'API collector responses': { method: 'get', url: () => `${A}/collectors/sofia/responses`, allowed: microdata, ok: 200 },
  'API delete response': { method: 'delete', url: (p) => `${A}/responses/${p.ids.rome}`, allowed: ['admin'], ok: 204 },
  'API import': { method: 'post', url: () => '/api/admin/questionnaires', allowed: ['admin'], body: () => defaultImportText('api-survey'), ok: 201 },
};

async function call(p: Partnership, agent: Agent, route: RouteCase, withCsrf: boolean) {
  const url = route.url(p);
  if (route.method === 'get') return agent.get(url);
  const token = withCsrf ? await csrfOf(agent, agent === p.agents.anonymous ? '/login' : '/admin') : undefined;
  const body = route.body?.(p);
  if (typeof body === 'string') return agent.post(url).set('Content-Type', 'application/json').set(token ? { 'x-csrf-token': token } : {}).send(body);
  if (route.method === 'delete') return agent.delete(url).set(token ? { 'x-csrf-token': token } : {});
  const form = new URLSearchParams(token ? { _csrf: token } : {});
  for (const [k, v] of Object.entries(body ?? {})) for (const value of [v].flat()) form.append(k, value);
  return agent.post(url).type('form').send(form.toString());
}

const isApi = (route: RouteCase, p: Partnership) => route.url(p).startsWith('/api/');
const cases = Object.entries(ROUTES);

describe('every admin route', () => {
  let p: Partnership;
  beforeAll(async () => {
    p = await buildPartnership();
  });

  test.each(cases)('%s: when not signed in, then a page redirects to sign-in and the API answers 401', async (_name, route) => {
    const res = await call(p, p.agents.anonymous, route, true);
    if (isApi(route, p)) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    } else {
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/login/);
    }
  });

  test.each(cases.filter(([, r]) => r.allowed.length < 3))('%s: when signed in with a role that may not, then 403 and no data', async (_name, route) => {
    for (const who of all.filter((w) => !route.allowed.includes(w))) {
      const res = await call(p, p.agents[who], route, true);
      expect(res.status).toBe(403);
      expect(res.text).toContain('You are not allowed to see this.');
      expect(res.text).not.toContain('private remark');
    }
  });

  test.each(cases.filter(([, r]) => r.method !== 'get'))('%s: when the CSRF token is missing, then 403 and nothing changes', async (_name, route) => {
    const before = p.db.prepare('SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM users) + (SELECT count(*) FROM collectors) AS n').get();
    const res = await call(p, p.agents.admin, route, false);
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/csrf|This form has expired/);
    expect(p.db.prepare('SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM users) + (SELECT count(*) FROM collectors) AS n').get()).toEqual(before);
  });
});

describe('every admin route, happy path', () => {
  test.each(cases)('%s: when an allowed role calls it correctly, then it succeeds', async (_name, route) => {
    const p = await buildPartnership();
    p.db.prepare("INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (1, 'h', '2026-01-01')").run();
    for (const who of route.method === 'get' ? route.allowed : route.allowed.slice(0, 1)) {
      const res = await call(p, p.agents[who], route, true);
      expect({ who, status: res.status }).toEqual({ who, status: route.ok });
    }
  });
});
