import fc from 'fast-check';
import { createQuestionnaireService, type ImportResult } from '../../src/questionnaires/service';
import { validateAnswers } from '../../src/questionnaires/answers';
import type { QuestionnaireInput } from '../../src/questionnaires/schema';
import { buildTestApp, buildTestDb } from '../helpers/app';
import { buildQuestionnaire } from '../helpers/factories';
import { addUser, csrfOf, signIn, tokenFor } from '../helpers/auth';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const base = JSON.parse(JSON.stringify(buildQuestionnaire())) as Json;

/** Every path to a value inside `value`, the root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

type Mutation = { at: number; op: 'set' | 'delete' | 'grow'; value: Json; times: number };

/**
 * Applies a mutation at the `at`-th path: replace the value, delete it, or repeat a list element (a question, an
 * option, a language, a page...) `times` times with fresh ids, which finds the limits of lists.
 */
function mutate(doc: Json, m: Mutation): Json {
  const all = paths(doc).filter((p) => m.op !== 'grow' || typeof p[p.length - 1] === 'number');
  const path = all[m.at % all.length]!;
  const parent = path.slice(0, -1).reduce<Json>((node, k) => (node as Record<string | number, Json>)[k]!, doc) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  if (m.op === 'set') parent[key] = m.value;
  else if (m.op === 'delete' && Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (m.op === 'delete') delete parent[key];
  else {
    for (let i = 0; i < m.times; i++) {
      const copy = JSON.parse(JSON.stringify(parent[Number(key)])) as Json;
      if (copy && typeof copy === 'object' && !Array.isArray(copy) && typeof copy.id === 'string') copy.id = `${copy.id}_${i}`;
      (parent as unknown as Json[]).push(copy);
    }
  }
  return doc;
}

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('set', 'delete', 'grow', 'grow') as fc.Arbitrary<Mutation['op']>,
  value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  times: fc.integer({ min: 1, max: 300 }),
});
const mutatedText = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => JSON.stringify(ms.reduce(mutate, JSON.parse(JSON.stringify(base)) as Json)));
const anyText = fc.oneof(mutatedText, fc.json(), fc.string({ unit: 'binary', maxLength: 100 }), fc.constant(JSON.stringify(base).slice(0, 200)));

/** A refusal lists located problems; an accepted file can be loaded and answered (its layout builds). */
function expectSound(result: ImportResult, questionnaires: ReturnType<typeof createQuestionnaireService>) {
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) expect(p).toEqual({ file: 'hostile.json', path: expect.stringMatching(/.+/), message: expect.stringMatching(/.+/) });
    return;
  }
  const loaded = questionnaires.load(result.id, result.version);
  expect(loaded).toBeDefined();
  expect(() => validateAnswers(loaded!.definition, {}, { hidden: 'reject' })).not.toThrow();
}

describe('questionnaire import with hostile files', () => {
  test('when the file is mutated or random, then importText never throws and returns located problems or a loadable version', () => {
    const questionnaires = createQuestionnaireService(buildTestDb());
    fc.assert(
      fc.property(anyText, (text) => {
        let result: ImportResult | undefined;
        expect(() => (result = questionnaires.importText(text, 'hostile.json'))).not.toThrow();
        expectSound(result!, questionnaires);
      }),
      { numRuns: 250 },
    );
  });

  test.each([
    ['competence scales of 12 points', (q: QuestionnaireInput) => q.competenceScales!.importance.points.push(...Array.from({ length: 7 }, (_, i) => ({ en: `I${i + 6}` }))), 'competenceScales.importance.points'],
    ['a single choice with 256 options', (q: QuestionnaireInput) => Object.assign(q.pages[0]!.questions[1]!, { options: Array.from({ length: 256 }, (_, i) => ({ id: `o${i}`, label: { en: `O${i}` } })) }), 'pages[0].questions[1].options'],
  ])('when a file has %s, which the coded layout cannot hold, then the import refuses it at that place', (_name, change, path) => {
    const q = JSON.parse(JSON.stringify(base)) as QuestionnaireInput;
    change(q);
    const result = createQuestionnaireService(buildTestDb()).importText(JSON.stringify(q), 'hostile.json');
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([path]);
  });

  test('when an admin posts hostile files to the import API and form, then never a 5xx and refusals say where', async () => {
    const { db, agent } = buildTestApp();
    addUser(db, 'admin@example.org', 'admin');
    const token = tokenFor(db, 'admin@example.org');
    const browser = agent();
    await signIn(browser, 'admin@example.org');
    const csrf = await csrfOf(browser, '/admin/import');
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const api = await agent().post('/api/admin/questionnaires').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(text);
        expect(api.status).toBeLessThan(500);
        if (api.status >= 400) expect(api.body.error).toEqual({ code: expect.any(String), message: expect.any(String), issues: expect.any(Array) });
        else expect(api.body.ok).toBe(true);
        const form = await browser.post('/admin/import').type('form').send({ _csrf: csrf, questionnaire: text, file: 'hostile.json' });
        expect(form.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
