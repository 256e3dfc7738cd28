import { z } from 'zod';
import type { LocusQuadrant } from './stats';
import { CompareWavesSchema, type WavesReport } from '../waves/schema';
import type { TrainingPlan } from '../plan/schema';
import type { OutcomeFunnel } from '../outcomes/schema';
import type { FilterLabels } from './labels';
import { isSuppressed, type Suppressed } from './suppressed';

/** Query of GET /api/surveys/:id/report (filters arrive as `filter.<questionId>=<value>`, repeatable). */
export const ReportQuerySchema = z.object({
  lang: z.string().max(10).optional(),
  /** A single-choice or country question id, or "collector" or "lang". */
  groupBy: z.string().max(64).optional(),
  /** Waves (issue 14): `<a>,<b>` compares wave b with wave a (src/waves). */
  compareWaves: CompareWavesSchema.optional(),
});

/** A figure withheld by disclosure control (METHODOLOGY.md section 4): suppressed.ts. */
export { isSuppressed, type Suppressed };
export type Disclosed<T> = T | Suppressed;

/** A count shown as a number, or as "<5" (`{ suppressed, reason: 'small_cell', below: 5 }`). */
export type Count = number | (Suppressed & { below?: number });

export interface Distribution {
  mean: number;
  sd: number;
  median: number;
  q1: number;
  q3: number;
  ci95: [number, number];
  /** Respondents per scale point 1..K. */
  counts: number[];
}

export interface ItemSummary {
  id: string;
  area: string;
  label: string;
  /** Respondents who rated both importance and proficiency (not-applicable answers are not counted). */
  n: number;
  notApplicable: number;
  importance: Disclosed<Distribution>;
  proficiency: Disclosed<Distribution>;
  gap: Disclosed<{ mean: number; sd: number; ci95: [number, number]; positiveShare: number; positiveCi: [number, number] | null }>;
  mwds: Disclosed<number>;
  /** 1 = highest need; ties share the average rank. */
  rank: Disclosed<number>;
  quadrant: Disclosed<LocusQuadrant>;
  /** Paired Wilcoxon signed-rank test of importance vs proficiency. */
  wilcoxon: Disclosed<{ z: number; p: number; r: number }>;
}

export interface ScaleScore {
  n: number;
  mean: number;
  sd: number;
  median: number;
  ci95: [number, number];
}

export interface AreaSummary {
  id: string;
  label: string;
  itemIds: string[];
  importance: Disclosed<ScaleScore>;
  proficiency: Disclosed<ScaleScore>;
  gap: Disclosed<ScaleScore>;
  mwds: Disclosed<number>;
  /** Cronbach's alpha over complete cases; flagged below 0.70. */
  alpha: { importance: number | null; proficiency: number | null; n: number; flagged: boolean };
}

/** Mean, SD, 95% interval, median and quartiles of a score: a single Likert question or a number question. */
export interface ScoreStats {
  n: number;
  mean: number;
  sd: number;
  ci95: [number, number];
  median: number;
  q1: number;
  q3: number;
}

/** A single Likert or number question summarised as a score (METHODOLOGY section 3). */
export interface ScoreSummary {
  questionId: string;
  label: string;
  type: 'likert' | 'number';
  page: string;
  /** Respondents who answered. */
  n: number;
  /** Likert: the number of points (answers 1..points); numbers: null. */
  points: number | null;
  stats: Disclosed<ScoreStats>;
}

/** Kruskal-Wallis test across groups (tie-corrected H) with epsilon squared. */
export interface GroupTest {
  h: number;
  df: number;
  p: number;
  epsilonSquared: number;
}

/** One pair of a post-hoc Mann-Whitney comparison, Holm-adjusted; `a` and `b` are column keys. */
export interface PairwiseTest {
  a: string;
  b: string;
  pAdjusted: number;
  r: number;
}

export interface FrequencyOption {
  id: string;
  label: string;
  count: Count;
  share: Disclosed<number>;
  ci95: Disclosed<[number, number] | null>;
}

