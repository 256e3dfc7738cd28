import type { Answers } from '../../src/questionnaires/answers-schema';
import type { Db } from '../../src/shared/db';
import type { ScaleSurvey } from './scale-data';
import { buildReport, buildScaleSurvey, expectMatchesRaw, SMALL } from './scale-check';

describe.each([
  ['7-point scales and a 7-point Likert question', { points: 7, likertPoints: 7 }],
  ['11-point scales and an 11-point Likert question', { points: 11, likertPoints: 11 }],
  ['3-point scales and a 2-point Likert question', { points: 3, likertPoints: 2 }],
  ['one area of 40 items on 11-point scales', { points: 11, likertPoints: 5, bigArea: 40 }],
])('a survey with %s', (_name, s: ScaleSurvey) => {
  let db: Db;
  let rows: Answers[];
  let surveyId: string;
  beforeAll(() => ({ db, rows, surveyId } = buildScaleSurvey(s)));
  afterAll(() => db.close());

  test('when the report is built, then items, areas, alphas, MWDS, ranks and scores equal a recomputation from the raw answers', () => {
    const report = buildReport(db, surveyId);
    expect(report.sample.n).toBe(rows.length);
    expectMatchesRaw(report, s, rows);
    expect(report.items.every((i) => 'counts' in i.importance && i.importance.counts.length === s.points)).toBe(true);
  });

  test('when groups are compared by country, then group cells, Kruskal-Wallis and post-hoc pairs equal the raw recomputation, Italy (6) is not shown', () => {
    const report = buildReport(db, surveyId, { groupBy: 'country' });
    expect(report.comparison!.columns.map((c) => c.key)).not.toContain('IT');
    expect(report.comparison!.groups.find((g) => g.key === 'IT')!.status).not.toBe('shown');
    expectMatchesRaw(report, s, rows);
    expect(report.comparison!.scores.some((x) => x.pairwise.length > 0)).toBe(true);
  });

  test('when the report is filtered to volunteers, then small cells of the new statistics are withheld and the rest still match', () => {
    const report = buildReport(db, surveyId, { groupBy: 'country', filters: [{ questionId: 'role', values: ['volunteer'] }] });
    const volunteers = rows.filter((a) => a.role === 'volunteer');
    expect(report.scores.find((x) => x.questionId === 'hours')).toMatchObject({ n: 0, stats: SMALL });
    expect(report.comparison!.scores.flatMap((x) => x.cells)).toContainEqual(SMALL);
    expectMatchesRaw(report, s, volunteers);
  });
});

describe('a comparison grouped by a Likert question', () => {
  test('when the groups are the answers to the Likert question, then that question is not compared with itself', () => {
    const { db, surveyId } = buildScaleSurvey({ points: 7, likertPoints: 3 });
    const report = buildReport(db, surveyId, { groupBy: 'agree' });
    expect(report.comparison!.scores.map((s) => s.questionId)).toEqual(['hours', 'distance']);
    db.close();
  });
});
