import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import type { Db } from '../shared/db';
import { startCheckpointer } from './checkpointer';
import { startSealer } from './sealer';
import { createPacer, type PacerOptions } from './pacer';
import { createWorkerPool, type WorkerPool } from './pool';
import type { StreamJob, StreamStart, ValueJob } from './schema';
import type { JobServices } from './tasks';
import { createTasks } from './tasks';

/** Under contention a nice-10 thread gets about a tenth of the CPU a normal one gets (Linux CFS weights 110 : 1024). */
export const DEFAULT_NICE = 10;

export interface JobOptions {
  /** Worker threads for reports and exports; 0 runs them on the request loop (tests, `:memory:` databases). */
  workers: number;
  /** The database file the workers open read-only. */
  dbFile: string;
  cacheViews: boolean;
  /** Niceness of the worker threads (Linux), 0-19. */
  nice?: number;
  /** How report jobs yield to a busy request loop (src/jobs/pacer.ts); `false` turns pacing off. */
  pacing?: Partial<PacerOptions> | false;
}

/**
 * Reports (JSON, dashboard, PDF) and exports, off the request loop: the server hands them to a pool of worker threads
 * with their own read-only connections. A sealer thread with a connection of its own seals the responses that filled
 * a segment once a second (src/jobs/sealer.ts), so the workers read whole segments and at most a second's worth of
 * single rows; and a checkpointer thread checkpoints the WAL. With `workers: 0`, or an in-memory database a worker
 * cannot open, the jobs run in process and the report seals before it reads (src/analysis/service.ts).
 */
export function createJobs(db: Db, services: JobServices, options: JobOptions) {
  const pooled = options.workers > 0 && options.dbFile !== ':memory:';
  // report workers cannot write: the counts they keep are stored by the sealer thread (src/analysis/kept-counts.ts)
  const pool: WorkerPool | undefined = pooled ? createWorkerPool(options.workers, { dbFile: options.dbFile, cacheViews: options.cacheViews, nice: options.nice ?? DEFAULT_NICE }, undefined, (row) => sealer?.keep(row)) : undefined;
  const tasks = pooled ? undefined : createTasks(services, { cacheViews: options.cacheViews });
  // Workers read long snapshots; checkpoints then move off the request loop too (src/jobs/checkpointer.ts).
  const checkpointer = pooled ? startCheckpointer(db, options.dbFile) : undefined;
  const sealer = pooled ? startSealer(options.dbFile) : undefined;
  // Reports (JSON, dashboard, PDF) yield to respondents while the request loop is busy; downloads of exports are
  // limited per user and paced by their reader.
  const pacer = pooled && options.pacing !== false ? createPacer(options.pacing || {}) : undefined;
  async function paced<T>(run: () => Promise<T>): Promise<T> {
    if (!pacer) return run();
    await pacer.admit();
    const started = performance.now();
    try {
      return await run();
    } finally {
      pacer.done(performance.now() - started);
    }
  }

  return {
    /** The report as a JSON string, or the dashboard page as HTML. */
    value(job: ValueJob): Promise<string> {
      return pool ? paced(() => pool.value(job)) : tasks!.value(job);
    },
    /** Streams a PDF or an export into `out`; `onStart` (set the headers) runs once the file is certain to come. */
    stream(job: StreamJob, out: Writable, onStart: (start: StreamStart) => void): Promise<void> {
      if (!pool) return tasks!.stream(job, out, onStart);
      return job.kind === 'pdf' ? paced(() => pool.stream(job, out, onStart)) : pool.stream(job, out, onStart);
    },
    /** Starts the workers before the first report needs them. */
    warm: () => pool?.warm(),
    inWorkers: pooled,
    close: async () => {
      await Promise.all([pool?.close(), checkpointer?.stop(), sealer?.stop()]);
    },
  };
}
export type Jobs = ReturnType<typeof createJobs>;
