import type request from 'supertest';
import type { Db } from '../../src/shared/db';

export const SUBMIT_URL = '/api/surveys/test-survey/responses';

/** The rows a submission may write; a refused request must leave every count unchanged. */
export function rowCounts(db: Db) {
  const n = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { responses: n('responses'), starts: n('starts'), idempotency_keys: n('idempotency_keys'), drafts: n('drafts') };
}
export type RowCounts = ReturnType<typeof rowCounts>;

/** Sends `body` byte for byte as application/json: no serialisation by superagent, so any text or bytes go out. */
export function sendRaw(req: request.Test, body: string | Buffer, contentType = 'application/json') {
  return req.set('Content-Type', contentType).serialize((x: unknown) => x as string).send(body as never);
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

/**
 * What every answer to a submission must be, whatever was sent: never a 5xx; a 201 with an id stores one response
 * and one start (none when it replays an idempotent request); anything else is a JSON error with a code, a message and located issues, and stores nothing.
 * Object.prototype is never polluted.
 */
export function expectCleanOutcome(res: request.Response, before: RowCounts, after: RowCounts) {
  expect(res.status).toBeLessThan(500);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeKeys);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  if (res.status === 201) {
    expect(res.body).toEqual({ id: expect.any(String), erasureCode: expect.any(String) });
    const stored = res.headers['idempotent-replayed'] === 'true' ? 0 : 1; // a replay returns the first result
    expect(after.responses).toBe(before.responses + stored);
    expect(after.starts).toBe(before.starts + stored);
    expect(after.drafts).toBe(before.drafts);
    return;
  }
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(after).toEqual(before);
  const error = res.body?.error;
  expect(typeof error?.code).toBe('string');
  expect(error.code.length).toBeGreaterThan(0);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(error.issues)).toBe(true);
  for (const issue of error.issues as unknown[]) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
}

/** Code points that break naive text handling: bidi overrides, zero-width, BOM, combining marks, emoji, lone surrogates. */
export const AWKWARD = [
  '\u202e', '\u202d', '\u2066', '\u200b', '\u200d', '\u200f', '\ufeff', '\u0301', 'e\u0301', '\u00e9', '😀', '👩🏽‍💻', '🇧🇬',
  '\u0000', '\u0007', '\n', '\r\n', '\t', ' ', '\u00a0', '\u2028', '\ud800', '\udfff', '\udbff\udfff', 'ﷺ', 'עברית', '\uffff',
];
