import type { Writable } from 'node:stream';
import type { Db } from '../shared/db';
import { startCheckpointer } from './checkpointer';
import { startSealer } from './sealer';
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
  const pool: WorkerPool | undefined = pooled ? createWorkerPool(options.workers, { dbFile: options.dbFile, cacheViews: options.cacheViews, nice: options.nice ?? DEFAULT_NICE }) : undefined;
  const tasks = pooled ? undefined : createTasks(services, { cacheViews: options.cacheViews });
  // Workers read long snapshots; checkpoints then move off the request loop too (src/jobs/checkpointer.ts).
  const checkpointer = pooled ? startCheckpointer(db, options.dbFile) : undefined;
  const sealer = pooled ? startSealer(options.dbFile) : undefined;

  return {
    /** The report as a JSON string, or the dashboard page as HTML. */
    value(job: ValueJob): Promise<string> {
      return pool ? pool.value(job) : tasks!.value(job);
    },
    /** Streams a PDF or an export into `out`; `onStart` (set the headers) runs once the file is certain to come. */
    stream(job: StreamJob, out: Writable, onStart: (start: StreamStart) => void): Promise<void> {
      return pool ? pool.stream(job, out, onStart) : tasks!.stream(job, out, onStart);
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
