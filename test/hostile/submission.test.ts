import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import request from 'supertest';
import { validateAnswers } from '../../src/questionnaires/answers';
import { buildTestApp } from '../helpers/app';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';
import { AWKWARD, expectCleanOutcome, rowCounts, sendRaw, SUBMIT_URL } from './helpers';

const questionnaire = buildQuestionnaire();
const questionIds = questionnaire.pages.flatMap((p) => p.questions.map((q) => q.id));
// Thousands of requests from one address: the per-address submission limit (tested in test/auth/limits.test.ts) is off.
const { app, db } = buildTestApp(questionnaire, { env: { NEEDSMAP_SUBMIT_LIMIT: '0' } });
const validBody = () => ({ lang: 'en', consent: true, answers: validAnswers() as Record<string, unknown> });
const RUNS = { numRuns: 150 };

/** Posts raw text or bytes and checks the outcome invariants; returns the response for more specific checks. */
async function post(body: string | Buffer, headers: Record<string, string> = {}) {
  const before = rowCounts(db);
  let req = request(app).post(SUBMIT_URL);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  const res = await sendRaw(req, body);
  expectCleanOutcome(res, before, rowCounts(db));
  return res;
}

const storedAnswers = (publicId: string) => JSON.parse(db.prepare('SELECT answers FROM responses WHERE public_id = ?').pluck().get(publicId) as string);

/** A stored response holds exactly the server's normalised form of what was sent. */
function expectStoredAsValidated(publicId: string, sent: unknown) {
  const expected = validateAnswers(questionnaire, sent, { hidden: 'reject' });
  expect(expected.ok).toBe(true);
  if (expected.ok) expect(storedAnswers(publicId)).toEqual(expected.answers);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown, remove: boolean) {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return;
  const last = path[path.length - 1]!;
  if (remove) delete (node as Record<string, unknown>)[last];
  else (node as Record<string, unknown>)[last] = value;
}

