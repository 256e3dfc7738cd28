import { buildTestApp } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { csrfFrom } from '../helpers/forms';
import { seedResponses } from '../helpers/seed';
import { createSurveyService } from '../../src/surveys/service';
import { planQuestionnaire, planResponses } from '../plan/fixtures';

const SURVEY = 'test-survey';
const PAGE = `/admin/surveys/${SURVEY}/outcomes`;

async function setUp() {
  const built = buildTestApp(planQuestionnaire());
  const surveys = createSurveyService(built.db);
  surveys.saveCollector(SURVEY, { id: 'sofia', label: 'Sofia youth centre', invited: 40 });
  surveys.saveCollector(SURVEY, { id: 'rome', label: 'Rome network', invited: 36 });
  seedResponses(built.db, SURVEY, [...planResponses('sofia', 22, 1), ...planResponses('rome', 21, 2)]);
  addUser(built.db, 'admin@example.org', 'admin');
  addUser(built.db, 'sofia@example.org', 'coordinator', { scopes: [`${SURVEY}/sofia`] });
  addUser(built.db, 'reader@example.org', 'researcher', { canReadFreeText: true });
  const agents = { admin: built.agent(), coordinator: built.agent(), researcher: built.agent() };
  await signIn(agents.admin, 'admin@example.org');
  await signIn(agents.coordinator, 'sofia@example.org');
  await signIn(agents.researcher, 'reader@example.org');
  const post = async (agent: ReturnType<typeof built.agent>, action: string, fields: Record<string, string>, lang = 'en') => {
    const token = csrfFrom((await agent.get(PAGE).set('Accept-Language', lang)).text);
    return agent.post(action).set('Accept-Language', lang).type('form').send(new URLSearchParams({ _csrf: token, ...fields }).toString());
  };
  const stored = () => built.db.prepare('SELECT collector_id, measure, count FROM collector_outcomes ORDER BY collector_id, measure').all();
  const audit = (action: string) => built.db.prepare('SELECT actor, target, detail FROM audit_log WHERE action = ? ORDER BY id').all(action);
  return { ...built, agents, post, stored, audit };
}

async function withOutcomes() {
  const s = await setUp();
  const res = await s.post(s.agents.admin, `${PAGE}/names`, { outcomes: 'Projects submitted\nProjects approved\n' });
  expect(res.status).toBe(303);
  return s;
}

