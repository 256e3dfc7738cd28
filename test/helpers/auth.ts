import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/shared/db';
import { createAuthService } from '../../src/auth/service';
import type { Role } from '../../src/auth/schema';
import { createSurveyService } from '../../src/surveys/service';
import { buildTestApp } from './app';
import { buildQuestionnaire, validAnswers } from './factories';
import { csrfFrom } from './forms';

export const PASSWORD = 'correct horse battery staple';
export const SURVEY = 'test-survey';
/** Free text only one partner's coordinator may read: tests assert it never reaches anyone else. */
export const SOFIA_TEXT = 'Sofia private remark';
export const ROME_TEXT = 'Rome private remark';

type Agent = ReturnType<typeof request.agent>;

/** scrypt cost for test accounts: the stored hash carries it, so signing in is fast too. */
export const TEST_SCRYPT_N = 1024;

export function addUser(db: Db, email: string, role: Role, opts: { scopes?: string[]; canReadFreeText?: boolean } = {}) {
  const result = createAuthService(db, { scryptN: TEST_SCRYPT_N }).createUser({ email, role, password: PASSWORD, scopes: opts.scopes, canReadFreeText: opts.canReadFreeText });
  if (!result.ok) throw new Error(`cannot create ${email}: ${result.reason}`);
  return result.id;
}

/** Signs in like a browser: reads the CSRF token from the sign-in page and posts the form. */
export async function signIn(agent: Agent, email: string, password = PASSWORD) {
  const page = await agent.get('/login');
  return agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email, password });
}

/** The CSRF token of a signed-in agent's page, for posting admin forms. */
export async function csrfOf(agent: Agent, url = '/admin') {
  return csrfFrom((await agent.get(url)).text);
}

/** POSTs a form as a signed-in browser would: token from `pageUrl`, fields urlencoded. */
export async function postForm(agent: Agent, action: string, fields: Record<string, string | string[]>, pageUrl = '/admin') {
  const body = new URLSearchParams({ _csrf: await csrfOf(agent, pageUrl) });
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
  return agent.post(action).type('form').send(body.toString());
}

export async function submitResponse(app: Express, collector: string | undefined, comment: string) {
  const res = await request(app)
    .post(`/api/surveys/${SURVEY}/responses`)
    .send({ consent: true, lang: 'en', ...(collector ? { collector } : {}), answers: validAnswers({ comment }) });
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * Two partners (sofia, rome) with one response each carrying private free text, and one account per role:
 * admin, a coordinator for sofia, researchers with and without free-text access. Agents are signed in.
 */
export async function buildPartnership() {
  const built = buildTestApp();
  const surveys = createSurveyService(built.db);
  surveys.saveCollector(SURVEY, { id: 'sofia', label: 'Sofia youth centre', invited: 20 });
  surveys.saveCollector(SURVEY, { id: 'rome', label: 'Rome network', invited: null });
  addUser(built.db, 'admin@example.org', 'admin');
  addUser(built.db, 'sofia@example.org', 'coordinator', { scopes: [`${SURVEY}/sofia`] });
  addUser(built.db, 'researcher@example.org', 'researcher');
  addUser(built.db, 'reader@example.org', 'researcher', { canReadFreeText: true });
  const ids = { sofia: await submitResponse(built.app, 'sofia', SOFIA_TEXT), rome: await submitResponse(built.app, 'rome', ROME_TEXT) };
  const agents = { anonymous: built.agent(), admin: built.agent(), coordinator: built.agent(), researcher: built.agent(), reader: built.agent() };
  await signIn(agents.admin, 'admin@example.org');
  await signIn(agents.coordinator, 'sofia@example.org');
  await signIn(agents.researcher, 'researcher@example.org');
  await signIn(agents.reader, 'reader@example.org');
  return { ...built, ids, agents };
}

/** A bearer token for an existing account, for API tests. */
export function tokenFor(db: Db, email: string): string {
  const auth = createAuthService(db);
  return auth.createToken(auth.userByEmail(email)!.id).token;
}

/** A valid questionnaire file's text with another id, for import tests. */
export const defaultImportText = (id: string) => JSON.stringify(buildQuestionnaire({ id }));
