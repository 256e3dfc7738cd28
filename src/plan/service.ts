import type { Questionnaire } from '../questionnaires/schema';
import type { Accumulated, GroupCounts } from '../analysis/accumulate';
import { smallCount, summarizeFrequencies, type LabelSource } from '../analysis/frequencies';
import { prioritizeItems } from '../analysis/items';
import type { Count } from '../analysis/schema';
import type { Grouping } from '../analysis/selection';
import { foldSmallGroups } from '../analysis/stats';
import { PLAN_ROLES, type PlanItem, type PlanModule, type PlanRole, type PlanUnit, type TrainingPlan } from './schema';

/**
 * The training plan (issue 14, part 1): per partner and per group of a grouping, the Locus for Focus quadrant I
 * items of that group's own diagnosis ordered by MWDS, grouped into modules by competence area, with the group's
 * answers about training formats, barriers, language and international training. Everything is derived from the
 * group's perturbed count tables, exactly as the report's comparison is, and a group the comparison would not show
 * (under min_group, or withheld by secondary suppression) publishes nothing.
 */

const ROLE_PATTERNS: Record<PlanRole, { pattern: RegExp; types: readonly string[] }> = {
  formats: { pattern: /(^|_)formats?(_|$)/, types: ['multiple', 'single'] },
  barriers: { pattern: /(^|_)(barriers?|obstacles?)(_|$)/, types: ['multiple', 'single'] },
  language: { pattern: /(^|_)languages?(_|$)/, types: ['single', 'multiple'] },
  international: { pattern: /(^|_)(international|mobility)(_|$)/, types: ['likert', 'single', 'multiple'] },
};

/** The first question (in questionnaire order) whose id names each role: `formats`, `training_language`, ... */
export function planQuestions(definition: Questionnaire): Record<PlanRole, string | null> {
  const questions = definition.pages.flatMap((p) => p.questions);
  const found = Object.fromEntries(PLAN_ROLES.map((role) => [role, null])) as Record<PlanRole, string | null>;
  for (const role of PLAN_ROLES) {
    const { pattern, types } = ROLE_PATTERNS[role];
    found[role] = questions.find((q) => types.includes(q.type) && pattern.test(q.id) && !Object.values(found).includes(q.id))?.id ?? null;
  }
  return found;
}

export interface PlanLabels extends LabelSource {
  questions: Map<string, string>;
  area: (id: string) => string;
}

/** The plan of one group whose size may be published: its quadrant I items, modules and preferences. */
function unitPlan(acc: Accumulated, g: GroupCounts, labels: PlanLabels, thresholds: { minCell: number; minGroup: number }, roles: Record<PlanRole, string | null>) {
  // Priorities only (moments, ranks, quadrants): the report's full item statistics for every partner and group
  // would cost most of a report's time, and the plan shows none of them. Same figures as summarizeItems.
  const { items } = prioritizeItems(acc, g, thresholds.minGroup);
  const first: PlanItem[] = items
    .filter((i) => i.quadrant === 'first_priority' && i.rank !== undefined)
    .map((i) => {
      const field = acc.plan.items[i.index]!;
      const id = field.question.id;
      return { id, label: labels.questions.get(id) ?? id, area: field.area, n: i.n, mwds: i.mwds, rank: i.rank!, meanImportance: i.meanImportance, meanGap: i.meanGap };
    })
    .sort((a, b) => b.mwds - a.mwds || a.rank - b.rank);
  const modules: PlanModule[] = [];
  for (const item of first) {
    let module = modules.find((m) => m.area === item.area);
    if (!module) modules.push((module = { area: item.area, label: labels.area(item.area), items: [] }));
    module.items.push(item);
  }
  const roleOf = new Map(Object.entries(roles).flatMap(([role, id]) => (id ? [[id, role as PlanRole] as const] : [])));
  const preferences = summarizeFrequencies(acc, g, labels, thresholds.minCell)
    .filter((f) => roleOf.has(f.questionId))
    .map((f) => ({ ...f, role: roleOf.get(f.questionId)! }))
    .sort((a, b) => PLAN_ROLES.indexOf(a.role) - PLAN_ROLES.indexOf(b.role));
  return { items: first, modules, preferences };
}

/** Plans of every group of `keys` (index = the group's index in `acc`); the fold decides which groups may publish. */
export function groupPlans(acc: Accumulated, keys: readonly { key: string; label: string; index: number }[], labels: PlanLabels, thresholds: { minCell: number; minGroup: number }, roles: Record<PlanRole, string | null>): PlanUnit[] {
  const sizes = keys.map((k) => ({ key: k.key, n: acc.groups[k.index]?.n ?? 0 })).filter((s) => s.n > 0);
  const fold = foldSmallGroups(sizes, thresholds.minGroup);
  return keys.map((k): PlanUnit => {
    const g = acc.groups[k.index];
    const status = g && fold.shown.includes(k.key) ? 'shown' : fold.withheld.includes(k.key) ? 'withheld' : 'small';
    // a withheld group is large enough, so "<min_group" would be untrue: its size is simply not given
    const n: Count = status === 'withheld' ? { suppressed: true, reason: 'secondary' } : smallCount(thresholds.minGroup);
    if (!g || status !== 'shown') return { key: k.key, label: k.label, n, status, items: [], modules: [], preferences: [] };
    return { key: k.key, label: k.label, n: g.n, status, ...unitPlan(acc, g, labels, thresholds, roles) };
  });
}

export interface PlanInputs {
  definition: Questionnaire;
  labels: PlanLabels;
  thresholds: { minCell: number; minGroup: number };
  /** Counts by collector, the collector grouping they were counted with, and every collector of the survey. */
  partners: { acc: Accumulated; grouping: Grouping; collectors: readonly { id: string; label: string }[] };
  /** The report's grouping when it is a question: its counts and groups. */
  grouping: { acc: Accumulated; grouping: Grouping; label: string } | null;
  /** The partners the viewer may see: a coordinator's own collectors; 'all' for everyone else. */
  visiblePartners: 'all' | readonly string[];
}

export function buildTrainingPlan(input: PlanInputs): TrainingPlan {
  const roles = planQuestions(input.definition);
  const counted = input.partners.grouping.keys.map((k, index) => ({ ...k, index }));
  // every partner link has a plan, also one nobody answered through yet (it then publishes nothing)
  const idle = input.partners.collectors.filter((c) => !counted.some((k) => k.key === c.id)).map((c) => ({ key: c.id, label: c.label, index: -1 }));
  const partnerKeys = [...counted, ...idle].sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  const partners = groupPlans(input.partners.acc, partnerKeys, input.labels, input.thresholds, roles).filter((u) => input.visiblePartners === 'all' || (u.key !== '' && input.visiblePartners.includes(u.key)));
  const grouping = input.grouping
    ? {
        id: input.grouping.grouping.id,
        label: input.grouping.label,
        // as in the comparison, a group appears once someone is in it (a country list names many nobody answered from)
        groups: groupPlans(input.grouping.acc, input.grouping.grouping.keys.map((k, index) => ({ ...k, index })).filter((k) => (input.grouping!.acc.groups[k.index]?.n ?? 0) > 0), input.labels, input.thresholds, roles),
      }
    : null;
  return { partners, grouping, questions: roles };
}
