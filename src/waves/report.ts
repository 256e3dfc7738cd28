import type { TFunction } from 'i18next';
import { planFor } from '../analysis/accumulate';
import type { Perturb } from '../analysis/derive';
import { disclosedCount, smallCount } from '../analysis/frequencies';
import { perturbOne } from '../analysis/disclosure/perturb';
import { loadSecret } from '../analysis/segments';
import { codeTranslator } from '../analysis/translate';
import type { Db } from '../shared/db';
import { AppError } from '../shared/errors';
import type { QuestionnaireService } from '../questionnaires/service';
import type { OpenSurvey, SurveyService } from '../surveys/service';
import { compareItems, compareOverallAreas, comparePartners, type Thresholds, type WaveCounts } from './compare';
import { gatherWave } from './gather';
import { pairUp } from './paired';
import { createWaveRepo } from './repo';
import { DEFAULT_WAVE } from './default-wave';
import type { WaveComparison, WaveInfo, WavesReport } from './schema';
import { createWaveService } from './service';

/**
 * The waves member of the report data: the survey's waves, and, when `compareWaves` names two, their comparison per
 * item, area and partner. Each wave (and each wave/partner cell, and the set of pairs) is a population of its own
 * under the report's disclosure control: perturbed tables, nothing under min_group.
 */
export function createWaveReporter(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService }, perturb: Perturb | undefined) {
  const repo = createWaveRepo(db);
  const waves = createWaveService(db);
  const secret = loadSecret(db);

  function resolve(surveyId: string, id: string, t: TFunction): WaveInfo {
    const wave = waves.find(surveyId, id);
    if (!wave) {
      const known = [DEFAULT_WAVE, ...waves.list(surveyId).map((w) => w.id)].join(', ');
      throw new AppError(422, 'unknown_wave', 'wave_not_found', { wave: id, known }, [{ path: 'compareWaves', message: id }]);
    }
    return wave.id === DEFAULT_WAVE ? { ...wave, label: t('waves.defaultWave') } : wave;
  }

  function compare(survey: OpenSurvey, ids: [string, string], ctx: { t: TFunction; thresholds: Thresholds; labels: { item: (id: string) => string; area: (id: string) => string }; directLink: string }): WaveComparison {
    const surveyId = survey.row.id;
    const [a, b] = [resolve(surveyId, ids[0], ctx.t), resolve(surveyId, ids[1], ctx.t)];
    const layout = survey.current.layout;
    const plan = planFor(layout);
    const translators = new Map<number, ((codes: Uint8Array) => Uint8Array) | null | undefined>();
    const translateFor = (version: number) => {
      if (!translators.has(version)) {
        const loaded = deps.questionnaires.load(survey.row.questionnaire_id, version);
        translators.set(version, loaded ? (loaded.version === survey.current.version ? null : codeTranslator(loaded.layout, layout)) : undefined);
      }
      return translators.get(version);
    };
    const collectors = deps.surveys.collectors(surveyId);
    const ids2 = collectors.map((c) => c.id);
    const gather = (w: WaveInfo) => gatherWave(repo, secret, surveyId, w.id === DEFAULT_WAVE ? null : w.id, plan, layout, translateFor, ids2);
    const [ga, gb] = [gather(a), gather(b)];
    const counts = (acc: ReturnType<typeof gather>['acc']): WaveCounts => {
      const r = acc.result({ perturb });
      return { groups: r.groups, total: r.total, axes: r.axes };
    };
    const [ca, cb] = [counts(ga.acc), counts(gb.acc)];
    const pairs = pairUp(ga.panels, gb.panels);
    const pairKey = pairs.reduce((k, [x, y]) => (k + x.key + y.key) >>> 0, 0);
    const pairCount = perturb ? perturbOne(secret, pairs.length, 'wave-pairs', pairKey) : pairs.length;
    const { minGroup, minCell } = ctx.thresholds;
    const enough = ca.total.n >= minGroup && cb.total.n >= minGroup;
    const n = [ca.total.n, cb.total.n].map((x) => (x >= minGroup ? disclosedCount(x, minCell) : smallCount(minGroup))) as WaveComparison['n'];
    if (!enough) return { a, b, n, pairs: smallCount(minGroup), enough, items: [], areas: [], partners: [] };
    const input = {
      plan,
      a: ca,
      b: cb,
      pairs,
      partners: [...collectors.map((c) => ({ id: c.id as string | null, label: c.label })), { id: null, label: ctx.directLink }],
      labels: ctx.labels,
      perturb,
      thresholds: ctx.thresholds,
    };
    return {
      a,
      b,
      n,
      pairs: pairCount >= minGroup ? disclosedCount(pairCount, minCell) : smallCount(minGroup),
      enough,
      items: compareItems(input),
      areas: compareOverallAreas(input),
      partners: comparePartners(input),
    };
  }

  return {
    /** What the report publishes about waves; throws a 422 naming the known waves when `compareWaves` names an unknown one. */
    report(survey: OpenSurvey, compareWaves: [string, string] | undefined, ctx: Parameters<typeof compare>[2]): WavesReport {
      return { list: waves.list(survey.row.id), comparison: compareWaves ? compare(survey, compareWaves, ctx) : null };
    },
  };
}
export type WaveReporter = ReturnType<typeof createWaveReporter>;
