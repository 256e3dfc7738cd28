import { validateAnswers } from '../../src/questionnaires/answers';
import { conditionHolds } from '../../src/questionnaires/conditions';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';

const q = buildQuestionnaire();
const issueKeys = (input: unknown, hidden: 'reject' | 'drop' = 'reject') => {
  const result = validateAnswers(q, input, { hidden });
  return result.ok ? [] : result.issues.map((i) => `${i.questionId}:${i.key}`);
};

describe('derived answer validation', () => {
  test('when every answer is valid, then the cleaned answers are returned with text trimmed', () => {
    const result = validateAnswers(q, validAnswers({ comment: '  hello  ' }), { hidden: 'reject' });
    expect(result).toEqual({ ok: true, answers: validAnswers({ comment: 'hello' }) });
  });

  test.each([
    ['a required question is missing', { country: undefined }, ['country:required']],
    ['a competence item has no rating', { fac_1: undefined }, ['fac_1:rate_or_na']],
    ['a competence item has one rating only', { fac_1: { importance: 4 } }, ['fac_1:rate_both']],
    ['a rating is out of range', { fac_1: { importance: 6, proficiency: 2 } }, ['fac_1:invalid_rating']],
    ['a rating is a string', { fac_1: { importance: '5', proficiency: 2 } }, ['fac_1:invalid_rating']],
    ['an option does not exist', { role: 'boss' }, ['role:invalid_option']],
    ['a country is not offered', { country: 'US' }, ['country:invalid_option']],
    ['a multiple choice is not a list', { settings: 'centre' }, ['settings:not_a_list']],
    ['a multiple choice repeats an option', { settings: ['centre', 'centre'] }, ['settings:duplicate_choice']],
    ['a number is above max', { hours: 81 }, ['hours:too_big']],
    ['a number is not whole', { hours: 2.5 }, ['hours:not_an_integer']],
    ['a likert point is outside the scale', { interest: 4 }, ['interest:invalid_scale_point']],
    ['a text is too long', { comment: 'x'.repeat(51) }, ['comment:too_long']],
    ['a text has a lone surrogate', { comment: 'a\ud800b' }, ['comment:invalid_text']],
    ['an unknown question is answered', { nope: 1 }, ['nope:unknown_question']],
    ['a __proto__ key is sent', JSON.parse('{"__proto__": {"x": 1}}'), ['__proto__:unknown_question']],
  ])('when %s, then it is reported', (_name, change, expected) => {
    const input = { ...validAnswers(), ...change } as Record<string, unknown>;
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete input[k];
    expect(issueKeys(input)).toEqual(expected);
  });

  test('when a hidden question is answered through the API, then it is rejected', () => {
    expect(issueKeys(validAnswers({ role: 'volunteer', hours: 10 }))).toEqual(['hours:hidden_question']);
  });

  test('when a hidden question is answered in the web form, then the answer is dropped', () => {
    const result = validateAnswers(q, validAnswers({ role: 'volunteer', hours: 10 }), { hidden: 'drop' });
    expect(result.ok && result.answers.hours).toBeUndefined();
  });

  test('when only one page is validated, then other pages are not required', () => {
    const result = validateAnswers(q, { country: 'SI', role: 'volunteer' }, { only: new Set(['country', 'role', 'hours', 'settings']), hidden: 'drop' });
    expect(result.ok).toBe(true);
  });

  test('when the input is not an object, then one clear issue is returned', () => {
    expect(issueKeys([1, 2])).toEqual([':answers_not_object']);
  });
});

describe('showIf conditions', () => {
  test.each([
    [{ question: 'a', equals: 'x' }, { a: 'x' }, true],
    [{ question: 'a', equals: 'x' }, { a: 'y' }, false],
    [{ question: 'a', equals: 'x' }, { a: ['y', 'x'] }, true],
    [{ question: 'a', in: ['x', 'z'] }, { a: 'z' }, true],
    [{ question: 'a', in: ['x', 'z'] }, { a: ['y'] }, false],
    [{ question: 'a', in: [3] }, { a: 3 }, true],
    [{ question: 'a', answered: true }, { a: '' }, false],
    [{ question: 'a', answered: true }, { a: 'na' }, true],
    [{ question: 'a', answered: false }, {}, true],
  ])('when the condition is %j and answers are %j, then it holds: %s', (condition, answers, expected) => {
    expect(conditionHolds(condition as never, answers as never)).toBe(expected);
  });
});
