import { buildTestDb } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { createAnalysisService } from '../../src/analysis/service';
import type { Db } from '../../src/shared/db';
import { isSuppressed, type Suppressed } from '../../src/analysis/schema';
import type { UnitComparison, WaveComparison } from '../../src/waves/schema';
import { addWave, rawMannWhitney, rawWilcoxon, seedWave } from './helpers';

const SURVEY = 'test-survey';
const all = { freeText: 'all' as const };

function analysis(db: Db, exact: boolean) {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { perturb: !exact });
}
const compare = (db: Db, a: string, b: string, exact = true): WaveComparison => analysis(db, exact).build({ surveyId: SURVEY, viewer: all, compareWaves: [a, b] }).waves!.comparison!;
const shown = <T>(x: T): Exclude<T, Suppressed> => {
  if (isSuppressed(x)) throw new Error('suppressed');
  return x as Exclude<T, Suppressed>;
};

/**
 * 60 respondents per wave, 30 per partner. fac_1: importance 5, proficiency 1 + i % 3 at baseline (gaps 4, 3, 2);
 * after training the proficiency is 2 higher (gaps 2, 1, 0): the true change is −2. fac_2: importance 4, proficiency
 * 1 + (i % 4) in both waves, shuffled: no change. The first 40 of each wave give panel codes P0..P39, paired as the
 * same person (same i).
 */
const profA1 = (i: number) => 1 + (i % 3);
const profB1 = (i: number) => 3 + (i % 3);
const prof2A = (i: number) => 1 + (i % 4);
const prof2B = (i: number) => 1 + ((i * 3 + 1) % 4);
function seedTwoWaves(db: Db, opts: { improve: boolean } = { improve: true }) {
  const rows = (prof1: (i: number) => number, prof2: (i: number) => number) =>
    Array.from({ length: 60 }, (_, i) => ({
      collector: i % 2 ? 'sofia' : 'rome',
      panel: i < 40 ? `P-${i}` : undefined,
      answers: validAnswers({ fac_1: { importance: 5, proficiency: prof1(i) }, fac_2: { importance: 4, proficiency: prof2(i) } }),
    }));
  addWave(db, SURVEY, 'baseline-2027');
  seedWave(db, SURVEY, rows(profA1, prof2A));
  addWave(db, SURVEY, 'after-training-2028', new Date().toISOString().slice(0, 10));
  seedWave(db, SURVEY, rows(opts.improve ? profB1 : profA1, prof2B));
}
const byId = (units: UnitComparison[], id: string) => units.find((u) => u.id === id)!;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('comparing two waves', () => {
  test('when proficiency rose by 2 points, then the item gap change, Mann–Whitney and the paired Wilcoxon match an independent computation', () => {
    const db = buildTestDb();
    seedTwoWaves(db);
    const c = compare(db, 'baseline-2027', 'after-training-2028');
    expect(c.n).toEqual([60, 60]);
    expect(c.pairs).toBe(40);
    const fac1 = byId(c.items, 'fac_1');
    const gapA = range(60).map((i) => 5 - profA1(i));
    const gapB = range(60).map((i) => 5 - profB1(i));
    const gap = shown(fac1.gap);
    expect(gap.a).toBeCloseTo(3, 10);
    expect(gap.b).toBeCloseTo(1, 10);
    expect(gap.change).toBeCloseTo(-2, 10);
    expect(shown(fac1.proficiency).change).toBeCloseTo(2, 10);
    expect(shown(fac1.importance).change).toBeCloseTo(0, 10);
    const mw = rawMannWhitney(gapB, gapA);
    expect(shown(gap.test).z).toBeCloseTo(mw.z, 9);
    expect(shown(gap.test).p).toBeCloseTo(mw.p, 12);
    expect(shown(gap.test).r).toBeCloseTo(mw.r, 9);
    expect(shown(gap.test).p).toBeLessThan(0.001);
    const paired = shown(fac1.paired);
    const wx = rawWilcoxon(range(40).map((i) => gapB[i]! - gapA[i]!));
    expect(paired.pairs).toBe(40);
    expect(paired.meanChange).toBeCloseTo(-2, 10);
    expect(paired.z).toBeCloseTo(wx.z, 9);
    expect(paired.p).toBeCloseTo(wx.p, 12);
    expect(paired.r).toBeCloseTo(wx.r, 9);
    expect(fac1.verdict).toBe('narrowed');
  });

  test('when the area is compared, then area gaps (means of the items rated) and their paired changes match too', () => {
    const db = buildTestDb();
    seedTwoWaves(db);
    const c = compare(db, 'baseline-2027', 'after-training-2028');
    const area = byId(c.areas, 'facilitating');
    const areaGap = (prof1: (i: number) => number, prof2: (i: number) => number) => range(60).map((i) => (5 - prof1(i) + (4 - prof2(i))) / 2);
    const [a, b] = [areaGap(profA1, prof2A), areaGap(profB1, prof2B)];
    const gap = shown(area.gap);
    expect(gap.change).toBeCloseTo(b.reduce((s, v) => s + v, 0) / 60 - a.reduce((s, v) => s + v, 0) / 60, 10);
    const mw = rawMannWhitney(b, a);
    expect(shown(gap.test).z).toBeCloseTo(mw.z, 9);
    const wx = rawWilcoxon(range(40).map((i) => b[i]! - a[i]!));
    expect(shown(area.paired).z).toBeCloseTo(wx.z, 9);
    expect(shown(area.paired).p).toBeCloseTo(wx.p, 12);
    expect(shown(area.paired).meanChange).toBeCloseTo(wx.mean, 10);
    expect(area.verdict).toBe('narrowed');
    // per partner: each has 30 respondents per wave and 20 pairs
    const sofia = c.partners.find((p) => p.collector === 'sofia')!;
    expect(sofia.status).toBe('shown');
    const odd = range(60).filter((i) => i % 2 === 1);
    const mwSofia = rawMannWhitney(odd.map((i) => b[i]!), odd.map((i) => a[i]!));
    expect(shown(shown(sofia.areas[0]!.gap).test).z).toBeCloseTo(mwSofia.z, 9);
    const wxSofia = rawWilcoxon(odd.filter((i) => i < 40).map((i) => b[i]! - a[i]!));
    expect(shown(sofia.areas[0]!.paired).pairs).toBe(20);
    expect(shown(sofia.areas[0]!.paired).z).toBeCloseTo(wxSofia.z, 9);
  });

  test('when nothing changed, then no item shows a significant difference and the verdict is "unchanged"', () => {
    const db = buildTestDb();
    seedTwoWaves(db, { improve: false });
    const c = compare(db, 'baseline-2027', 'after-training-2028');
    const fac2 = byId(c.items, 'fac_2');
    expect(shown(shown(fac2.gap).test).p).toBeGreaterThan(0.05);
    expect(shown(fac2.gap).change).toBeCloseTo(0, 10);
    expect(shown(fac2.paired).p).toBeGreaterThan(0.05);
    expect(fac2.verdict).toBe('unchanged');
    // fac_1 identical in both waves and for every pair: no test can be computed, and nothing changed
    expect(byId(c.items, 'fac_1').verdict).toBe('unchanged');
    expect(c.items.every((u) => u.verdict === 'unchanged')).toBe(true);
    expect(byId(c.areas, 'facilitating').verdict).toBe('unchanged');
  });

  test('when the default wave is compared, then responses stored before any wave exist belong to it', () => {
    const db = buildTestDb();
    seedWave(db, SURVEY, range(12).map(() => ({ answers: validAnswers({ fac_1: { importance: 5, proficiency: 1 } }) })));
    addWave(db, SURVEY, 'after', new Date().toISOString().slice(0, 10));
    seedWave(db, SURVEY, range(12).map(() => ({ answers: validAnswers({ fac_1: { importance: 5, proficiency: 5 } }) })));
    const c = compare(db, 'default', 'after');
    expect(c.a.id).toBe('default');
    expect(c.a.label).toBe('Before waves');
    expect(shown(byId(c.items, 'fac_1').gap)).toMatchObject({ a: 4, b: 0 });
    expect(byId(c.items, 'fac_1').verdict).toBe('closed');
  });
});

