import { createDemoGenerator, DEMO_PARTNERS } from '../../src/demo/generator';
import type { Questionnaire } from '../../src/questionnaires/schema';
import { validateAnswers } from '../../src/questionnaires/answers';
import { scaleQuestionnaire } from '../analysis/scale-data';

describe('demo generator on other scale lengths', () => {
  test.each([
    [7, 7],
    [11, 2],
    [3, 11],
  ])('when the competence scales have %i points and the Likert question %i, then every answer is valid and both ends of the scales are used', (points, likertPoints) => {
    const base = scaleQuestionnaire({ points, likertPoints });
    // the demo partners' countries, which the generator answers with
    const countries = [...new Set(DEMO_PARTNERS.map((p) => p.country))];
    const q: Questionnaire = { ...base, pages: base.pages.map((page) => ({ ...page, questions: page.questions.map((x) => (x.type === 'country' ? { ...x, countries } : x)) })) };
    const generator = createDemoGenerator(q, 3);
    const ratings = new Set<number>();
    const likert = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const { answers } = generator.next();
      const checked = validateAnswers(q, answers, { hidden: 'reject' });
      if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
      for (const value of Object.values(answers)) if (typeof value === 'object' && !Array.isArray(value)) ratings.add(value.importance).add(value.proficiency);
      if (typeof answers.agree === 'number') likert.add(answers.agree);
    }
    expect(Math.min(...ratings)).toBe(1);
    expect(Math.max(...ratings)).toBe(points);
    expect(Math.max(...likert)).toBeLessThanOrEqual(likertPoints);
    expect(likert.size).toBeGreaterThan(1);
  });
});
