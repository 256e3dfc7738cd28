import { buildDemoDb } from '../reporting/pdf/demo-report';
import { createAnalysisService } from '../../src/analysis/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import type { Db } from '../../src/shared/db';

/**
 * Cronbach's alpha combines item variances and the variance of their total. Perturbed independently, those tables no
 * longer fit together (a review found alpha = 1.02 and -1.69 in a demo report); alpha is therefore computed from the
 * exact sums and published to two decimals, while the number of complete cases stays a perturbed count.
 */
const report = (db: Db, perturb: boolean, filters: { questionId: string; values: string[] }[] = []) => {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb }).build({ surveyId: 'youth-worker-tna', viewer: { freeText: 'none' }, filters });
};

describe("Cronbach's alpha under disclosure control", () => {
  const db = buildDemoDb(400, 11);
  const selections = [[], [{ questionId: 'country', values: ['BG', 'ES', 'IT'] }]];

  test.each(selections.map((f) => [JSON.stringify(f), f] as const))('when a report is perturbed (%s), then every alpha is the exact one to two decimals and never above 1', (_, filters) => {
    const perturbed = report(db, true, filters);
    const exact = report(db, false, filters);
    expect(perturbed.areas.length).toBeGreaterThan(0);
    perturbed.areas.forEach((area, a) => {
      const truth = exact.areas[a]!.alpha;
      for (const scale of ['importance', 'proficiency'] as const) {
        const shown = area.alpha[scale];
        if (shown === null) continue;
        expect(shown).toBeLessThanOrEqual(1);
        expect(shown).toBe(Math.round(truth[scale]! * 100) / 100);
      }
    });
  });

  test('when a report is perturbed, then the number of complete cases behind alpha is the perturbed one, not the exact one', () => {
    const perturbed = report(db, true);
    const exact = report(db, false);
    const differs = perturbed.areas.some((area, a) => area.alpha.n !== exact.areas[a]!.alpha.n);
    expect(differs).toBe(true);
  });
});
