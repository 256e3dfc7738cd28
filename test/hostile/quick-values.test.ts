import fs from 'node:fs';
import fc from 'fast-check';
import { quickValues, validateAnswers, valueSchema } from '../../src/questionnaires/answers';
import { parseQuestionnaire, type Question } from '../../src/questionnaires/schema';
import { buildQuestionnaire, DEFAULT_QUESTIONNAIRE_FILE } from '../helpers/factories';

const shipped = parseQuestionnaire(fs.readFileSync(DEFAULT_QUESTIONNAIRE_FILE, 'utf8'), 'youth-worker-tna.json');
if (!shipped.ok) throw new Error('the shipped questionnaire is invalid');
const questions: Question[] = [shipped.questionnaire, buildQuestionnaire()]
  .flatMap((q) => q.pages.flatMap((p) => p.questions))
  .filter((q) => quickValues[q.type] !== undefined);

const quick = (q: Question, v: unknown) => (quickValues[q.type] as (q: Question, v: unknown) => unknown)(q, v);

/** Values near the valid ones (ratings, ids, scale points) and anything at all. */
const candidates = fc.oneof(
  fc.anything(),
  fc.constantFrom('na', 'NA', 'other', 'BG', '', ' BG', 'paid', 'c1_2', 0, 1, 5, 6, 1.5, -1, '3', null, [], ['BG']),
  fc.record({ importance: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.double(), fc.string()), proficiency: fc.integer({ min: -1, max: 7 }) }, { requiredKeys: [] }),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.string()).map(([i, p, k]) => ({ importance: i, proficiency: p, [k]: 1 })),
);

describe('quick answer checks', () => {
  test('when a quick check accepts a value, then the zod schema accepts it with exactly the same result', () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), candidates, (question, value) => {
        const fast = quick(question, value);
        if (fast === undefined) return;
        const parsed = valueSchema(question).safeParse(value);
        expect(parsed.success).toBe(true);
        expect(fast).toStrictEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  test('when valid answers are validated, then common values take the quick path and the result is the one zod gives', () => {
    const q = buildQuestionnaire();
    const answers = { country: 'BG', role: 'paid', fac_1: { importance: 5, proficiency: 1 }, fac_2: 'na', interest: 3 };
    for (const [id, value] of Object.entries(answers)) expect(quick(q.pages.flatMap((p) => p.questions).find((x) => x.id === id)!, value)).toEqual(value);
    expect(validateAnswers(q, answers, { hidden: 'reject' })).toEqual({ ok: true, answers });
  });
});