describe('outcome funnel', () => {
  test('when an admin lists the survey\'s outcomes, then they are stored in order with readable ids, audited', async () => {
    const s = await withOutcomes();
    expect(s.db.prepare('SELECT id, label FROM survey_outcomes ORDER BY position').all()).toEqual([
      { id: 'projects_submitted', label: 'Projects submitted' },
      { id: 'projects_approved', label: 'Projects approved' },
    ]);
    expect(s.audit('outcomes.define')).toEqual([{ actor: 'admin@example.org', target: SURVEY, detail: 'projects_submitted, projects_approved' }]);
  });

  test('when a coordinator enters their partner\'s figures, then they are stored, audited and shown as invited → responded → attended → outcomes', async () => {
    const s = await withOutcomes();
    const res = await s.post(s.agents.coordinator, `${PAGE}/counts`, { 'attended.sofia': '12', 'projects_submitted.sofia': '4', 'projects_approved.sofia': '' });
    expect(res.status).toBe(303);
    expect(s.stored()).toEqual([
      { collector_id: 'sofia', measure: 'attended', count: 12 },
      { collector_id: 'sofia', measure: 'projects_submitted', count: 4 },
    ]);
    expect(s.audit('outcomes.counts')).toEqual([{ actor: 'sofia@example.org', target: `${SURVEY}/sofia`, detail: 'attended 12, projects_submitted 4, projects_approved -' }]);
    const page = await s.agents.coordinator.get(PAGE);
    expect(page.status).toBe(200);
    const row = /<tr data-collector="sofia">(.*?)<\/tr>/s.exec(page.text)![1]!;
    // invited 40, responded (perturbed around 22), attended 12, submitted 4, approved not entered
    const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells[0]).toBe('40');
    expect(Math.abs(Number(cells[1]) - 22)).toBeLessThanOrEqual(6);
    expect(cells.slice(2)).toEqual(['12', '4', '–']);
    // the coordinator sees their own partner only, and a form for it alone
    expect(page.text).not.toContain('data-collector="rome"');
    expect(page.text).not.toContain('name="attended.rome"');
    expect(page.text).toContain('name="attended.sofia" value="12"');
  });

  test.each([
    ['a negative number', '-3'],
    ['a fraction', '2.5'],
    ['text', 'twelve'],
    ['too large a number', '1000001'],
  ])('when the form holds %s, then it is refused with a message in the user\'s language and nothing is stored', async (_name, value) => {
    const s = await withOutcomes();
    const res = await s.post(s.agents.coordinator, `${PAGE}/counts`, { 'attended.sofia': '7', 'projects_submitted.sofia': value }, 'bg');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Въведете цяло число от 0 до 1 000 000 или оставете полето празно.');
    expect(res.text).toContain('aria-invalid="true"');
    // what was typed is shown again
    expect(res.text).toContain(`name="projects_submitted.sofia" value="${value}"`);
    expect(s.stored()).toEqual([]);
    expect(s.audit('outcomes.counts')).toEqual([]);
  });

  test('when a coordinator sends a figure for another partner, then nothing is stored; the page of a survey they are not in is 404', async () => {
    const s = await withOutcomes();
    const res = await s.post(s.agents.coordinator, `${PAGE}/counts`, { 'attended.sofia': '5', 'attended.rome': '9' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This field does not belong to a partner you can enter figures for.');
    expect(s.stored()).toEqual([]);
    expect((await s.agents.coordinator.get('/admin/surveys/other-survey/outcomes')).status).toBe(404);
  });

  test('when a researcher tries to enter figures or define outcomes, then it is forbidden', async () => {
    const s = await withOutcomes();
    expect((await s.post(s.agents.researcher, `${PAGE}/counts`, { 'attended.rome': '5' })).status).toBe(403);
    expect((await s.post(s.agents.coordinator, `${PAGE}/names`, { outcomes: 'Anything' })).status).toBe(403);
    expect(s.stored()).toEqual([]);
  });

  test.each([
    ['a name listed twice', 'Projects\nprojects', '“projects” is listed twice.'],
    ['too many outcomes', Array.from({ length: 11 }, (_, i) => `Outcome ${i}`).join('\n'), 'List at most 10 outcomes.'],
    ['too long a name', 'x'.repeat(81), 'Each outcome needs a name of 1 to 80 characters.'],
  ])('when the outcome list has %s, then it is refused and the old list stays', async (_name, outcomes, message) => {
    const s = await withOutcomes();
    const res = await s.post(s.agents.admin, `${PAGE}/names`, { outcomes });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(s.db.prepare('SELECT count(*) AS n FROM survey_outcomes').get()).toEqual({ n: 2 });
  });

  test('when an outcome is removed from the list, then its figures go and the others stay', async () => {
    const s = await withOutcomes();
    await s.post(s.agents.admin, `${PAGE}/counts`, { 'attended.rome': '9', 'projects_submitted.rome': '3', 'projects_approved.rome': '1' });
    expect((await s.post(s.agents.admin, `${PAGE}/names`, { outcomes: 'Projects approved' })).status).toBe(303);
    expect(s.stored()).toEqual([
      { collector_id: 'rome', measure: 'attended', count: 9 },
      { collector_id: 'rome', measure: 'projects_approved', count: 1 },
    ]);
  });

  test('when the report is asked for, then outcomeFunnel carries every partner for an admin, the own one for a coordinator, and a perturbed overall', async () => {
    const s = await withOutcomes();
    await s.post(s.agents.admin, `${PAGE}/counts`, { 'attended.rome': '9', 'attended.sofia': '12', 'projects_approved.sofia': '2' });
    const asAdmin = (await s.agents.admin.get(`/api/surveys/${SURVEY}/report`)).body.outcomeFunnel;
    expect(asAdmin.outcomes.map((o: { id: string }) => o.id)).toEqual(['projects_submitted', 'projects_approved']);
    expect(asAdmin.rows.map((r: { collector: string }) => r.collector)).toEqual(['rome', 'sofia']);
    expect(asAdmin.overall).toMatchObject({ invited: 76, attended: 21, outcomes: [null, 2] });
    expect(Math.abs(asAdmin.overall.responded - 43)).toBeLessThanOrEqual(6);
    const asCoordinator = (await s.agents.coordinator.get(`/api/surveys/${SURVEY}/report`)).body.outcomeFunnel;
    expect(asCoordinator.rows.map((r: { collector: string }) => r.collector)).toEqual(['sofia']);
  });
});
