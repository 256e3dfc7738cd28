import { readConstraint, readRelevant, writeRelevant, type Resolve, type Target } from '../../src/xlsform/logic';

const targets: Record<string, Target> = {
  role: { id: 'role', name: 'Role', type: 'single', options: new Map([['paid', 'paid'], ['1', 'o1'], ['o1', 'o1']]) },
  tags: { id: 'tags', name: 'tags', type: 'multiple', options: new Map([['a', 'a'], ['b', 'b']]) },
  mood: { id: 'mood', name: 'mood', type: 'likert', points: new Map([['low', 1], ['mid', 2], ['high', 3]]), pointCount: 3 },
  age: { id: 'age', name: 'age', type: 'number' },
  home: { id: 'home', name: 'home', type: 'country' },
};
// As in the survey sheet, a name is found as written or as its id ("Role" → role).
const resolve: Resolve = (name) => targets[name] ?? targets[name.toLowerCase()] ?? (name === 'later_one' ? 'later' : undefined);

describe('relevant expressions', () => {
  test.each([
    ["${Role} = 'paid'", { question: 'role', equals: 'paid' }],
    ["'paid' = ${Role}", { question: 'role', equals: 'paid' }],
    ['${Role} = "paid"', { question: 'role', equals: 'paid' }],
    ["${Role} = '1'", { question: 'role', equals: 'o1' }],
    ["selected(${tags}, 'b')", { question: 'tags', equals: 'b' }],
    ["(selected(${tags}, 'a') or selected(${tags}, 'b'))", { question: 'tags', in: ['a', 'b'] }],
    ["${Role} = 'paid' or ${Role} = '1'", { question: 'role', in: ['paid', 'o1'] }],
    ["${mood} = 'high'", { question: 'mood', equals: 3 }],
    ['${mood} = 2', { question: 'mood', equals: 2 }],
    ["${age} = '18'", { question: 'age', equals: 18 }],
    ['${age} = -2.5', { question: 'age', equals: -2.5 }],
    ["${home} = 'bg'", { question: 'home', equals: 'BG' }],
    ["${age} != ''", { question: 'age', answered: true }],
    ["${age} = ''", { question: 'age', answered: false }],
    ['string-length(${age}) > 0', { question: 'age', answered: true }],
    ['string-length(${age}) = 0', { question: 'age', answered: false }],
  ])('when relevant is %s, then the condition is %j', (text, condition) => {
    expect(readRelevant(text, resolve)).toEqual({ ok: true, value: condition });
  });

  test.each([
    ['${age} > 18', 'expressionUnsupported'],
    ["${age} = 1 and ${Role} = 'paid'", 'expressionUnsupported'],
    ["not(selected(${tags}, 'a'))", 'expressionUnsupported'],
    ["${age} = 1 or ${Role} = 'paid'", 'expressionUnsupported'],
    ['${age} = ', 'expressionSyntax'],
    ['${age} + 1 = 2', 'expressionSyntax'],
    ["${age} = 'x'", 'referenceNotOption'],
    ['${mood} = 4', 'referenceNotOption'],
    ["${nobody} = 'x'", 'referenceUnknown'],
    ["${later_one} = 'x'", 'referenceLater'],
  ])('when relevant is %s, then it is refused with %s', (text, key) => {
    expect(readRelevant(text, resolve)).toEqual({ ok: false, error: expect.objectContaining({ key }) });
  });

  test('when a condition lists one value, then it is written as equals, which means the same', () => {
    const text = writeRelevant({ question: 'tags', in: ['a'] }, { id: 'tags', type: 'multiple' });
    expect(text).toBe("selected(${tags}, 'a')");
    expect(readRelevant(text, resolve)).toEqual({ ok: true, value: { question: 'tags', equals: 'a' } });
  });
});

describe('constraints', () => {
  test.each([
    ['. >= 0 and . <= 80', 'integer', { min: 0, max: 80 }],
    ['.>=0 and .<=80', 'decimal', { min: 0, max: 80 }],
    ['. > 2 and . < 10', 'integer', { min: 3, max: 9 }],
    ['18 <= .', 'integer', { min: 18 }],
    ['${age} <= 120', 'integer', { max: 120 }],
    ['. = 5', 'decimal', { min: 5, max: 5 }],
    ['. >= 1e-7', 'decimal', { min: 1e-7 }],
    ['string-length(.) <= 200', 'text', { maxLength: 200 }],
    ['string-length(.) < 200', 'text', { maxLength: 199 }],
    ['count-selected(.) <= 2', 'multiple', { maxChoices: 2 }],
  ] as const)('when the constraint of a %s question is %s, then the limits are %j', (text, kind, limits) => {
    expect(readConstraint(text, kind, 'age')).toEqual({ ok: true, value: limits });
  });

  test.each([
    ['. > 0', 'decimal', 'constraintStrict'],
    ['. != 3', 'integer', 'constraintUnsupported'],
    ['. >= ${other}', 'integer', 'constraintUnsupported'],
    ['. >= 1 or . <= 0', 'integer', 'constraintUnsupported'],
    ['string-length(.) >= 3', 'text', 'constraintUnsupported'],
    ['string-length(.) <= 20000', 'text', 'constraintRange'],
    ['count-selected(.) <= 0', 'multiple', 'constraintRange'],
    ['. >= 5 and . <= 4', 'integer', 'constraintRange'],
  ] as const)('when the constraint is %s on a %s question, then it is refused with %s', (text, kind, key) => {
    expect(readConstraint(text, kind, 'age')).toEqual({ ok: false, error: expect.objectContaining({ key }) });
  });
});
