import { buildTestApp, buildTestDb } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { seedResponses } from '../helpers/seed';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createAnalysisService } from '../../src/analysis/service';
import type { TrainingPlan } from '../../src/plan/schema';
import { planQuestionnaire, planResponses, quadrantOne } from './fixtures';

const SURVEY = 'test-survey';
const all = { freeText: 'all' as const };

function analysis(db: ReturnType<typeof buildTestDb>, perturb: boolean) {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb });
}

describe('training plan in the report data', () => {
  const sofia = planResponses('sofia', 30, 1, ['fac_2', 'net_3', 'net_1']);
  const rome = planResponses('rome', 26, 2, ['fac_4']);
  const small = planResponses('tiny', 4, 3, ['fac_1']);

  test('when partners answered, then the plan of each lists exactly its quadrant-I items, by MWDS, in modules by area', () => {
    const db = buildTestDb(planQuestionnaire());
    seedResponses(db, SURVEY, [...sofia, ...rome]);
    const plan = analysis(db, false).build({ surveyId: SURVEY, viewer: all }).trainingPlan!;
    for (const [key, rows] of [['sofia', sofia], ['rome', rome]] as const) {
      const unit = plan.partners.find((p) => p.key === key)!;
      const expected = quadrantOne(rows);
      expect(expected.length).toBeGreaterThan(0);
      expect(unit.status).toBe('shown');
      expect(unit.items.map((i) => i.id)).toEqual(expected);
      // modules: every item once, under its own area, areas ordered by their most urgent need
      expect(unit.modules.flatMap((m) => m.items.map((i) => i.id)).sort()).toEqual([...expected].sort());
      for (const m of unit.modules) expect(m.items.every((i) => i.area === m.area)).toBe(true);
      expect(unit.modules[0]!.items[0]!.id).toBe(expected[0]);
    }
    // the "hot" items the generator made high-importance, low-proficiency are among sofia's first priorities
    expect(plan.partners.find((p) => p.key === 'sofia')!.items.map((i) => i.id)).toEqual(expect.arrayContaining(['fac_2', 'net_3', 'net_1']));
  });

  test('when preferences are recognised by their ids, then each plan counts its own respondents\' answers', () => {
    const db = buildTestDb(planQuestionnaire());
    seedResponses(db, SURVEY, [...sofia, ...rome]);
    const plan = analysis(db, false).build({ surveyId: SURVEY, viewer: all }).trainingPlan!;
    expect(plan.questions).toEqual({ formats: 'formats', barriers: 'barriers', language: 'training_language', international: 'international_interest' });
    const unit = plan.partners.find((p) => p.key === 'sofia')!;
    expect(unit.preferences.map((p) => p.role)).toEqual(['formats', 'barriers', 'language', 'international']);
    const online = sofia.filter((r) => (r.answers.formats as string[] | undefined)?.includes('online')).length;
    expect(online).toBeGreaterThanOrEqual(5);
    expect(unit.preferences[0]!.options.find((o) => o.id === 'online')!.count).toBe(online);
    const bulgarian = sofia.filter((r) => r.answers.training_language === 'lang_bg').length;
    expect(unit.preferences[2]!.options.find((o) => o.id === 'lang_bg')!.count).toBe(bulgarian);
  });

  test('when the report is grouped by a question, then every group of it gets a plan of its own respondents', () => {
    const db = buildTestDb(planQuestionnaire());
    seedResponses(db, SURVEY, [...sofia, ...rome]);
    const plan = analysis(db, false).build({ surveyId: SURVEY, viewer: all, groupBy: 'role' }).trainingPlan!;
    expect(plan.grouping?.id).toBe('role');
    // only groups somebody is in (role is required: nobody is in "no answer")
    expect(plan.grouping!.groups.map((g) => g.key).sort()).toEqual(['paid', 'volunteer']);
    const paid = [...sofia, ...rome].filter((r) => r.answers.role === 'paid');
    expect(paid.length).toBeGreaterThanOrEqual(20);
    expect(plan.grouping!.groups.find((g) => g.key === 'paid')!.items.map((i) => i.id)).toEqual(quadrantOne(paid));
    // partners are still there, counted in the same pass
    expect(plan.partners.find((p) => p.key === 'rome')!.items.map((i) => i.id)).toEqual(quadrantOne(rome));
  });

  test('when a partner has fewer respondents than min_group, then its plan publishes nothing, perturbed or not', () => {
    const db = buildTestDb(planQuestionnaire());
    seedResponses(db, SURVEY, [...sofia, ...rome, ...small]);
    createSurveyService(db).saveCollector(SURVEY, { id: 'unused', label: 'Nobody yet' });
    for (const perturb of [false, true]) {
      const service = analysis(db, perturb);
      const plan: TrainingPlan = service.build({ surveyId: SURVEY, viewer: all }).trainingPlan!;
      for (const key of ['tiny', 'unused']) {
        const unit = plan.partners.find((p) => p.key === key)!;
        expect(unit).toMatchObject({ status: 'small', items: [], modules: [], preferences: [], n: { suppressed: true } });
        expect(JSON.stringify(unit)).not.toMatch(/"mwds"|"count"/);
      }
      // the same decision as the report's comparison by partner: the suppressed small partner makes the smallest
      // shown one withheld too (secondary suppression), which then publishes nothing either
      const comparison = service.build({ surveyId: SURVEY, viewer: all, groupBy: 'collector' }).comparison!;
      for (const group of comparison.groups) {
        const unit = plan.partners.find((p) => p.key === group.key)!;
        expect(unit.status).toBe(group.status === 'shown' ? 'shown' : group.status === 'withheld' ? 'withheld' : 'small');
        if (unit.status !== 'shown') expect(unit.items).toEqual([]);
      }
      expect(plan.partners.filter((p) => p.status === 'shown').length).toBe(1);
    }
  });

  test('when the same report is asked twice with perturbation, then the plan is the same', () => {
    const db = buildTestDb(planQuestionnaire());
    seedResponses(db, SURVEY, [...sofia, ...rome]);
    const service = analysis(db, true);
    expect(service.build({ surveyId: SURVEY, viewer: all }).trainingPlan).toEqual(service.build({ surveyId: SURVEY, viewer: all }).trainingPlan);
  });
});

describe('GET /api/surveys/:id/report trainingPlan', () => {
  test('when a coordinator asks, then only the plans of their own collectors come back; an admin gets every partner', async () => {
    const { db, agent } = buildTestApp(planQuestionnaire());
    seedResponses(db, SURVEY, [...planResponses('sofia', 22, 4, ['fac_1']), ...planResponses('rome', 22, 5, ['net_2'])]);
    addUser(db, 'admin@example.org', 'admin');
    addUser(db, 'sofia@example.org', 'coordinator', { scopes: [`${SURVEY}/sofia`] });
    const admin = agent();
    const coordinator = agent();
    await signIn(admin, 'admin@example.org');
    await signIn(coordinator, 'sofia@example.org');
    const asAdmin = await admin.get(`/api/surveys/${SURVEY}/report?groupBy=role`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.trainingPlan.partners.map((p: { key: string }) => p.key).sort()).toEqual(['rome', 'sofia']);
    const asCoordinator = await coordinator.get(`/api/surveys/${SURVEY}/report?groupBy=role`);
    expect(asCoordinator.status).toBe(200);
    expect(asCoordinator.body.trainingPlan.partners.map((p: { key: string }) => p.key)).toEqual(['sofia']);
    expect(JSON.stringify(asCoordinator.body.trainingPlan.partners)).not.toContain('ROME');
    expect(asCoordinator.body.trainingPlan.grouping.id).toBe('role');
  });
});
