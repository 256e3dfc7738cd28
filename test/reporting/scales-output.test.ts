import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { isSuppressed, type ReportData } from '../../src/analysis/schema';
import { fixedT } from '../../src/i18n';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Answers } from '../../src/questionnaires/answers-schema';
import type { Db } from '../../src/shared/db';
import { addUser, signIn } from '../helpers/auth';
import { buildScaleSurvey, expectMatchesRaw } from '../analysis/scale-check';
import type { ScaleSurvey } from '../analysis/scale-data';
import { hasPoppler, pdfPages, squash, tmpDir } from './pdf/demo-report';

jest.setTimeout(60_000);

const poppler = hasPoppler();
if (!poppler) console.warn('Skipping the PDF checks of other scale lengths: pdftotext is not installed (apt-get install poppler-utils).');

const two = (lang: string) => {
  const f = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' });
  return (v: number) => f.format(v);
};
/** Markup-escaped as EJS writes it. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

async function signedIn(s: ScaleSurvey) {
  const { db, rows, surveyId } = buildScaleSurvey(s);
  const app = createApp({ db, config: loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: ':memory:' }), exactFigures: true });
  addUser(db, 'admin@example.org', 'admin');
  const agent = request.agent(app);
  await signIn(agent, 'admin@example.org');
  return { db, rows, surveyId, agent };
}

describe.each([
  ['7-point', { points: 7, likertPoints: 7 }, 'bg'],
  ['11-point', { points: 11, likertPoints: 11 }, 'es'],
  ['3-point', { points: 3, likertPoints: 2 }, 'en'],
])('a %s survey through the report API, the dashboard and the PDF', (_name, s: ScaleSurvey, lang) => {
  let db: Db;
  let rows: Answers[];
  let surveyId: string;
  let agent: ReturnType<typeof request.agent>;
  let report: ReportData;
  beforeAll(async () => {
    ({ db, rows, surveyId, agent } = await signedIn(s));
    const res = await agent.get(`/api/surveys/${surveyId}/report?groupBy=country&lang=${lang}`);
    expect(res.status).toBe(200);
    report = res.body as ReportData;
  });
  afterAll(() => db.close());

  test('when the report API is asked, then its figures equal the recomputation from raw answers', () => {
    expect(report.scalePoints).toBe(s.points);
    expectMatchesRaw(report, s, rows);
  });

  test.each(['en', 'bg'])('when the dashboard is opened in %s, then the scores and their group tables show the API figures and the charts have one colour per point', async (uiLang) => {
    const res = await agent.get(`/admin/surveys/${surveyId}/report?groupBy=country&lang=${uiLang}`);
    expect(res.status).toBe(200);
    const page = await agent.get(`/api/surveys/${surveyId}/report?groupBy=country&lang=${uiLang}`);
    const data = page.body as ReportData;
    const fmt = two(uiLang);
    const td = fixedT(uiLang, 'dashboard');
    expect(res.text).toContain(html(td('scores.title')));
    for (const score of data.scores) {
      if (isSuppressed(score.stats)) continue;
      const { mean, sd, median, q1, q3 } = score.stats;
      expect(res.text).toMatch(new RegExp(`${html(score.label).replace(/[()]/g, '\\$&')}</th><td class="num">${score.n}</td>\\s*<td class="num">${fmt(mean)} \\(${fmt(sd)}\\)</td>\\s*<td class="num">${fmt(median)} \\(${fmt(q1)}–${fmt(q3)}\\)</td>`));
    }
    for (const score of data.comparison!.scores) {
      expect(res.text).toContain(`<h4>${html(score.label)}</h4>`);
      for (const [k, cell] of score.cells.entries()) {
        if (!isSuppressed(cell)) expect(res.text).toContain(`<th scope="row">${html(data.comparison!.columns[k]!.label)}</th>\n        <td class="num">${cell.n}</td>\n        <td class="num">${fmt(cell.mean)} (${fmt(cell.sd)})</td>`);
      }
      // each pair names the group that tends higher (r > 0: the first) with |r|
      const name = (key: string) => data.comparison!.columns.find((c) => c.key === key)!.label;
      for (const p of score.pairwise) {
        const words = td('pairs.higher', p.r >= 0 ? { higher: name(p.a), lower: name(p.b) } : { higher: name(p.b), lower: name(p.a) });
        expect(res.text).toMatch(new RegExp(`${html(words).replace(/[()]/g, '\\$&')}</th><td class="num">[^<]+</td><td class="num">${fmt(Math.abs(p.r))}</td>`));
      }
    }
    const chart = JSON.parse(/<script type="application\/json" id="chart-importance">([^<]*)<\/script>/.exec(res.text)![1]!) as { data: { datasets: { label: string; backgroundColor: string }[] } };
    expect(chart.data.datasets).toHaveLength(s.points);
    expect(new Set(chart.data.datasets.map((d) => d.backgroundColor)).size).toBe(s.points);
    // the top point named as the questionnaire names it, in the report language (issue 13)
    expect(chart.data.datasets.at(-1)!.label).toBe(`${s.points} ${data.scaleLabels!.importance.at(-1)}`);
  });

  (poppler ? test : test.skip)('when the PDF is downloaded, then the method names the scale and the score tables print the API figures', async () => {
    const res = await agent
      .get(`/admin/surveys/${surveyId}/report.pdf?groupBy=country&lang=${lang}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const file = path.join(tmpDir(), `scales-${s.points}.pdf`);
    fs.writeFileSync(file, res.body as Buffer);
    const text = squash(pdfPages(file).join(' '));
    const t = fixedT(lang, 'report');
    const fmt = two(lang);
    expect(text).toContain(squash(t('method.borich', { points: s.points })).slice(0, 80));
    expect(text).toContain(squash(t('scores.title')));
    for (const score of report.scores) {
      if (isSuppressed(score.stats)) continue;
      const { mean, sd, median, q1, q3 } = score.stats;
      expect(text).toContain(`${squash(score.label)} ${score.n} ${fmt(mean)} ${fmt(sd)} ${fmt(median)} ${fmt(q1)}–${fmt(q3)}`);
    }
    for (const score of report.comparison!.scores) {
      for (const [k, cell] of score.cells.entries()) {
        if (!isSuppressed(cell)) expect(text).toContain(`${squash(report.comparison!.columns[k]!.label)} ${cell.n} ${fmt(cell.mean)} ${fmt(cell.sd)} ${fmt(cell.median)}`);
      }
    }
    for (const area of report.areas) {
      if (!isSuppressed(area.gap)) expect(text).toContain(`${fmt(area.gap.mean)} [${fmt(area.gap.ci95[0])}; ${fmt(area.gap.ci95[1])}]`);
    }
  });
});
