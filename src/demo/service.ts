import type { Db } from '../shared/db';
import { hashCode, randomCode, randomId } from '../shared/crypto';
import { validateAnswers } from '../questionnaires/answers';
import { encodeAnswers } from '../questionnaires/codebook';
import type { QuestionnaireService } from '../questionnaires/service';
import { createResponseRepo } from '../responses/repo';
import { createSurveyRepo } from '../surveys/repo';
import type { SurveyService } from '../surveys/service';
import type { AuthService } from '../auth/service';
import { createDemoGenerator, DEMO_PARTNERS, seededRandom } from './generator';
import { createSegmentStore } from '../analysis/segments';
import { createDemoRepo, type DemoRemoved } from './repo';

export interface DemoOptions {
  surveyId: string;
  responses: number;
  seed: number;
  /** Called every few hundred responses, for a progress bar. */
  onProgress?: (done: number) => void;
}

/** The survey `needsmap demo` fills for `surveyId`: a survey of its own, next to the live one. */
export const demoSurveyId = (surveyId: string) => `${surveyId}-demo`;

/**
 * Demo data never touches a live survey: `prepare` creates a demo survey next to it (same questionnaire and
 * settings, closed to respondents, marked `is_demo` and `demo_of`), `load` fills it with synthetic responses, one
 * collector per partner and consents that did not complete, and `clear` removes everything it created. Loading and
 * clearing are written to the audit log (as "cli" unless an actor is given).
 */
export function createDemoService(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService; audit?: AuthService['audit'] }) {
  const responses = createResponseRepo(db);
  const surveyRepo = createSurveyRepo(db);
  const demo = createDemoRepo(db);
  const audit = deps.audit ?? (() => undefined);

  const find = (surveyId: string) => {
    const survey = deps.surveys.find(surveyId);
    if (!survey) throw new Error(`unknown survey "${surveyId}"`);
    return survey;
  };

  /** The demo survey of `surveyId`, created when missing (a demo survey is its own). */
  function prepare(surveyId: string): { surveyId: string; created: boolean } {
    const base = find(surveyId);
    if (base.row.is_demo === 1) return { surveyId, created: false };
    const id = demoSurveyId(surveyId);
    const existing = deps.surveys.find(id);
    if (existing && existing.row.demo_of === surveyId) return { surveyId: id, created: false };
    if (existing) throw new Error(`a survey "${id}" exists and is not the demo survey of "${surveyId}"`);
    demo.createDemoSurvey(id, base.row, new Date().toISOString());
    audit('cli', 'demo.create', id, `demo survey of ${surveyId}`);
    return { surveyId: id, created: true };
  }

  /**
   * Fills a demo survey (or a survey nobody has used yet, which then becomes one) with `responses` synthetic
   * responses. Refuses a survey in use and one that already holds demo data.
   */
  function load(options: DemoOptions, actor: Parameters<AuthService['audit']>[0] = 'cli'): { inserted: number } {
    const survey = find(options.surveyId);
    if (demo.realCount(options.surveyId) > 0) throw new Error(`survey "${options.surveyId}" holds real responses; load demo data into a survey of its own: needsmap demo --survey ${options.surveyId}`);
    if (survey.row.is_demo !== 1 && demo.inUse(options.surveyId)) throw new Error(`survey "${options.surveyId}" is in use; load demo data into a survey of its own: needsmap demo --survey ${options.surveyId}`);
    if (demo.demoCount(options.surveyId) > 0) throw new Error(`survey "${options.surveyId}" already holds demo data; remove it first: needsmap demo --clear --survey ${survey.row.demo_of ?? options.surveyId}`);
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
      audit(actor, 'demo.load', options.surveyId, `${options.responses} responses, seed ${options.seed}`);
    })();
    createSegmentStore(db).seal(options.surveyId, survey.current.version);
    options.onProgress?.(options.responses);
    return { inserted: options.responses };
  }

  /**
   * Removes the demo data of `surveyId` (the live survey or its demo survey): a demo survey created by `prepare`
   * goes entirely; from a survey that became one by `load`, the demo responses and the demo partners' collectors and
   * consents. Nothing when there is none.
   */
  function clear(surveyId: string, actor: Parameters<AuthService['audit']>[0] = 'cli'): DemoRemoved & { surveyId: string } {
    const named = find(surveyId);
    const targetId = named.row.is_demo === 1 ? surveyId : demoSurveyId(surveyId);
    const target = deps.surveys.find(targetId);
    if (!target || target.row.is_demo !== 1 || (targetId !== surveyId && target.row.demo_of !== surveyId)) {
      return { surveyId, responses: 0, starts: 0, collectors: 0, surveyDeleted: false };
    }
    if (demo.realCount(targetId) > 0) throw new Error(`survey "${targetId}" holds real responses: demo --clear removes demo data only; delete them first`);
    const removed = target.row.demo_of ? demo.deleteDemoSurvey(targetId) : demo.deleteDemoData(targetId, DEMO_PARTNERS.map((p) => p.collector));
    audit(actor, 'demo.clear', targetId, `${removed.responses} responses, ${removed.collectors} collectors, ${removed.starts} consents${removed.surveyDeleted ? ', the demo survey' : ''}`);
    return { surveyId: targetId, ...removed };
  }

  return { prepare, load, clear };
}
