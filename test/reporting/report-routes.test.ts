import { NOISE_BOUND } from '../../src/analysis/disclosure/perturb';
import { buildPartnership, ROME_TEXT, SOFIA_TEXT, submitResponse, SURVEY } from '../helpers/auth';

/** Twenty responses per partner, so every group passes the smallest-group threshold of 10 whatever its perturbation. */
async function partnershipWithData() {
  const p = await buildPartnership();
  for (let i = 0; i < 19; i++) {
    await submitResponse(p.app, 'sofia', `${SOFIA_TEXT} ${i}`);
    await submitResponse(p.app, 'rome', `${ROME_TEXT} ${i}`);
  }
  return p;
}

const url = `/api/surveys/${SURVEY}/report`;
// forty submissions and a PDF per test: generous on a loaded two-core machine
jest.setTimeout(30_000);

describe('report data API and dashboard', () => {
  test('when nobody is signed in, then the API answers 401 and the dashboard sends to the sign-in page', async () => {
    const { agents } = await buildPartnership();
    expect((await agents.anonymous.get(url)).status).toBe(401);
    const page = await agents.anonymous.get(`/admin/surveys/${SURVEY}/report`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login\?next=/);
    expect((await agents.anonymous.get(`/admin/surveys/${SURVEY}/report.pdf`)).status).toBe(303);
  });

  test('when a coordinator asks for the report grouped by partner, then both groups are compared but only her free text is shown', async () => {
    const { agents } = await partnershipWithData();
    const res = await agents.coordinator.get(`${url}?groupBy=collector`);
    expect(res.status).toBe(200);
    expect(res.body.comparison.columns.map((c: { key: string }) => c.key).sort()).toEqual(['rome', 'sofia']);
    const comments = res.body.openAnswers.find((o: { questionId: string }) => o.questionId === 'comment');
    expect(comments.answers.length).toBe(20);
    expect(JSON.stringify(res.body)).not.toContain(ROME_TEXT);
  });

  test('when a researcher without free-text access reads the report, then no free text is in it', async () => {
    const { agents } = await partnershipWithData();
    const res = await agents.researcher.get(url);
    expect(res.status).toBe(200);
    expect(res.body.openAnswers.every((o: { shown: boolean }) => !o.shown)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/private remark/);
  });

  test('when the report is filtered, then only matching respondents count; an unknown grouping is a 400', async () => {
    const { agents } = await partnershipWithData();
    // 20 respondents match; the published size is perturbed like every count (cell-key method)
    expect(Math.abs((await agents.admin.get(`${url}?filter.collector=sofia`)).body.sample.n - 20)).toBeLessThanOrEqual(NOISE_BOUND);
    expect((await agents.admin.get(`${url}?groupBy=comment`)).status).toBe(400);
    expect((await agents.admin.get('/api/surveys/nope/report')).status).toBe(404);
  });

  test('when an admin opens the dashboard, then it shows the ranking table and embeds the chart configs', async () => {
    const { agents } = await partnershipWithData();
    const res = await agents.admin.get(`/admin/surveys/${SURVEY}/report?groupBy=collector&lang=bg`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="chart-priority"');
    expect(res.text).toContain('id="heatmap"');
    expect(res.text).toContain('Безопасна среда');
    expect(res.text).toContain('/vendor/chart.js/chart.umd.min.js');
    expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  test('when an admin downloads the PDF, then a PDF arrives', async () => {
    const { agents } = await partnershipWithData();
    const res = await agents.admin.get(`/admin/surveys/${SURVEY}/report.pdf?lang=sl`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('when a coordinator exports responses, then only her partner\'s rows are in the file', async () => {
    const { agents } = await partnershipWithData();
    const res = await agents.coordinator.get(`/api/surveys/${SURVEY}/responses.csv`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(SOFIA_TEXT);
    expect(res.text).not.toContain(ROME_TEXT);
    expect(res.text.split('\n').filter((l) => l.trim()).length).toBe(21); // a header and her 20 rows
  });
});
