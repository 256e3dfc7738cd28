import type { Db } from '../shared/db';
import { AppError } from '../shared/errors';
import { fixedT, localize } from '../i18n';
import { isTextLanguage } from '../i18n/languages';
import type { QuestionnaireService } from '../questionnaires/service';
import type { SurveyService } from '../surveys/service';
import { planFor } from './accumulate';
import { countResponses } from './pass';
import { createKeptCounts, type KeptCountsOptions } from './kept-counts';
import { createReportCache } from './report-cache';
import { createNewestTexts } from './newest-texts';
import { compareGroups } from './compare';
import { disclosedCount, smallCount, summarizeFrequencies } from './frequencies';
import { SMALL_GROUP, summarizeAreas, summarizeItems } from './items';
import { summarizeScores } from './scores';
import { filterLabelsFor, labelsFor, scaleLabelsFor } from './labels';
import { createAnalysisRepo, type TextFlag } from './repo';
import { createSegmentStore, loadSecret } from './segments';
import { createPerturb, perturbOne as perturbCount } from './disclosure/perturb';
import type { Comparison, FunnelRow, ReportData } from './schema';
import { filterBlocks, groupingFor, type Filter, type Grouping } from './selection';
import { singleRowBlock } from './block';
import { codeTranslator } from './translate';
import { createWaveReporter } from '../waves/report'; // issue 14: waves
import { buildTrainingPlan } from '../plan/service'; // issue 14: training plan
import { buildFunnel } from '../outcomes/service'; // issue 14: outcome funnel
import { createOutcomesReader } from '../outcomes/repo';

/** What the viewer may read beyond aggregates: raw free text of all collectors, some, or none. */
export interface ViewerScope {
  freeText: 'all' | 'none' | readonly string[];
  /** Partners whose training plan the viewer sees: a coordinator's own collectors; all when absent. */
  partners?: 'all' | readonly string[];
}

export interface ReportRequest {
  surveyId: string;
  lang?: string;
  groupBy?: string;
  filters?: Filter[];
  /** Waves (issue 14): compare wave b with wave a (ids; `default` is the default wave). */
  compareWaves?: [string, string];
  viewer: ViewerScope;
}

const MAX_OPEN_ANSWERS = 300;

/** Questionnaire groupings keep the definition's order; collectors and languages are sorted by label. */
function orderedKeys(grouping: Grouping) {
  const keys = grouping.keys.map((k, index) => ({ ...k, index }));
  return grouping.id === 'collector' || grouping.id === 'lang' ? keys.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key)) : keys;
}

/**
 * `perturb: false` gives exact counts: only for tests that check the statistics against a recomputation from raw
 * answers. `segmentSize` (tests only) seals smaller segments than the default 1,024 responses. `keepCounts` says how
 * counts are kept in the database (kept-counts.ts: with their tails by the command line, handed to the sealer thread
 * by a report worker); `false` (tests only: a report "from scratch") neither reads nor writes them. Nothing in the
 * configuration can turn perturbation off; every server and CLI report perturbs.
 */
