import type { Db } from '../shared/db';
import { createResponseRepo } from '../responses/repo';
import { createResponseService } from '../responses/service';
import type { AuthService } from '../auth/service';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes responses older than their survey's retention period (the consent page promises it), expired drafts,
 * idempotency keys and sessions. main.ts runs it at start and every 24 hours; deleted responses are recorded in the
 * audit log as "system".
 */
export function createRetentionService(db: Db, auth: AuthService, now: () => Date = () => new Date()) {
  const responses = createResponseRepo(db);
  const leftovers = createResponseService(db, now);
  return {
    purge(): { responses: number; sessions: number; drafts: number } {
      const today = now().toISOString().slice(0, 10);
      const deleted = responses.purgeByRetention(today);
      const sessions = auth.purgeExpired();
      const drafts = leftovers.purgeExpired();
      if (deleted > 0) auth.audit('system', 'responses.retention_purge', '', `${deleted} responses past their retention period`);
      return { responses: deleted, sessions, drafts };
    },
  };
}

/** Runs `purge` now and then every 24 hours without keeping the process alive. */
export function scheduleDaily(task: () => void): NodeJS.Timeout {
  task();
  return setInterval(task, DAY_MS).unref();
}
