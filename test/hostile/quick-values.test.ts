import fs from 'node:fs';
import fc from 'fast-check';
import { quickValues, validateAnswers, valueSchema } from '../../src/questionnaires/answers';
import { parseQuestionnaire, type Question, type Questionnaire } from '../../src/questionnaires/schema';
import { buildQuestionnaire, DEFAULT_QUESTIONNAIRE_FILE } from '../helpers/factories';

const shipped = parseQuestionnaire(fs.readFileSync(DEFAULT_QUESTIONNAIRE_FILE, 'utf8'), 'youth-worker-tna.json');
if (!shipped.ok) throw new Error('the shipped questionnaire is invalid');
const seven = buildQuestionnaire({
  id: 'seven-points',
  competenceScales: {
    importance: { label: { en: 'Importance' }, points: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ en: `I${n}` })) },
    proficiency: { label: { en: 'Proficiency' }, points: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ en: `P${n}` })) },
    notApplicable: { en: 'Not applicable' },
  },
});
const questions: [Question, Questionnaire][] = [shipped.questionnaire, buildQuestionnaire(), seven]
  .flatMap((q) => q.pages.flatMap((p) => p.questions.map((x): [Question, Questionnaire] => [x, q])))
  .filter(([q]) => quickValues[q.type] !== undefined);

const quick = (q: Question, v: unknown, questionnaire: Questionnaire) => (quickValues[q.type] as (q: Question, v: unknown, questionnaire: Questionnaire) => unknown)(q, v, questionnaire);

/** Values near the valid ones (ratings, ids, scale points) and anything at all. */
const candidates = fc.oneof(
  fc.anything(),
  fc.constantFrom('na', 'NA', 'other', 'BG', '', ' BG', 'paid', 'c1_2', 0, 1, 5, 6, 1.5, -1, '3', null, [], ['BG']),
  fc.record({ importance: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.double(), fc.string()), proficiency: fc.integer({ min: -1, max: 9 }) }, { requiredKeys: [] }),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.string()).map(([i, p, k]) => ({ importance: i, proficiency: p, [k]: 1 })),
);

describe('quick answer checks', () => {
  test('when a quick check accepts a value, then the zod schema accepts it with exactly the same result', () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), candidates, ([question, questionnaire], value) => {
        const fast = quick(question, value, questionnaire);
        if (fast === undefined) return;
        const parsed = valueSchema(question, questionnaire).safeParse(value);
        expect(parsed.success).toBe(true);
        expect(fast).toStrictEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  test('when valid answers are validated, then common values take the quick path and the result is the one zod gives', () => {
    const q = buildQuestionnaire();
    const answers = { country: 'BG', role: 'paid', fac_1: { importance: 5, proficiency: 1 }, fac_2: 'na', interest: 3 };
    for (const [id, value] of Object.entries(answers)) expect(quick(q.pages.flatMap((p) => p.questions).find((x) => x.id === id)!, value, q)).toEqual(value);
    expect(validateAnswers(q, answers, { hidden: 'reject' })).toEqual({ ok: true, answers });
  });

  test('when the competence scales have 7 points, then 6 and 7 are valid ratings and 8 is refused with the scale maximum', () => {
    const answers = { country: 'BG', role: 'paid', fac_1: { importance: 7, proficiency: 6 }, fac_2: 'na' };
    expect(validateAnswers(seven, answers, { hidden: 'reject' })).toEqual({ ok: true, answers });
    expect(validateAnswers(seven, { ...answers, fac_1: { importance: 8, proficiency: 6 } }, { hidden: 'reject' })).toEqual({
      ok: false,
      issues: [{ questionId: 'fac_1', key: 'invalid_rating', params: { max: 7 } }],
    });
    expect(validateAnswers(buildQuestionnaire(), { ...answers, fac_1: { importance: 6, proficiency: 1 } }, { hidden: 'reject' })).toMatchObject({ ok: false, issues: [{ key: 'invalid_rating', params: { max: 5 } }] });
  });
});
