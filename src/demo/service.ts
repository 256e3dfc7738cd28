import type { Db } from '../shared/db';
import { hashCode, randomCode, randomId } from '../shared/crypto';
import { validateAnswers } from '../questionnaires/answers';
import { encodeAnswers } from '../questionnaires/codebook';
import type { QuestionnaireService } from '../questionnaires/service';
import { createResponseRepo } from '../responses/repo';
import { createSurveyRepo } from '../surveys/repo';
import type { SurveyService } from '../surveys/service';
import { createDemoGenerator, DEMO_PARTNERS, seededRandom } from './generator';
import { createSegmentStore } from '../analysis/segments';
import { createDemoRepo } from './repo';

export interface DemoOptions {
  surveyId: string;
  responses: number;
  seed: number;
  /** Called every few hundred responses, for a progress bar. */
  onProgress?: (done: number) => void;
}

/**
 * Loads synthetic responses into a survey, marked `is_demo` on every row and on the survey, with one collector
 * per partner (people invited, consents that did not complete). Refuses a survey that holds real responses.
 */
export function createDemoService(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService }) {
  const responses = createResponseRepo(db);
  const surveyRepo = createSurveyRepo(db);
  const demo = createDemoRepo(db);

  function load(options: DemoOptions): { inserted: number } {
    const survey = deps.surveys.find(options.surveyId);
    if (!survey) throw new Error(`unknown survey "${options.surveyId}"`);
    if (demo.realCount(options.surveyId) > 0) throw new Error(`survey "${options.surveyId}" holds real responses; load demo data into another survey`);
    const generator = createDemoGenerator(survey.current.definition, options.seed);
    const random = seededRandom(options.seed + 1);
    const perCollector = new Map<string, number>();
    db.transaction(() => {
      demo.markDemo(options.surveyId);
      for (let i = 0; i < options.responses; i++) {
        const demo = generator.next();
        const checked = validateAnswers(survey.current.definition, demo.answers, { hidden: 'reject' });
        if (!checked.ok) throw new Error(`generated an invalid response: ${JSON.stringify(checked.issues.slice(0, 3))}`);
        responses.insert({
          publicId: randomId(),
          surveyId: options.surveyId,
          version: survey.current.version,
          collectorId: demo.collector,
          lang: demo.lang,
          erasureHash: hashCode(randomCode()),
          isDemo: true,
          answers: JSON.stringify(checked.answers),
          codes: encodeAnswers(survey.current.layout, checked.answers),
        });
        perCollector.set(demo.collector, (perCollector.get(demo.collector) ?? 0) + 1);
        if (i % 500 === 499) options.onProgress?.(i + 1);
      }
      for (const partner of DEMO_PARTNERS) {
        const completed = perCollector.get(partner.collector) ?? 0;
        const started = Math.round(completed * (1.08 + random() * 0.2));
        surveyRepo.saveCollector(options.surveyId, { id: partner.collector, label: partner.label, invited: Math.round(started * (1.2 + random() * 0.8)) });
        for (let s = 0; s < started; s++) surveyRepo.recordStart(options.surveyId, partner.collector);
      }
    })();
    createSegmentStore(db).seal(options.surveyId, survey.current.version);
    options.onProgress?.(options.responses);
    return { inserted: options.responses };
  }

  return { load, clear: (surveyId: string) => demo.clearDemo(surveyId) };
}
