import type { Db } from '../shared/db';
import type { FunnelRow } from '../analysis/schema';
import { disclosedCount } from '../analysis/frequencies';
import type { AuthService } from '../auth/service';
import { MAX_OUTCOMES } from './limits';
import type { EnteredCount, OutcomeDefinition, OutcomeFunnel, OutcomeRow } from './schema';
import { createOutcomesRepo, type OutcomesReader } from './repo';

/** A problem of the figures form: the field (`<measure>.<collectorId>`) and an i18n key of the admin namespace. */
export interface FormIssue {
  path: string;
  message: string;
  params?: Record<string, string>;
}

export const ATTENDED = 'attended';
export const fieldName = (measure: string, collectorId: string) => `${measure}.${collectorId}`;

/** Ids stay with their names: an unchanged name keeps its figures; a new one gets a readable id, or o1, o2, ... */
export function outcomeIds(labels: readonly string[], existing: readonly OutcomeDefinition[]): OutcomeDefinition[] {
  const taken = new Set<string>([ATTENDED]);
  const byLabel = new Map(existing.map((o) => [o.label.toLocaleLowerCase(), o.id]));
  const kept = labels.map((label) => {
    const id = byLabel.get(label.toLocaleLowerCase());
    if (id) taken.add(id);
    return id;
  });
  return labels.map((label, i) => {
    let id = kept[i];
    if (!id) {
      const slug = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
      const base = /^[a-z]/.test(slug) ? slug : `o${i + 1}`;
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
      taken.add(id);
    }
    return { id, label };
  });
}

/** Reads the figures form: every field of every collector the user may edit, all valid or nothing. */
export function parseCountsForm(body: Record<string, unknown>, collectorIds: readonly string[], outcomes: readonly OutcomeDefinition[]): { ok: true; entries: EnteredCount[] } | { ok: false; issues: FormIssue[] } {
  const measures = [ATTENDED, ...outcomes.map((o) => o.id)];
  const expected = new Map(collectorIds.flatMap((c) => measures.map((m) => [fieldName(m, c), { collectorId: c, measure: m }] as const)));
  const entries: EnteredCount[] = [];
  const issues: FormIssue[] = [];
  // Loaded here: the report reads the funnel through this module and should not load the forms' zod schemas.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CountFieldSchema } = require('./schema') as typeof import('./schema');
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const target = expected.get(name);
    if (!target) {
      issues.push({ path: name, message: 'outcomes.errorUnknown' });
      continue;
    }
    const parsed = CountFieldSchema.safeParse(typeof value === 'string' ? value : '#');
    if (parsed.success) entries.push({ ...target, count: parsed.data });
    else issues.push({ path: name, message: 'outcomes.errorCount' });
  }
  return issues.length ? { ok: false, issues } : { ok: true, entries };
}

const sum = (values: readonly (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);

/**
 * The funnel, from the report's perturbed per-collector funnel (responded) and the entered figures. Entered
 * figures (attendance, outcomes) and invitations are operational numbers a partner reports about its own events,
 * not answers: they are shown as entered.
 */
export function buildFunnel(
  repo: OutcomesReader,
  input: {
    surveyId: string;
    funnel: readonly FunnelRow[];
    /** Completed responses and record-key sums per collector, for the overall count's own perturbation. */
    completed: ReadonlyMap<string | null, { n: number; key: number }>;
    perturbOne: (count: number, name: string, key: number) => number;
    minCell: number;
    overallLabel: string;
    visible: 'all' | readonly string[];
  },
): OutcomeFunnel {
  const outcomes = repo.outcomes(input.surveyId);
  const counts = new Map(repo.counts(input.surveyId).map((r) => [fieldName(r.measure, r.collector_id), r.count]));
  const figure = (measure: string, collector: string | null) => (collector === null ? null : (counts.get(fieldName(measure, collector)) ?? null));
  const all = input.funnel.map(
    (f): OutcomeRow => ({
      collector: f.collector,
      label: f.label,
      invited: f.invited,
      responded: f.completed,
      attended: figure(ATTENDED, f.collector),
      outcomes: outcomes.map((o) => figure(o.id, f.collector)),
    }),
  );
  const total = [...input.completed.values()].reduce((a, c) => ({ n: a.n + c.n, key: (a.key + c.key) >>> 0 }), { n: 0, key: 0 });
  const rows = input.visible === 'all' ? all : all.filter((r) => r.collector !== null && input.visible.includes(r.collector));
  const overall: OutcomeRow = {
    collector: null,
    label: input.overallLabel,
    invited: sum(all.map((r) => r.invited)),
    // a population of its own: perturbed under the sum of all record keys, never the sum of perturbed rows
    responded: disclosedCount(input.perturbOne(total.n, 'completed:*', total.key), input.minCell),
    attended: sum(all.map((r) => r.attended)),
    outcomes: outcomes.map((_, i) => sum(all.map((r) => r.outcomes[i]!))),
  };
  return { outcomes, rows, overall };
}

/** Changes to the outcome funnel, each audited with who made it. */
export function createOutcomeService(db: Db, deps: { audit: AuthService['audit'] }) {
  const repo = createOutcomesRepo(db);
  type Actor = Parameters<AuthService['audit']>[0];
  return {
    outcomes: (surveyId: string) => repo.outcomes(surveyId),
    defineOutcomes(actor: Actor, surveyId: string, labels: readonly string[]) {
      const outcomes = outcomeIds(labels.slice(0, MAX_OUTCOMES), repo.outcomes(surveyId));
      repo.replaceOutcomes(surveyId, outcomes);
      deps.audit(actor, 'outcomes.define', surveyId, outcomes.map((o) => o.id).join(', ') || '-');
    },
    saveCounts(actor: Actor, surveyId: string, entries: readonly EnteredCount[]) {
      repo.saveCounts(surveyId, entries, new Date().toISOString().slice(0, 10));
      const byCollector = new Map<string, string[]>();
      for (const e of entries) byCollector.set(e.collectorId, [...(byCollector.get(e.collectorId) ?? []), `${e.measure} ${e.count ?? '-'}`]);
      for (const [collector, detail] of byCollector) deps.audit(actor, 'outcomes.counts', `${surveyId}/${collector}`, detail.join(', '));
    },
  };
}
export type OutcomeService = ReturnType<typeof createOutcomeService>;
