import type { Count, Frequency } from '../analysis/schema';

/**
 * What a training plan asks of the preferences the same respondents gave. A questionnaire marks nothing: the
 * questions are recognised by their ids (see `planRoleOf`), which are stable and the same in every language.
 */
export const PLAN_ROLES = ['formats', 'barriers', 'language', 'international'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

/** One first-priority need (Locus for Focus quadrant I) of a group, with the figures that put it there. */
export interface PlanItem {
  id: string;
  label: string;
  area: string;
  /** Respondents of the group who rated it (perturbed). */
  n: number;
  mwds: number;
  /** Rank among all items of the group (1 = highest MWDS). */
  rank: number;
  meanImportance: number;
  meanGap: number;
}

/** A training module: the first-priority needs of one competence area, highest MWDS first. */
export interface PlanModule {
  area: string;
  label: string;
  items: PlanItem[];
}

export type PlanPreference = Frequency & { role: PlanRole };

/** The plan of one partner (collector) or one group of the chosen grouping. */
export interface PlanUnit {
  key: string;
  label: string;
  /** Perturbed size; a group under min_group publishes nothing about itself, not even its size. */
  n: Count;
  /**
   * As in the report's comparison: `small` (fewer respondents than min_group, alone or folded with other small
   * groups) and `withheld` (secondary suppression, see foldSmallGroups) publish nothing for this group.
   */
  status: 'shown' | 'small' | 'withheld';
  /** All first-priority needs, highest MWDS first. */
  items: PlanItem[];
  /** The same needs grouped by competence area; modules in the order of their most urgent need. */
  modules: PlanModule[];
  preferences: PlanPreference[];
}

/** `trainingPlan` of the report data (GET /api/surveys/:id/report). */
export interface TrainingPlan {
  /** One plan per partner link (and the direct link), those the viewer may see. */
  partners: PlanUnit[];
  /** With `groupBy` a question (not "collector"): one plan per group of it. */
  grouping: { id: string; label: string; groups: PlanUnit[] } | null;
  /** The questions the preferences come from, by role (null: the questionnaire has none recognised). */
  questions: Record<PlanRole, string | null>;
}
