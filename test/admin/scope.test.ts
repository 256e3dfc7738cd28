import request from 'supertest';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { buildQuestionnaire } from '../helpers/factories';
import { buildPartnership, ROME_TEXT, SOFIA_TEXT, SURVEY, tokenFor } from '../helpers/auth';

type Partnership = Awaited<ReturnType<typeof buildPartnership>>;

describe("a coordinator and another partner's responses", () => {
  let p: Partnership;
  beforeAll(async () => {
    p = await buildPartnership();
    createQuestionnaireService(p.db).importText(JSON.stringify(buildQuestionnaire({ id: 'other-survey' })), 'other.json');
  });

  test('when the coordinator lists raw responses, then only their partner is there, with its free text', async () => {
    const res = await p.agents.coordinator.get(`/admin/surveys/${SURVEY}/responses`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(SOFIA_TEXT);
    expect(res.text).not.toContain(ROME_TEXT);
    expect(res.text).not.toContain('Rome network');
  });

  test.each([
    `/admin/surveys/${SURVEY}/responses?collector=rome`,
    `/api/admin/surveys/${SURVEY}/responses?collector=rome`,
    `/api/admin/surveys/${SURVEY}/collectors/rome/responses`,
    `/api/admin/surveys/${SURVEY}/collectors/nowhere/responses`,
    '/admin/surveys/other-survey',
    '/admin/surveys/other-survey/responses',
    '/admin/surveys/other-survey/preview',
    '/api/admin/surveys/other-survey/funnel',
  ])('when the coordinator asks for %s, then 404 with no data and no hint', async (url) => {
    const res = await p.agents.coordinator.get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(ROME_TEXT);
    expect(res.text).not.toContain('Rome');
    expect(res.text).not.toMatch(/rome@|other-survey.*title/i);
  });

  test('when the coordinator uses an API token for the other partner, then it is 404 too', async () => {
    const res = await request(p.app).get(`/api/admin/surveys/${SURVEY}/collectors/rome/responses`).set('Authorization', `Bearer ${tokenFor(p.db, 'sofia@example.org')}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(ROME_TEXT);
  });

  test('when the collector is given twice to slip past the check, then the request is refused without data', async () => {
    const res = await p.agents.coordinator.get(`/api/admin/surveys/${SURVEY}/responses?collector=sofia&collector=rome`);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(ROME_TEXT);
  });

  test('when the coordinator reads the API list, then every row is from their collector', async () => {
    const res = await p.agents.coordinator.get(`/api/admin/surveys/${SURVEY}/responses`);
    expect(res.body.total).toBe(1);
    expect(res.body.rows.map((r: { collectorId: string }) => r.collectorId)).toEqual(['sofia']);
  });

  test('when the coordinator opens the dashboard and the survey page, then only their survey and their partner appear', async () => {
    const dashboard = await p.agents.coordinator.get('/admin');
    expect(dashboard.text).toContain(`/admin/surveys/${SURVEY}`);
    expect(dashboard.text).not.toContain('other-survey');
    const page = await p.agents.coordinator.get(`/admin/surveys/${SURVEY}`);
    expect(page.text).toContain('/c/sofia');
    expect(page.text).not.toContain('/c/rome');
    expect(page.text).not.toContain('Rome network');
  });

  test("when the coordinator asks for the funnel, then it covers only their partner", async () => {
    const res = await p.agents.coordinator.get(`/api/admin/surveys/${SURVEY}/funnel`);
    expect(res.body.rows).toEqual([expect.objectContaining({ id: 'sofia', invited: 20, started: 1, completed: 1, completionRate: 100, responseRate: 5 })]);
    expect(res.body.total).toMatchObject({ started: 1, completed: 1 });
  });
});

describe('free text for researchers', () => {
  let p: Partnership;
  beforeAll(async () => {
    p = await buildPartnership();
  });

  test('when a researcher without the microdata grant asks for raw responses or row exports, then they are refused and nothing leaks', async () => {
    const res = await p.agents.researcher.get(`/admin/surveys/${SURVEY}/responses`);
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/private remark/);
    const api = await p.agents.researcher.get(`/api/admin/surveys/${SURVEY}/responses`);
    expect(api.status).toBe(403);
    expect(JSON.stringify(api.body)).not.toMatch(/private remark/);
    const csv = await p.agents.researcher.get(`/api/surveys/${SURVEY}/responses.csv`);
    expect(csv.status).toBe(403);
    expect((await p.agents.researcher.get(`/api/surveys/${SURVEY}/report`)).status).toBe(200);
  });

  test('when a researcher was granted free text, then both partners’ free text is shown', async () => {
    const res = await p.agents.reader.get(`/admin/surveys/${SURVEY}/responses`);
    expect(res.text).toContain(SOFIA_TEXT);
    expect(res.text).toContain(ROME_TEXT);
  });

  test('when raw responses are read, then the audit log records who read which survey', async () => {
    await p.agents.reader.get(`/admin/surveys/${SURVEY}/responses?collector=rome`);
    const entry = p.db.prepare("SELECT actor, target FROM audit_log WHERE action = 'responses.view' ORDER BY id DESC LIMIT 1").get();
    expect(entry).toEqual({ actor: 'reader@example.org', target: `${SURVEY}/rome` });
  });
});