describe('POST /api/surveys/:id/responses with hostile bodies', () => {
  test('when the body is any JSON value, then the answer is a clean refusal or a stored response, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (value) => void (await post(JSON.stringify(value)))), RUNS);
  });

  test('when any text is posted as JSON, then it is malformed (400) or refused cleanly', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => void (await post(text))), RUNS);
  });

  test('when a valid body has one field set to a wrong type or removed, then it is refused or stored exactly as validated', async () => {
    const paths = ['lang', 'consent', 'collector', 'answers', ...questionIds.map((id) => `answers.${id}`), 'answers.fac_1.importance', 'answers.fac_1.proficiency', 'answers.settings.0'];
    const mutation = fc.record({ path: fc.constantFrom(...paths), value: fc.jsonValue({ maxDepth: 3 }), remove: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const body = validBody();
        for (const m of mutations) setPath(body, m.path.split('.'), m.value, m.remove);
        const res = await post(JSON.stringify(body));
        if (res.status === 201) expectStoredAsValidated(res.body.id, body.answers);
      }),
      RUNS,
    );
  });

  test('when free text mixes bidi overrides, zero-width, emoji, combining marks and lone surrogates, then well-formed text is stored NFC-trimmed and the rest is refused', async () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 25 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, async (comment) => {
        const res = await post(JSON.stringify({ ...validBody(), answers: validAnswers({ comment }) }));
        const normalised = comment.isWellFormed() ? comment.normalize('NFC').trim() : undefined;
        if (normalised !== undefined && [...normalised].length <= 50) {
          expect(res.status).toBe(201);
          expect(storedAnswers(res.body.id).comment).toBe(normalised || undefined);
        } else {
          expect(res.status).toBe(422);
          expect(res.body.error.issues).toEqual([{ path: 'answers.comment', message: expect.any(String) }]);
        }
      }),
      RUNS,
    );
  });

  test('when __proto__, constructor or prototype keys appear at any level, then nothing is polluted and no such key is stored', async () => {
    const level = fc.constantFrom('{', '"answers":{', '"fac_1":{');
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype');
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ polluted: true, country: 'BG', consent: true, importance: 5 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(level, key, value), { minLength: 1, maxLength: 3 }), async (injections) => {
        let text = JSON.stringify(validBody());
        for (const [at, k, v] of injections) {
          const i = at === '{' ? 0 : text.indexOf(at);
          text = `${text.slice(0, i + at.length)}${JSON.stringify(k)}:${JSON.stringify(v)},${text.slice(i + at.length)}`;
        }
        const res = await post(text);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        if (res.status === 201) {
          const stored = db.prepare('SELECT answers FROM responses WHERE public_id = ?').pluck().get(res.body.id) as string;
          expect(stored).not.toMatch(/__proto__|"constructor"|"prototype"|polluted/);
        }
      }),
      RUNS,
    );
  });

  test('when invalid UTF-8 bytes are inside the body, then it is malformed (400) and nothing is stored', async () => {
    const invalid = fc.constantFrom([0xff], [0xfe], [0xc3, 0x28], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82]);
    await fc.assert(
      fc.asyncProperty(fc.array(invalid, { minLength: 1, maxLength: 4 }), fc.nat(), async (sequences, at) => {
        const text = Buffer.from(JSON.stringify({ ...validBody(), answers: validAnswers({ comment: 'XX' }) }));
        const where = at % 2 === 0 ? text.indexOf('XX') : at % text.length;
        const bad = Buffer.concat([text.subarray(0, where), ...sequences.map((s) => Buffer.from(s)), text.subarray(where)]);
        fc.pre(!isUtf8(bad)); // two broken sequences can join into a valid character
        const res = await post(bad);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('malformed_json');
      }),
      RUNS,
    );
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => void (await post(Buffer.from(bytes)))), RUNS);
  });

  test('when strings or arrays are huge, then over 256 kB is 413 and under it a clean 422', async () => {
    const size = fc.constantFrom(51, 1_000, 100_000, 250_000, 262_000, 300_000, 1_000_000);
    await fc.assert(
      fc.asyncProperty(size, fc.constantFrom('comment', 'settings', 'unknown', 'lang'), async (n, where) => {
        const body: Record<string, unknown> = validBody();
        const answers = body.answers as Record<string, unknown>;
        if (where === 'comment') answers.comment = 'x'.repeat(n);
        if (where === 'settings') answers.settings = Array.from({ length: Math.ceil(n / 10) }, () => 'centre');
        if (where === 'unknown') answers['q'.repeat(n)] = 1;
        if (where === 'lang') body.lang = 'e'.repeat(n);
        const text = JSON.stringify(body);
        const res = await post(text);
        expect(res.status).toBe(Buffer.byteLength(text) > 256 * 1024 ? 413 : 422);
      }),
      { numRuns: 25 },
    );
  });

  test('when values are nested thousands of levels deep, then the request is refused cleanly', async () => {
    const nesting = fc.record({ depth: fc.integer({ min: 1, max: 40_000 }), kind: fc.constantFrom('array', 'object'), where: fc.constantFrom('body', 'answer', 'key') });
    await fc.assert(
      fc.asyncProperty(nesting, async ({ depth, kind, where }) => {
        const deep = kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const valid = JSON.stringify(validBody());
        const text = where === 'body' ? deep : where === 'answer' ? valid.replace('"BG"', deep) : valid.replace('"answers":{', `"answers":{"deep":${deep},`);
        const res = await post(text, { 'Idempotency-Key': `deep-${depth}` });
        expect([400, 413, 422]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
  });

  test('when answers name unknown questions or answer hidden ones, then 422 names each of them and nothing is stored', async () => {
    const unknownId = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((id) => !questionIds.includes(id) && id !== '__proto__');
    await fc.assert(
      fc.asyncProperty(unknownId, fc.jsonValue({ maxDepth: 2 }), async (id, value) => {
        const res = await post(JSON.stringify({ ...validBody(), answers: { ...validAnswers(), [id]: value } }));
        expect(res.status).toBe(422);
        expect(res.body.error.issues).toContainEqual({ path: `answers.${id}`, message: expect.any(String) });
      }),
      RUNS,
    );
    const hidden = await post(JSON.stringify({ ...validBody(), answers: validAnswers({ role: 'volunteer', hours: 12 }) }));
    expect(hidden.status).toBe(422);
    expect(hidden.body.error.issues).toEqual([{ path: 'answers.hours', message: expect.any(String) }]);
  });

  test('when any Idempotency-Key is sent twice with a valid body, then exactly one response is stored or the key is refused', async () => {
    const key = fc.string({ unit: 'grapheme-ascii', maxLength: 220 });
    await fc.assert(
      fc.asyncProperty(key, async (k) => {
        // Keys are trimmed; a key seen in an earlier run comes with the same body, so it is a replay.
        const text = JSON.stringify({ ...validBody(), answers: validAnswers({ comment: `key ${k.trim()}`.slice(0, 50) }) });
        const before = rowCounts(db).responses;
        const first = await post(text, { 'Idempotency-Key': k });
        const again = await post(text, { 'Idempotency-Key': k });
        expect(again.status).toBe(first.status);
        if (first.status === 201) expect(again.body).toEqual(first.body);
        if (first.status === 201) expect(again.headers['idempotent-replayed']).toBe('true');
        const stored = first.status === 201 && first.headers['idempotent-replayed'] !== 'true' ? 1 : 0;
        expect(rowCounts(db).responses - before).toBe(stored);
      }),
      { numRuns: 100 },
    );
  });
});
