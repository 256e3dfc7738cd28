import type { Db } from '../shared/db';

export interface GroupCommitOptions {
  /** Most writes shared by one commit; a longer queue is written by the next turns. */
  maxBatch?: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Group commit: writes queued during one turn of the event loop share one transaction, so one WAL fsync
 * (synchronous=FULL) makes them all durable. A write that throws is rolled back alone and rejected alone; the others
 * commit (the batch is then written again with a SAVEPOINT per write). Every promise settles only after the COMMIT
 * returned, so an acknowledged write is on disk. If the batch itself fails (BEGIN or COMMIT, or an error that ends
 * the transaction), nothing of it is stored and every write of it is rejected.
 *
 * better-sqlite3 is synchronous, so the batch is what accumulated before `setImmediate` fires: requests parsed in the
 * same poll phase, and those that arrived while the previous commit blocked the loop on its fsync.
 */
export function createGroupCommit<T, R>(db: Db, write: (item: T) => R, options: GroupCommitOptions = {}) {
  const maxBatch = options.maxBatch ?? 500;
  const queue: Pending<T, R>[] = [];
  let scheduled = false;

  // Optimistic first: writes almost never throw, so the batch runs without savepoints. If one throws, the whole
  // transaction is rolled back (nothing was acknowledged) and the batch is written again the careful way.
  const writeAll = db.transaction((batch: Pending<T, R>[]): Outcome<R>[] => batch.map((pending) => ({ ok: true, value: write(pending.item) })));
  // A transaction function called inside another runs as a SAVEPOINT (better-sqlite3): all-or-nothing per write.
  const writeOne = db.transaction(write);
  const writeEach = db.transaction((batch: Pending<T, R>[]): Outcome<R>[] =>
    batch.map((pending) => {
      try {
        return { ok: true, value: writeOne(pending.item) };
      } catch (error) {
        // Some errors (disk full, I/O) end the whole transaction: then no later write may run outside it.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  function flush() {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length) schedule();
    let outcomes: Outcome<R>[];
    try {
      outcomes = writeAll.immediate(batch);
    } catch {
      try {
        outcomes = writeEach.immediate(batch);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        return;
      }
    }
    outcomes.forEach((outcome, i) => {
      const pending = batch[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /** Queues one write; resolves with its result once the batch holding it is committed. */
    write: (item: T): Promise<R> =>
      new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      }),
    /** Writes waiting for the next commit (for tests and metrics). */
    pending: () => queue.length,
  };
}
export type GroupCommit<T, R> = ReturnType<typeof createGroupCommit<T, R>>;
