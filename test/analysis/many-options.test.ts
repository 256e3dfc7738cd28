import { QuestionnaireSchema } from '../../src/questionnaires/schema';
import { buildTestDb } from '../helpers/app';
import { buildQuestionnaire } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { buildReport } from './scale-check';

const options = Array.from({ length: 255 }, (_, i) => ({ id: `o${i + 1}`, label: { en: `Option ${i + 1}` } }));

describe('questions with 255 options', () => {
  test('when single and multiple choice questions offer 255 options, then every option is counted, the last included', () => {
    const base = buildQuestionnaire();
    const q = QuestionnaireSchema.parse({
      ...base,
      pages: [{ ...base.pages[0], questions: [...base.pages[0]!.questions, { id: 'one', type: 'single', label: { en: 'One' }, options }, { id: 'many', type: 'multiple', label: { en: 'Many' }, options }] }, base.pages[1]],
    });
    const db = buildTestDb(q);
    const chosen = [1, 8, 9, 128, 200, 254, 255];
    seedResponses(
      db,
      q.id,
      Array.from({ length: 70 }, (_, i) => ({ answers: { country: 'BG', role: 'volunteer', fac_1: 'na', fac_2: 'na', one: `o${chosen[i % 7]}`, many: chosen.filter((_, k) => k !== i % 7).map((c) => `o${c}`) } })),
    );
    const report = buildReport(db, q.id, { groupBy: 'one' });
    const one = report.frequencies.find((f) => f.questionId === 'one')!;
    const many = report.frequencies.find((f) => f.questionId === 'many')!;
    expect(one.options).toHaveLength(255);
    expect(many.options).toHaveLength(255);
    for (let k = 1; k <= 255; k++) {
      expect(one.options[k - 1]!.count).toBe(chosen.includes(k) ? 10 : 0);
      expect(many.options[k - 1]!.count).toBe(chosen.includes(k) ? 60 : 0);
    }
    expect(report.comparison!.columns.map((c) => c.key)).toEqual(chosen.map((c) => `o${c}`));
    db.close();
  });
});
