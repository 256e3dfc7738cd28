import { buildTestDb } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createAnalysisService } from '../../src/analysis/service';
import { isSuppressed, type ItemSummary } from '../../src/analysis/schema';

function analysis(db: ReturnType<typeof buildTestDb>) {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb: false });
}
const all = { freeText: 'all' as const };
const item = (items: ItemSummary[], id: string) => items.find((i) => i.id === id)!;

/** Twelve respondents: fac_1 importance 5 / proficiency 2 (gap 3) for half, 4 / 4 for the rest; fac_2 always 3 / 2. */
function twelve(collector = (i: number) => (i < 6 ? 'sofia' : 'ljubljana')) {
  return Array.from({ length: 12 }, (_, i) => ({
    collector: collector(i),
    lang: i % 2 ? 'bg' : 'en',
    answers: validAnswers({
      country: i < 6 ? 'BG' : 'SI',
      fac_1: i < 6 ? { importance: 5, proficiency: 2 } : { importance: 4, proficiency: 4 },
      fac_2: { importance: 3, proficiency: 2 },
      comment: `comment ${i}`,
    }),
  }));
}

describe('report data', () => {
  test('when 12 respondents answered, then item statistics, MWDS and ranks match hand computation', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', twelve());
    const report = analysis(db).build({ surveyId: 'test-survey', viewer: all });
    const fac1 = item(report.items, 'fac_1');
    // importance: six 5s and six 4s → mean 4.5; gap: six 3s and six 0s → mean 1.5; MWDS = 1.5 × 4.5 = 6.75
    expect(fac1.n).toBe(12);
    expect(fac1.importance).toMatchObject({ mean: 4.5, median: 4.5, counts: [0, 0, 0, 6, 6] });
    expect(fac1.mwds).toBeCloseTo(6.75, 10);
    expect(fac1.gap).toMatchObject({ mean: 1.5, positiveShare: 0.5 });
    // fac_2: gap 1, importance 3 → MWDS 3; lower need than fac_1
    expect(item(report.items, 'fac_2').mwds).toBeCloseTo(3, 10);
    expect(fac1.rank).toBe(1);
    expect(item(report.items, 'fac_2').rank).toBe(2);
    // Locus centre: importance (4.5 + 3) / 2 = 3.75, gap (1.5 + 1) / 2 = 1.25 → fac_1 is first priority
    expect(report.locus).toEqual({ grandImportance: 3.75, grandGap: 1.25 });
    expect(fac1.quadrant).toBe('first_priority');
    expect(item(report.items, 'fac_2').quadrant).toBe('lowest_priority');
  });

  test('when items tie on MWDS, then they share the average rank', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', Array.from({ length: 10 }, () => ({ answers: validAnswers({ fac_1: { importance: 4, proficiency: 2 }, fac_2: { importance: 4, proficiency: 2 } }) })));
    const report = analysis(db).build({ surveyId: 'test-survey', viewer: all });
    expect(report.items.map((i) => i.rank)).toEqual([1.5, 1.5]);
  });

  test('when an area is scored, then a respondent\'s area score is the mean of the items they rated', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', Array.from({ length: 10 }, (_, i) => ({ answers: validAnswers({ fac_1: { importance: 5, proficiency: 1 }, fac_2: i < 5 ? 'na' : { importance: 3, proficiency: 3 } }) })));
    const area = analysis(db).build({ surveyId: 'test-survey', viewer: all }).areas[0]!;
    // five respondents score 5 (fac_1 only), five score (5 + 3) / 2 = 4 → mean 4.5; gaps 4 and (4 + 0) / 2 = 2 → mean 3
    expect(area.importance).toMatchObject({ n: 10, mean: 4.5 });
    expect(area.gap).toMatchObject({ mean: 3 });
  });

  test('when an area has complete cases, then Cronbach\'s alpha equals the raw-data formula', () => {
    const db = buildTestDb();
    const pairs = [[5, 4], [4, 4], [3, 2], [5, 5], [2, 1], [4, 3], [3, 3], [5, 3], [1, 2], [4, 5], [2, 2]];
    seedResponses(db, 'test-survey', pairs.map(([a, b], i) => ({ answers: validAnswers({ fac_1: { importance: a!, proficiency: 1 + (i % 5) }, fac_2: i === 10 ? 'na' : { importance: b!, proficiency: 3 } }) })));
    const area = analysis(db).build({ surveyId: 'test-survey', viewer: all }).areas[0]!;
    const complete = pairs.slice(0, 10);
    const variance = (xs: number[]) => { const m = xs.reduce((a, b) => a + b, 0) / xs.length; return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1); };
    const items = [complete.map((p) => p[0]!), complete.map((p) => p[1]!)];
    const expected = 2 * (1 - (variance(items[0]!) + variance(items[1]!)) / variance(complete.map((p) => p[0]! + p[1]!)));
    expect(area.alpha.n).toBe(10);
    expect(area.alpha.importance).toBeCloseTo(expected, 10);
  });

  test('when fewer respondents than the smallest group answered, then no statistic is shown', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', twelve().slice(0, 9));
    const report = analysis(db).build({ surveyId: 'test-survey', viewer: all });
    expect(report.sample.enough).toBe(false);
    expect(report.items.every((i) => isSuppressed(i.mwds) && isSuppressed(i.importance))).toBe(true);
    expect(report.frequencies).toEqual([]);
    expect(report.openAnswers.every((o) => !o.shown && o.answers.length === 0)).toBe(true);
  });

  test('when grouped by country with one group below 10, then that group is suppressed and the smallest other withheld', () => {
    const db = buildTestDb();
    const countryOf = (i: number) => (i < 12 ? 'BG' : i < 22 ? 'SI' : 'IT');
    const rows = [...twelve(), ...twelve()].map((r, i) => ({ ...r, answers: { ...r.answers, country: countryOf(i), comment: `from ${countryOf(i)}` } }));
    seedResponses(db, 'test-survey', rows);
    const report = analysis(db).build({ surveyId: 'test-survey', groupBy: 'country', viewer: all });
    const status = Object.fromEntries(report.comparison!.groups.map((g) => [g.key, g.status]));
    expect(status).toEqual({ BG: 'shown', SI: 'withheld', IT: 'suppressed' });
    expect(report.comparison!.columns.map((c) => c.key)).toEqual(['BG']);
    expect(report.comparison!.groups.find((g) => g.key === 'IT')!.n).toEqual({ suppressed: true, reason: 'small_cell', below: 5 });
    const comments = report.openAnswers.find((o) => o.questionId === 'comment')!.answers;
    expect(comments).toHaveLength(12);
    expect(new Set(comments)).toEqual(new Set(['from BG']));
  });

  test('when grouped by collector, then groups of 10+ get means, SD, intervals and a Kruskal-Wallis test', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', [...twelve(() => 'sofia'), ...twelve(() => 'ljubljana').map((r) => ({ ...r, answers: { ...r.answers, fac_1: { importance: 5, proficiency: 5 } } }))]);
    const report = analysis(db).build({ surveyId: 'test-survey', groupBy: 'collector', viewer: all });
    const c = report.comparison!;
    expect(c.columns.map((x) => x.label).sort()).toEqual(['LJUBLJANA', 'SOFIA']);
    const area = c.areas[0]!;
    expect(area.gap.every((g) => !isSuppressed(g) && g.n === 12)).toBe(true);
    expect(isSuppressed(area.kruskal)).toBe(false);
    if (!isSuppressed(area.kruskal)) expect(area.kruskal.p).toBeLessThan(0.05);
    expect(area.pairwise).toHaveLength(1);
    expect(c.topNeeds).toHaveLength(2);
  });

  test('when filtered by a value, then only matching respondents are counted; an unknown filter is refused', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', [...twelve(), ...twelve()]);
    const service = analysis(db);
    expect(service.build({ surveyId: 'test-survey', filters: [{ questionId: 'country', values: ['BG'] }], viewer: all }).sample.n).toBe(12);
    expect(() => service.build({ surveyId: 'test-survey', filters: [{ questionId: 'nope', values: ['x'] }], viewer: all })).toThrow();
  });

  test('when the viewer may read one collector\'s free text, then only those answers appear', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', [...twelve(), ...twelve()]);
    const report = analysis(db).build({ surveyId: 'test-survey', viewer: { freeText: ['sofia'] } });
    const comments = report.openAnswers.find((o) => o.questionId === 'comment')!;
    expect(comments.total).toBe(12);
    expect(new Set(comments.answers)).toEqual(new Set(['comment 0', 'comment 1', 'comment 2', 'comment 3', 'comment 4', 'comment 5']));
  });

  test('when responses are permuted, then the report is the same', () => {
    const a = buildTestDb();
    const b = buildTestDb();
    const rows = [...twelve(), ...twelve()];
    seedResponses(a, 'test-survey', rows);
    seedResponses(b, 'test-survey', [...rows].reverse());
    const strip = (r: ReturnType<ReturnType<typeof analysis>['build']>) => ({ ...r, openAnswers: r.openAnswers.map((o) => ({ ...o, answers: [...o.answers].sort() })) });
    expect(strip(analysis(b).build({ surveyId: 'test-survey', groupBy: 'collector', viewer: all }))).toEqual(strip(analysis(a).build({ surveyId: 'test-survey', groupBy: 'collector', viewer: all })));
  });
});
