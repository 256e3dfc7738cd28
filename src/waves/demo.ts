import type { Db } from '../shared/db';
import type { AuthService } from '../auth/service';
import type { Answers } from '../questionnaires/answers-schema';
import { validateAnswers } from '../questionnaires/answers';
import type { QuestionnaireService } from '../questionnaires/service';
import type { SurveyService } from '../surveys/service';
import { createDemoService } from '../demo/service';
import { seededRandom } from '../demo/generator';
import { createSegmentStore } from '../analysis/segments';
import { createResponseService } from '../responses/service';
import { createPanelHasher } from './panel';
import { createWaveRepo } from './repo';
import { createWaveService } from './service';

export const DEMO_WAVES = [
  { id: 'baseline-2027', label: 'Baseline 2027', opens: '2027-01-15', closes: '2027-03-31' },
  { id: 'after-training-2028', label: 'After training 2028', opens: '2028-01-15', closes: '2028-03-31' },
] as const;

/** Share of follow-up respondents who give the same panel code as at baseline. */
const PANEL_SHARE = 0.6;

/**
 * Demo data in two waves with a visible improvement: the ordinary demo (src/demo) becomes the baseline wave; every
 * baseline respondent answers again in the follow-up wave, after training, with their proficiency raised by one or two
 * points on about half the items (importance unchanged), so gaps narrow; 60 % of them give the same panel code
 * both times, so the paired test has pairs. Everything in the demo survey of its own, as `needsmap demo` does.
 */
export function loadWaveDemo(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService; audit?: AuthService['audit'] }, options: { surveyId: string; responses: number; seed: number }) {
  const demo = createDemoService(db, deps);
  const { surveyId } = demo.prepare(options.surveyId);
  demo.load({ surveyId, responses: options.responses, seed: options.seed });
  const repo = createWaveRepo(db);
  const waves = createWaveService(db, { audit: deps.audit });
  const responses = createResponseService(db);
  const hash = createPanelHasher(db);
  const survey = deps.surveys.find(surveyId)!;
  const definition = survey.current.definition;
  const points = definition.competenceScales?.importance.points.length ?? 5;
  const competences = new Set(definition.pages.flatMap((p) => p.questions.filter((q) => q.type === 'competence').map((q) => q.id)));
  const random = seededRandom(options.seed + 2);
  const paired = Math.round(options.responses * PANEL_SHARE);

  db.transaction(() => {
    for (const w of DEMO_WAVES) waves.save('cli', surveyId, { ...w });
    repo.assignDemo(surveyId, DEMO_WAVES[0].id, 0);
    const baseline = repo.demoRows(surveyId);
    const last = repo.lastId();
    baseline.forEach((row, i) => {
      const code = i < paired ? `demo-${options.seed}-${i}` : undefined;
      if (code) repo.setDemoPanel(row.id, hash(surveyId, code));
      const answers = JSON.parse(row.answers) as Record<string, unknown>;
      for (const id of competences) {
        const a = answers[id];
        if (typeof a !== 'object' || a === null || random() > 0.45) continue;
        const rating = a as { importance: number; proficiency: number };
        answers[id] = { ...rating, proficiency: Math.min(points, rating.proficiency + (random() < 0.15 ? 2 : 1)) };
      }
      const checked = validateAnswers(definition, answers, { hidden: 'reject' });
      if (!checked.ok) throw new Error(`generated an invalid follow-up response: ${JSON.stringify(checked.issues.slice(0, 3))}`);
      responses.submit({ survey, version: survey.current, collectorId: row.collector_id, lang: row.lang, answers: checked.answers as Answers, countStart: false, isDemo: true, panel: code ? { code } : undefined });
    });
    repo.assignDemo(surveyId, DEMO_WAVES[1].id, last);
  })();
  createSegmentStore(db).seal(surveyId, survey.current.version);
  return { surveyId, perWave: options.responses, pairs: paired };
}
