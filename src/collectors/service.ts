import type { Db } from '../shared/db';
import type { AuthService } from '../auth/service';
import type { SurveyService } from '../surveys/service';
import type { Collector } from '../surveys/schema';
import { createCollectorRepo } from './repo';

/** Who made a change, as the audit log records it: a signed-in user or the command line. */
export type Actor = Parameters<AuthService['audit']>[0];

export type CollectorChange =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'unchanged' }
  | { ok: false; reason: 'has_responses' | 'in_progress'; count: number };

/**
 * A survey's collectors (partner links) from the admin pages and the command line alike: saved, archived (the link
 * closes, its figures stay in the funnel and reports), reopened, and deleted while nobody answered through them.
 * Every change is written to the audit log.
 */
export function createCollectorService(db: Db, deps: { surveys: SurveyService; audit: AuthService['audit'] }) {
  const repo = createCollectorRepo(db);
  const { surveys, audit } = deps;
  const target = (surveyId: string, id: string) => `${surveyId}/${id}`;

  function save(actor: Actor, surveyId: string, collector: Collector) {
    const existed = Boolean(surveys.collector(surveyId, collector.id));
    surveys.saveCollector(surveyId, collector);
    audit(actor, existed ? 'collector.update' : 'collector.create', target(surveyId, collector.id), `invited ${collector.invited ?? '-'}`);
  }

  function archive(actor: Actor, surveyId: string, id: string): CollectorChange {
    if (!surveys.collector(surveyId, id)) return { ok: false, reason: 'not_found' };
    if (!repo.archive(surveyId, id)) return { ok: false, reason: 'unchanged' };
    audit(actor, 'collector.archive', target(surveyId, id));
    return { ok: true };
  }

  function reopen(actor: Actor, surveyId: string, id: string): CollectorChange {
    if (!surveys.collector(surveyId, id)) return { ok: false, reason: 'not_found' };
    if (!repo.reopen(surveyId, id)) return { ok: false, reason: 'unchanged' };
    audit(actor, 'collector.reopen', target(surveyId, id));
    return { ok: true };
  }

  /** Deletes a collector nobody completed or is completing a response through; archive it otherwise. */
  function remove(actor: Actor, surveyId: string, id: string): CollectorChange {
    if (!surveys.collector(surveyId, id)) return { ok: false, reason: 'not_found' };
    const usage = repo.usage(surveyId, id);
    if (usage.responses > 0) return { ok: false, reason: 'has_responses', count: usage.responses };
    if (usage.drafts > 0) return { ok: false, reason: 'in_progress', count: usage.drafts };
    repo.delete(surveyId, id);
    audit(actor, 'collector.delete', target(surveyId, id), `${usage.starts} unfinished consents removed with it`);
    return { ok: true };
  }

  return { save, archive, reopen, remove, usage: (surveyId: string, id: string) => repo.usage(surveyId, id) };
}
export type CollectorService = ReturnType<typeof createCollectorService>;