export function createAnalysisService(db: Db, deps: { surveys: SurveyService; questionnaires: QuestionnaireService }, options: { perturb?: boolean; segmentSize?: number; keepCounts?: boolean | KeptCountsOptions } = {}) {
  const repo = createAnalysisRepo(db);
  const segments = createSegmentStore(db, options.segmentSize);
  const secret = loadSecret(db);
  const perturb = options.perturb === false ? undefined : createPerturb(secret);
  const perturbOne = (count: number, name: string, key: number) => (perturb ? perturbCount(secret, count, name, key) : count);
  const outcomes = createOutcomesReader(db);
  const waveReporter = createWaveReporter(db, deps, perturb); // issue 14: waves
  const cache = options.keepCounts === false ? createReportCache() : createKeptCounts(db, typeof options.keepCounts === 'object' ? options.keepCounts : {});
  const newestTexts = createNewestTexts(repo, MAX_OPEN_ANSWERS);

  /** `completed` counts every response per collector, whatever the report's filters (counted during the scan). */
  function funnel(surveyId: string, completedTrue: Map<string | null, { n: number; key: number }>, minCell: number, directLink: string): FunnelRow[] {
    // Published counts are perturbed like every other count: completions under the key of their responses, starts
    // (counted by triggers, without records) under a key of their own count.
    const completed = new Map([...completedTrue].map(([c, { n, key }]) => [c, perturbOne(n, `completed:${c ?? ''}`, key)]));
    const started = new Map(repo.started(surveyId).map((r) => [r.collector_id, r.n]));
    const collectors: { id: string | null; label: string; invited: number | null }[] = deps.surveys
      .collectors(surveyId)
      .map((c) => ({ id: c.id, label: c.label, invited: c.invited ?? null }));
    if (started.has(null) || completed.has(null)) collectors.push({ id: null, label: directLink, invited: null });
    return collectors.map((c) => {
      const trueStarted = started.get(c.id) ?? 0;
      const s = perturbOne(trueStarted, `started:${c.id ?? ''}`, trueStarted);
      const done = completed.get(c.id) ?? 0;
      const hidden = done > 0 && done < minCell;
      return {
        collector: c.id,
        label: c.label,
        invited: c.invited,
        started: disclosedCount(s, minCell),
        completed: disclosedCount(done, minCell),
        completionRate: s ? (hidden ? { suppressed: true, reason: 'small_cell' } : Math.min(1, done / s)) : null,
        responseRate: c.invited ? (hidden ? { suppressed: true, reason: 'small_cell' } : done / c.invited) : null,
      };
    });
  }

  /**
   * Free text the viewer may read, newest first. With all collectors in scope the total comes from the coded
   * "answered" flags and the newest answers are kept between reports; a scoped viewer's answers are counted as read.
   */
  function openAnswers(req: ReportRequest, texts: { id: string; label: string; answered: number; flag: TextFlag }[], keep: (codes: Uint8Array, collector: string | null, lang: string) => boolean, enough: boolean, selection: string, version: number) {
    const scope = req.viewer.freeText;
    return texts.map(({ id, label, answered, flag }) => {
      if (scope === 'none' || !enough) return { questionId: id, label, answers: [], total: 0, shown: false };
      // With everything in scope (a viewer entitled to the raw answers), the newest MAX_OPEN_ANSWERS answers of the
      // selection, whatever the perturbed "answered" count says, and that count as the total unless more are shown:
      // kept between reports, only rows stored since are read (newest-texts.ts).
      if (scope === 'all') {
        const answers = newestTexts.newest(`${selection}|${id}`, req.surveyId, id, version, keep, flag);
        return { questionId: id, label, answers, total: Math.max(answered, answers.length), shown: true };
      }
      // A viewer scoped to some collectors: their answers are read and counted.
      const answers: string[] = [];
      let total = 0;
      for (const [codes, collector, lang, text] of repo.texts(req.surveyId, id, flag)) {
        if (!scope.includes(collector ?? '')) continue;
        if (!keep(codes, collector, lang)) continue;
        total++;
        if (answers.length < MAX_OPEN_ANSWERS) answers.push(text);
      }
      return { questionId: id, label, answers, total, shown: true };
    });
  }

  /** The complete diagnosis of a survey: one streaming pass over the coded responses, then pure summaries. */
  function compute(req: ReportRequest): ReportData {
    const survey = deps.surveys.find(req.surveyId);
    if (!survey) throw new AppError(404, 'not_found', 'survey_not_found');
    const definition = survey.current.definition;
    const lang = req.lang && isTextLanguage(req.lang) ? req.lang : survey.row.default_lang;
    const t = fixedT(lang, 'report');
    const labels = labelsFor(definition, lang);
    const thresholds = { minCell: survey.row.min_cell, minGroup: survey.row.min_group };
    const layout = survey.current.layout;
    const filters = req.filters ?? [];
    const matches = filterBlocks(layout, filters);
    const collectorLabels = new Map(deps.surveys.collectors(req.surveyId).map((c) => [c.id, c.label]));
    const languageNames = new Intl.DisplayNames([lang], { type: 'language' });
    const filterLabels = filterLabelsFor(definition, lang, filters, { groupBy: (id) => t(`groupBy.${id}`), collector: (id) => collectorLabels.get(id) ?? id, directLink: t('directLink'), otherCountry: fixedT(lang, 'respondent')('otherCountry') });
    const makeGrouping = (knownKeys?: readonly string[]): Grouping | undefined =>
      req.groupBy
        ? groupingFor(
            layout,
            req.groupBy,
            {
              option: labels.option,
              noAnswer: t('noAnswer'),
              directLink: t('directLink'),
              collector: (id) => collectorLabels.get(id) ?? id,
              language: (l) => languageNames.of(l) ?? l,
            },
            knownKeys,
          )
        : undefined;
    // Validates the grouping (a 400 for an unknown question) before anything is read.
    makeGrouping();

    const plan = planFor(layout);
    const versions = repo.versions(req.surveyId);
    const toRead = versions.flatMap((version) => {
      const loaded = deps.questionnaires.load(survey.row.questionnaire_id, version);
      if (!loaded) return [];
      segments.seal(req.surveyId, version);
      return [{ version, size: loaded.layout.size, translate: loaded.version === survey.current.version ? null : codeTranslator(loaded.layout, layout) }];
    });
    const cacheKey = JSON.stringify([req.surveyId, survey.row.questionnaire_id, survey.current.version, req.groupBy ?? null, filters]);
    const selection = { surveyId: req.surveyId, layout, plan, versions: toRead, matches };
    // Issue 14, training plan: the same selection counted per partner (collector) in the same pass, unless the report
    // already groups by collector; kept in the cache under its own key like the report's.
    const byPartner = (knownKeys?: readonly string[]) =>
      groupingFor(layout, 'collector', { option: labels.option, noAnswer: t('noAnswer'), directLink: t('directLink'), collector: (id) => collectorLabels.get(id) ?? id, language: (l) => languageNames.of(l) ?? l }, knownKeys);
    const partnerKey = JSON.stringify([req.surveyId, survey.row.questionnaire_id, survey.current.version, 'collector', filters]);
    const [main, partners] = countResponses(db, segments, cache, repo.generation, [
      { ...selection, cacheKey, makeGrouping },
      ...(req.groupBy === 'collector' ? [] : [{ ...selection, cacheKey: partnerKey, makeGrouping: byPartner }]),
    ]);
    const { acc, grouping, languages, completed } = main!;
    const partnerPass = partners ? { grouping: partners.grouping!, result: (p: typeof perturb) => partners.acc.result({ perturb: p }) } : null;
    const counts = acc.result({ perturb });
    const total = counts.total;
    const enough = total.n >= thresholds.minGroup;
    // A selection under min_group publishes no figure at all: perturbed item tables of a few respondents could
    // otherwise add up past the threshold item by item.
    const { items, locus } = enough ? summarizeItems(counts, total, labels.questions, thresholds.minGroup) : { items: [], locus: SMALL_GROUP };
    const comparison: Comparison | null =
      grouping && enough
        ? compareGroups(counts, orderedKeys(grouping), { id: grouping.id, label: grouping.id === 'collector' || grouping.id === 'lang' ? t(`groupBy.${grouping.id}`) : labels.question(grouping.id) }, { ...labels, otherGroups: t('otherGroups') }, thresholds)
        : null;
    const shownGroups = comparison && grouping ? new Set(comparison.groups.filter((g) => g.status === 'shown').map((g) => g.key)) : null;
    const keep = (codes: Uint8Array, collector: string | null, rowLang: string) => {
      const one = singleRowBlock(codes, collector, rowLang);
      return (matches(one)?.[0] ?? 1) === 1 && (!shownGroups || !grouping || shownGroups.has(grouping.keys[grouping.groupsOf(one)[0]!]!.key));
    };
    const answeredIn = (f: number) => counts.groups.reduce((sum, g, i) => sum + (!shownGroups || !grouping || shownGroups.has(grouping.keys[i]?.key ?? "") ? g.texts[f]! : 0), 0);
    const texts = plan.texts.map((field, f) => ({ id: field.question.id, label: labels.question(field.question.id), answered: answeredIn(f), flag: { version: survey.current.version, offset: field.offset } }));

    return {
      survey: { id: survey.row.id, title: localize(definition.title, lang, definition.defaultLanguage).text, versions, isDemo: survey.row.is_demo === 1 || repo.hasDemo(req.surveyId), defaultLanguage: survey.row.default_lang },
      lang,
      generatedOn: new Date().toISOString().slice(0, 10),
      thresholds,
      filters: filters.map((f, i) => ({ ...f, ...filterLabels[i]! })),
      scaleLabels: scaleLabelsFor(definition, lang),
      sample: {
        // A selection under min_group publishes nothing about itself, not even its size.
        n: enough ? total.n : smallCount(thresholds.minGroup),
        enough,
        languages: enough
          ? [...languages]
              .map(([l, c]) => [l, perturbOne(c.n, `lang:${l}`, c.key)] as const)
              .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
              .map(([l, n]) => ({ lang: l, label: languageNames.of(l) ?? l, n: disclosedCount(n, thresholds.minCell) }))
          : [],
        funnel: funnel(req.surveyId, completed, thresholds.minCell, t('directLink')),
      },
      scalePoints: layout.points,
      items,
      locus,
      areas: enough ? summarizeAreas(counts, total, labels.areas, thresholds.minGroup) : [],
      scores: enough ? summarizeScores(counts, total, labels, thresholds.minGroup) : [],
      frequencies: enough ? summarizeFrequencies(counts, total, labels, thresholds.minCell) : [],
      comparison,
      openAnswers: openAnswers(req, texts, keep, enough, JSON.stringify([cacheKey, [...(shownGroups ?? [])].sort()]), Math.max(0, ...versions)),
      // issue 14: waves (src/waves/report.ts), under the same disclosure control
      waves: waveReporter.report(survey, req.compareWaves, { t, thresholds, labels: { item: labels.question, area: labels.area }, directLink: t('directLink') }),
      trainingPlan: buildTrainingPlan({
        definition,
        labels,
        thresholds,
        partners: { acc: partnerPass ? partnerPass.result(perturb) : counts, grouping: partnerPass ? partnerPass.grouping : grouping!, collectors: deps.surveys.collectors(req.surveyId) },
        grouping: grouping && partnerPass ? { acc: counts, grouping, label: labels.question(grouping.id) } : null,
        visiblePartners: req.viewer.partners ?? 'all',
      }),
      // issue 14: invited → responded → attended → outcomes per partner (src/outcomes)
      outcomeFunnel: buildFunnel(outcomes, { surveyId: req.surveyId, funnel: funnel(req.surveyId, completed, thresholds.minCell, t('directLink')), completed, perturbOne, minCell: thresholds.minCell, overallLabel: t('method.funnel.overall'), visible: req.viewer.partners ?? 'all' }),
    };
  }

  /**
   * Reports already built, by request, while nothing at all was written to the database since (no response, start,
   * setting, outcome or wave: SQLite's data_version moves with every other connection's commit, total_changes with
   * this connection's writes) and on the same day (the report is dated). Several people looking at the same
   * dashboard, its PDF, a refresh: built once. Handed out as copies, so no caller can change a kept report.
   */
  const built = new Map<string, { state: string; report: ReportData }>();
  function build(req: ReportRequest): ReportData {
    const key = JSON.stringify(req);
    // read before building: a write while the report is built makes the next request build it again
    const state = `${repo.dataState()}|${new Date().toISOString().slice(0, 10)}`;
    const found = built.get(key);
    built.delete(key);
    if (found && found.state === state) {
      built.set(key, found);
      return structuredClone(found.report);
    }
    const report = compute(req);
    built.set(key, { state, report: structuredClone(report) });
    if (built.size > 32) built.delete(built.keys().next().value!);
    return report;
  }

  return { build };
}
export type AnalysisService = ReturnType<typeof createAnalysisService>;
