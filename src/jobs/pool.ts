import path from 'node:path';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { deserializeError } from './errors';
import type { FromWorker, StreamJob, StreamStart, ToWorker, ValueJob } from './schema';
import type { WorkerData } from './worker';
import type { KeptRow } from '../analysis/kept-counts';

interface Job {
  onMessage(message: FromWorker): void;
  fail(err: Error): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * The worker entry: compiled JavaScript next to this file, or the TypeScript through tsx when this file is TypeScript
 * itself (`npm run dev`, tests).
 */
function spawn(data: WorkerData): Worker {
  const entry = path.join(__dirname, `worker${path.extname(__filename)}`);
  if (entry.endsWith('.js')) return new Worker(entry, { workerData: data });
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
}

/**
 * A small pool of report workers (worker_threads), each with its own read-only connection to the database file.
 * Jobs go to the worker with the fewest running; a worker that dies is replaced and its jobs fail with an error.
 * `onKept` receives the report counts a worker kept, to be stored by a thread that can write.
 */
export function createWorkerPool(size: number, data: WorkerData, log: (err: unknown) => void = console.error, onKept?: (row: KeptRow) => void) {
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  function add(index: number): Slot {
    const slot: Slot = { worker: spawn(data), jobs: new Map() };
    slot.worker.on('message', (message: FromWorker) => {
      if (message.type === 'kept') onKept?.(message.row);
      else if (message.type !== 'ready') slot.jobs.get(message.id)?.onMessage(message);
    });
    slot.worker.on('error', (err) => log(err));
    slot.worker.on('exit', (code) => {
      const lost = [...slot.jobs.values()];
      slot.jobs.clear();
      for (const job of lost) job.fail(new Error(`a report worker stopped (exit code ${code})`));
      if (!closed) slots[index] = add(index);
    });
    slot.worker.unref();
    return slot;
  }

  function pick(): Slot {
    if (closed) throw new Error('the report workers are closed');
    if (!slots.length) for (let i = 0; i < size; i++) slots.push(add(i));
    return slots.reduce((best, s) => (s.jobs.size < best.jobs.size ? s : best));
  }

  const post = (slot: Slot, message: ToWorker) => slot.worker.postMessage(message);

  /** Runs a job answered with one string (the report as JSON, the dashboard as HTML). */
  function value(job: ValueJob): Promise<string> {
    const slot = pick();
    const id = ++nextId;
    return new Promise<string>((resolve, reject) => {
      slot.jobs.set(id, {
        onMessage(message) {
          slot.jobs.delete(id);
          if (message.type === 'value') resolve(message.value);
          else if (message.type === 'error') reject(deserializeError(message.error));
        },
        fail: reject,
      });
      post(slot, { type: 'value', id, job });
    });
  }

  /**
   * Streams a job's file into `out` with backpressure: each chunk is acknowledged once `out` took it (or drained), and
   * the worker waits when too much is unacknowledged. `onStart` runs before the first byte (headers); an error before
   * it rejects with the job's error (nothing was sent), after it rejects too and the caller cuts the response off.
   * A reader that goes away cancels the job.
   */
  function stream(job: StreamJob, out: Writable, onStart: (start: StreamStart) => void): Promise<void> {
    const slot = pick();
    const id = ++nextId;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (err?: Error) => {
        if (done) return;
        done = true;
        slot.jobs.delete(id);
        out.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onClose = () => {
        if (done) return;
        post(slot, { type: 'cancel', id });
        finish();
      };
      out.on('close', onClose);
      slot.jobs.set(id, {
        onMessage(message) {
          switch (message.type) {
            case 'start':
              onStart(message.start);
              return;
            case 'chunk': {
              const bytes = message.data.byteLength;
              const ack = () => !done && post(slot, { type: 'ack', id, bytes });
              if (out.write(Buffer.from(message.data.buffer, message.data.byteOffset, bytes))) ack();
              else out.once('drain', ack);
              return;
            }
            case 'end':
              out.end();
              finish();
              return;
            case 'error':
              finish(deserializeError(message.error));
              return;
          }
        },
        fail: (err) => finish(err),
      });
      post(slot, { type: 'stream', id, job });
    });
  }

  return {
    value,
    stream,
    /** Starts the workers now rather than on the first report (the server calls it once it listens). */
    warm: () => void (slots.length || closed ? undefined : pick()),
    size: () => slots.length,
    async close(): Promise<void> {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
export type WorkerPool = ReturnType<typeof createWorkerPool>;