describe('disclosure control of wave comparisons', () => {
  test('when a partner has fewer than min_group respondents in a wave, then nothing is published for it, and pairs under min_group give no paired test', () => {
    const db = buildTestDb();
    seedTwoWaves(db);
    // a third partner with 4 respondents in the follow-up wave only, two of them paired with nobody
    seedWave(db, SURVEY, range(4).map((i) => ({ collector: 'tiny', panel: `T-${i}`, answers: validAnswers() })));
    const c = compare(db, 'baseline-2027', 'after-training-2028', false);
    const tiny = c.partners.find((p) => p.collector === 'tiny')!;
    expect(tiny.status).toBe('suppressed');
    expect(tiny.areas).toEqual([]);
    expect(JSON.stringify(tiny)).not.toMatch(/"mean"|"change"|"z"/);
    // the smallest shown partner is withheld too: the wave's overall figures minus it would describe "tiny"
    expect(c.partners.filter((p) => p.status === 'withheld')).toHaveLength(1);
    expect(c.partners.filter((p) => p.status === 'shown')).toHaveLength(1);
    // perturbed counts: near the true 60 and 64, never exact by construction but within the noise bound
    expect(Math.abs((c.n[1] as number) - 64)).toBeLessThanOrEqual(6);
  });

  test('when a wave has fewer than min_group respondents, then the comparison publishes no figure, not even its size', () => {
    const db = buildTestDb();
    addWave(db, SURVEY, 'big');
    seedWave(db, SURVEY, range(30).map(() => ({ answers: validAnswers() })));
    addWave(db, SURVEY, 'small', new Date().toISOString().slice(0, 10));
    seedWave(db, SURVEY, range(4).map((i) => ({ panel: `S-${i}`, answers: validAnswers() })));
    const c = compare(db, 'big', 'small', false);
    expect(c.enough).toBe(false);
    expect(c.n[1]).toEqual({ suppressed: true, reason: 'small_cell', below: 10 });
    expect(c.items).toEqual([]);
    expect(c.areas).toEqual([]);
    expect(c.partners).toEqual([]);
  });

  test('when fewer than min_group respondents are paired, then no paired result is published while the unpaired one is', () => {
    const db = buildTestDb();
    addWave(db, SURVEY, 'a');
    seedWave(db, SURVEY, range(30).map((i) => ({ panel: i < 5 ? `Q${i}` : undefined, answers: validAnswers({ fac_1: { importance: 5, proficiency: 1 + (i % 3) } }) })));
    addWave(db, SURVEY, 'b', new Date().toISOString().slice(0, 10));
    seedWave(db, SURVEY, range(30).map((i) => ({ panel: i < 5 ? `Q${i}` : undefined, answers: validAnswers({ fac_1: { importance: 5, proficiency: 3 + (i % 3) } }) })));
    const c = compare(db, 'a', 'b', false);
    expect(c.pairs).toEqual({ suppressed: true, reason: 'small_cell', below: 10 });
    expect(byId(c.items, 'fac_1').paired).toEqual({ suppressed: true, reason: 'small_group' });
    expect(shown(byId(c.items, 'fac_1').gap).change).toBeLessThan(-1);
  });
});