export interface Frequency {
  questionId: string;
  label: string;
  type: 'single' | 'multiple' | 'likert' | 'country';
  page: string;
  /** Respondents who answered this question. */
  n: number;
  options: FrequencyOption[];
}

export interface GroupInfo {
  key: string;
  label: string;
  n: Count;
  status: 'shown' | 'folded' | 'suppressed' | 'withheld';
}

export interface GroupCell {
  n: number;
  mean: number;
  sd: number;
  ci95: [number, number];
}

export interface Comparison {
  by: { id: string; label: string };
  groups: GroupInfo[];
  /** The columns statistics are shown for: shown groups, then "other groups" when small ones were folded. */
  columns: { key: string; label: string; n: number }[];
  areas: {
    id: string;
    label: string;
    /** Mean gap per column (the heat map), with n, SD and 95% interval. */
    gap: Disclosed<GroupCell>[];
    importance: Disclosed<GroupCell>[];
    proficiency: Disclosed<GroupCell>[];
    kruskal: Disclosed<GroupTest>;
    pairwise: PairwiseTest[];
  }[];
  /** Single Likert and number questions per column, tested like the areas. */
  scores: {
    questionId: string;
    label: string;
    type: 'likert' | 'number';
    cells: Disclosed<ScoreStats>[];
    kruskal: Disclosed<GroupTest>;
    pairwise: PairwiseTest[];
  }[];
  items: { id: string; label: string; medianGap: Disclosed<number>[]; kruskal: Disclosed<{ h: number; df: number; p: number; epsilonSquared: number }> }[];
  /** The five highest MWDS per column. */
  topNeeds: { column: string; items: { id: string; label: string; mwds: number }[] }[];
  /** Categorical background answers by group: percentages per column, chi-square and Cramér's V. */
  categorical: {
    questionId: string;
    label: string;
    options: { id: string; label: string }[];
    /** [column][option] counts after cell suppression. */
    cells: Count[][];
    test: Disclosed<{ chi2: number; df: number; p: number; cramersV: number; lowExpectedShare: number }>;
  }[];
}

export interface FunnelRow {
  collector: string | null;
  label: string;
  invited: number | null;
  started: Count;
  completed: Count;
  completionRate: Disclosed<number> | null;
  responseRate: Disclosed<number> | null;
}

export interface ReportData {
  survey: { id: string; title: string; versions: number[]; isDemo: boolean; defaultLanguage: string };
  lang: string;
  generatedOn: string;
  thresholds: { minCell: number; minGroup: number };
  /** The selection, with the question's and options' labels in the report language (`label`, `valueLabels`). */
  filters: ({ questionId: string; values: string[] } & FilterLabels)[];
  /** The competence scales' point texts and "not applicable" label as the form shows them; null without competence questions. */
  scaleLabels: { importance: string[]; proficiency: string[]; notApplicable: string } | null;
  sample: {
    /** Perturbed (cell-key method); suppressed when the selection is smaller than min_group. */
    n: Count;
    /** False when the selection has fewer respondents than the smallest group allowed: no statistics are shown. */
    enough: boolean;
    languages: { lang: string; label: string; n: Count }[];
    funnel: FunnelRow[];
  };
  /** Points K of the competence scales: importance and proficiency are rated 1..K, gaps run from -(K-1) to K-1. */
  scalePoints: number;
  items: ItemSummary[];
  locus: Disclosed<{ grandImportance: number; grandGap: number }>;
  areas: AreaSummary[];
  /** Single Likert and number questions: mean (SD), median (IQR); withheld under minGroup answers. */
  scores: ScoreSummary[];
  frequencies: Frequency[];
  comparison: Comparison | null;
  openAnswers: { questionId: string; label: string; answers: string[]; total: number; shown: boolean }[];
  /** Waves (issue 14): the survey's waves and, with `compareWaves`, their comparison (src/waves). */
  waves?: WavesReport;
  /** Issue 14: first-priority needs per partner and per group, with their training preferences (src/plan); always set by build(). */
  trainingPlan?: TrainingPlan;
  /** Issue 14: invited → responded → attended → outcomes per partner (src/outcomes); always set by build(). */
  outcomeFunnel?: OutcomeFunnel;
}
