import request from 'supertest';
import { buildPartnership, postForm, ROME_TEXT, submitResponse, SURVEY, tokenFor } from '../helpers/auth';
import { countResponses } from '../helpers/app';

const S = `/admin/surveys/${SURVEY}`;

describe('raw responses and erasure', () => {
  test('when an admin deletes a response, then it is gone, the audit log says who deleted which, and the others stay', async () => {
    const p = await buildPartnership();
    const res = await postForm(p.agents.admin, `${S}/responses/${p.ids.rome}/delete`, {}, `${S}/responses`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${S}/responses?erased=1`);
    expect(countResponses(p.db)).toBe(1);
    expect((await p.agents.admin.get(`${S}/responses`)).text).not.toContain(ROME_TEXT);
    expect(p.db.prepare("SELECT actor, target FROM audit_log WHERE action = 'response.delete'").get()).toEqual({ actor: 'admin@example.org', target: `${SURVEY}/${p.ids.rome}` });
  });

  test('when an admin asks to delete a response, then a confirmation names its day and partner, without its answers', async () => {
    const p = await buildPartnership();
    const res = await p.agents.admin.get(`${S}/responses/${p.ids.rome}/delete`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Rome network');
    expect(res.text).toContain(`action="${S}/responses/${p.ids.rome}/delete"`);
    expect(res.text).not.toContain(ROME_TEXT);
    expect(res.text).toContain(`<dt>Response id</dt><dd><code>${p.ids.rome}</code>`);
    expect(countResponses(p.db)).toBe(2);
  });

  test('when the response does not exist or belongs to another survey, then 404 and nothing is deleted', async () => {
    const p = await buildPartnership();
    expect((await postForm(p.agents.admin, `${S}/responses/unknown-id/delete`, {})).status).toBe(404);
    expect((await postForm(p.agents.admin, `/admin/surveys/other/responses/${p.ids.rome}/delete`, {})).status).toBe(404);
    expect(countResponses(p.db)).toBe(2);
  });

  test('when a coordinator tries to delete a response, even their own partner’s, then 403', async () => {
    const p = await buildPartnership();
    expect((await postForm(p.agents.coordinator, `${S}/responses/${p.ids.sofia}/delete`, {})).status).toBe(403);
    expect(countResponses(p.db)).toBe(2);
  });

  test('when there are more responses than fit a page, then pages link to each other and keep the collector filter', async () => {
    const p = await buildPartnership();
    for (let i = 0; i < 50; i++) await submitResponse(p.app, 'sofia', `note ${i}`);
    const first = await p.agents.coordinator.get(`${S}/responses?collector=sofia`);
    expect(first.text).toContain('51 responses');
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain(`href="${S}/responses?page=2&amp;collector=sofia"`);
    const second = await p.agents.coordinator.get(`${S}/responses?collector=sofia&page=2`);
    expect((second.text.match(/<th scope="row">/g) ?? []).length).toBe(1);
  });

  test('when responses come in through the direct link, then admins see them and coordinators do not', async () => {
    const p = await buildPartnership();
    await submitResponse(p.app, undefined, 'Direct link remark');
    expect((await p.agents.admin.get(`${S}/responses`)).text).toContain('Direct link remark');
    expect((await p.agents.coordinator.get(`${S}/responses`)).text).not.toContain('Direct link remark');
  });

  test('when raw responses are shown, then the page is not cached', async () => {
    const p = await buildPartnership();
    expect((await p.agents.coordinator.get(`${S}/responses`)).headers['cache-control']).toBe('no-store');
  });

  test('when the API lists responses for an admin, then it pages and names the collector', async () => {
    const p = await buildPartnership();
    const res = await request(p.app).get(`/api/admin/surveys/${SURVEY}/responses?page=1`).set('Authorization', `Bearer ${tokenFor(p.db, 'admin@example.org')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, pages: 1, page: 1 });
    expect(res.body.rows.map((r: { collectorId: string }) => r.collectorId).sort()).toEqual(['rome', 'sofia']);
  });
});
