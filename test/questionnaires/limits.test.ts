import { parseQuestionnaire } from '../../src/questionnaires/schema';
import { buildLayout, encodeAnswers } from '../../src/questionnaires/codebook';
import { validateAnswers } from '../../src/questionnaires/answers';
import type { QuestionnaireInput } from '../../src/questionnaires/schema';
import { buildQuestionnaire } from '../helpers/factories';

const scale = (points: number, prefix: string) => ({ label: { en: prefix }, points: Array.from({ length: points }, (_, i) => ({ en: `${prefix}${i + 1}` })) });
const scales = (importance: number, proficiency = importance) => ({ importance: scale(importance, 'I'), proficiency: scale(proficiency, 'P'), notApplicable: { en: 'n/a' } });

/** A questionnaire with one area of `items` competence items on `points`-point scales. */
function withItems(items: number, points: number, extra: Partial<QuestionnaireInput> = {}): string {
  const base = buildQuestionnaire();
  return JSON.stringify({
    ...base,
    competenceScales: scales(points),
    pages: [base.pages[0], { id: 'competences', title: { en: 'Competences' }, questions: Array.from({ length: items }, (_, i) => ({ id: `item_${i + 1}`, type: 'competence', area: 'facilitating', label: { en: `Item ${i + 1}` } })) }],
    ...extra,
  });
}

const problemsOf = (text: string) => {
  const result = parseQuestionnaire(text, 'form.json');
  return result.ok ? [] : result.problems;
};

describe('questionnaire limits', () => {
  test.each([3, 4, 6, 7, 10, 11])('when the competence scales have %i points, then the questionnaire imports', (points) => {
    expect(problemsOf(withItems(4, points))).toEqual([]);
  });

  test.each([
    [2, 'competenceScales.importance.points', /at least 3 points/],
    [12, 'competenceScales.importance.points', /at most 11 points/],
  ])('when the competence scales have %i points, then the import is refused at %s', (points, path, message) => {
    const problems = problemsOf(withItems(4, points));
    expect(problems).toContainEqual({ file: 'form.json', path, message: expect.stringMatching(message) });
  });

  test('when importance and proficiency have different lengths, then the import is refused at the proficiency points', () => {
    const base = JSON.parse(withItems(4, 7)) as QuestionnaireInput;
    const problems = problemsOf(JSON.stringify({ ...base, competenceScales: scales(7, 5) }));
    expect(problems).toEqual([
      { file: 'form.json', path: 'competenceScales.proficiency.points', message: 'has 5 points but the importance scale has 7: both scales must have the same number of points' },
    ]);
  });

  test('when an area has 40 items on an 11-point scale, then it imports and its sums take two bytes', () => {
    const result = parseQuestionnaire(withItems(40, 11), 'form.json');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const layout = buildLayout(result.questionnaire);
    expect(layout.points).toBe(11);
    expect(layout.areas).toEqual([expect.objectContaining({ id: 'facilitating', width: 2 })]);
    expect(layout.areas[0]!.items).toHaveLength(40);
    const answers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`item_${i + 1}`, { importance: 11, proficiency: 1 + (i % 11) }]));
    const checked = validateAnswers(result.questionnaire, { country: 'BG', role: 'paid', ...answers }, { hidden: 'reject' });
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const codes = encodeAnswers(layout, checked.answers);
    const at = layout.areas[0]!.offset;
    const value = (k: number) => codes[at + 2 * k]! | (codes[at + 2 * k + 1]! << 8);
    const proficiencySum = Array.from({ length: 40 }, (_, i) => 1 + (i % 11)).reduce((a, b) => a + b, 0);
    expect([value(0), value(1), value(2)]).toEqual([40, 440, proficiencySum]);
    expect(codes[layout.byId.get('item_1')!.offset]).toBe(11 * 12 + 1);
  });

  test('when the default 5-point layout is built, then pair codes and area bytes are the ones stored before scales could vary', () => {
    const q = buildQuestionnaire();
    const layout = buildLayout(q);
    expect(layout.points).toBe(5);
    expect(layout.areas).toEqual([{ id: 'facilitating', offset: layout.size - 3, width: 1, items: [layout.byId.get('fac_1')!.offset, layout.byId.get('fac_2')!.offset] }]);
    const codes = encodeAnswers(layout, { fac_1: { importance: 5, proficiency: 2 }, fac_2: { importance: 3, proficiency: 3 } });
    expect(codes[layout.byId.get('fac_1')!.offset]).toBe(5 * 6 + 2);
    expect(Array.from(codes.subarray(layout.size - 3))).toEqual([2, 8, 5]);
  });

  test('when a single question has 255 options, then it imports; 256 are refused at its options', () => {
    const base = buildQuestionnaire();
    const single = (n: number) => ({ id: 'big', type: 'single', label: { en: 'Big' }, options: Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, label: { en: `Option ${i + 1}` } })) });
    const text = (n: number) => JSON.stringify({ ...base, pages: [{ ...base.pages[0], questions: [...base.pages[0]!.questions, single(n)] }, base.pages[1]] });
    expect(problemsOf(text(255))).toEqual([]);
    expect(problemsOf(text(256))).toContainEqual({ file: 'form.json', path: 'pages[0].questions[4].options', message: 'has 256 choices, at most 255 are possible' });
  });

  test.each([2, 11])('when a likert question has %i points, then it imports', (points) => {
    const base = buildQuestionnaire();
    const likert = { id: 'agree', type: 'likert', label: { en: 'Agree' }, points: Array.from({ length: points }, (_, i) => ({ en: `${i + 1}` })) };
    expect(problemsOf(JSON.stringify({ ...base, pages: [base.pages[0], { ...base.pages[1], questions: [...base.pages[1]!.questions, likert] }] }))).toEqual([]);
  });
});
