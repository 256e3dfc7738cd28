import type { Writable } from 'node:stream';
import { createAnalysisRepo } from '../analysis/repo';
import { createSegmentStore } from '../analysis/segments';
import type { Db } from '../shared/db';
import { startCheckpointer } from './checkpointer';
import { createWorkerPool, type WorkerPool } from './pool';
import type { StreamJob, StreamStart, ValueJob } from './schema';
import type { JobServices } from './tasks';
import { createTasks } from './tasks';

/** Under contention a nice-10 thread gets about a tenth of the CPU a normal one gets (Linux CFS weights 110 : 1024). */
export const DEFAULT_NICE = 10;

const SEAL_EVERY_MS = 1000;

export interface JobOptions {
  /** Worker threads for reports and exports; 0 runs them on the request loop (tests, `:memory:` databases). */
  workers: number;
  /** The database file the workers open read-only. */
  dbFile: string;
  cacheViews: boolean;
  /** Niceness of the worker threads (Linux), 0-19. */
  nice?: number;
}

/**
 * Reports (JSON, dashboard, PDF) and exports, off the request loop: the server hands them to a pool of worker threads
 * with their own read-only connections. Before a report job the server's connection seals the responses that filled a
 * segment since the last report (a write, so it cannot happen in a worker; a few milliseconds at most), so the worker
 * reads whole segments. With `workers: 0`, or an in-memory database a worker cannot open, the jobs run in process.
 */
export function createJobs(db: Db, services: JobServices, options: JobOptions) {
  const pooled = options.workers > 0 && options.dbFile !== ':memory:';
  const pool: WorkerPool | undefined = pooled ? createWorkerPool(options.workers, { dbFile: options.dbFile, cacheViews: options.cacheViews, nice: options.nice ?? DEFAULT_NICE }) : undefined;
  const tasks = pooled ? undefined : createTasks(services, { cacheViews: options.cacheViews });
  const analysisRepo = createAnalysisRepo(db);
  const segments = pooled ? createSegmentStore(db) : undefined;
  // Workers read long snapshots; checkpoints then move off the request loop too (src/jobs/checkpointer.ts).
  const checkpointer = pooled ? startCheckpointer(db, options.dbFile) : undefined;

  /**
   * At most once a second per survey: a client fetching reports back to back would otherwise cost the request loop a
   * scan of the survey's versions each time. The worker reads the rows sealed since as single rows (a second's worth).
   */
  const sealedAt = new Map<string, number>();
  function seal(surveyId: string) {
    if (!segments) return;
    const now = Date.now();
    if (now - (sealedAt.get(surveyId) ?? 0) < SEAL_EVERY_MS) return;
    sealedAt.set(surveyId, now);
    for (const version of analysisRepo.versions(surveyId)) segments.seal(surveyId, version);
  }

  return {
    /** The report as a JSON string, or the dashboard page as HTML. */
    value(job: ValueJob): Promise<string> {
      seal(job.request.surveyId);
      return pool ? pool.value(job) : tasks!.value(job);
    },
    /** Streams a PDF or an export into `out`; `onStart` (set the headers) runs once the file is certain to come. */
    stream(job: StreamJob, out: Writable, onStart: (start: StreamStart) => void): Promise<void> {
      if (job.kind === 'pdf') seal(job.request.surveyId);
      return pool ? pool.stream(job, out, onStart) : tasks!.stream(job, out, onStart);
    },
    /** Starts the workers before the first report needs them. */
    warm: () => pool?.warm(),
    inWorkers: pooled,
    close: async () => {
      await Promise.all([pool?.close(), checkpointer?.stop()]);
    },
  };
}
export type Jobs = ReturnType<typeof createJobs>;
