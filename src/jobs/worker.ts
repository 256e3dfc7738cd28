import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalysisService } from '../analysis/service';
import { createQuestionnaireService } from '../questionnaires/service';
import { createExportService } from '../reporting/exports/service';
import { openReadOnlyDb } from '../shared/db';
import { createSurveyService } from '../surveys/service';
import { Cancelled, ChannelWritable } from './channel';
import type { FromWorker, ToWorker } from './schema';
import { createTasks } from './tasks';
import { serializeError } from './errors';

/** What the pool gives each worker. */
export interface WorkerData {
  dbFile: string;
  cacheViews: boolean;
  /** Scheduling niceness of the worker's thread (0-19): respondents' requests on the main thread come first. */
  nice: number;
}

/**
 * Lowers this thread's scheduling priority (Linux: a thread is a task with its own id and nice value). When the
 * machine is idle the report runs at full speed; when respondents keep the cores busy, it yields to them.
 */
function lowerPriority(nice: number) {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && nice > 0) os.setPriority(tid, nice);
  } catch {
    // not Linux, or no /proc: the worker runs at the process's priority
  }
}

/**
 * A report worker (src/jobs/pool.ts): its own read-only connection to the server's WAL file, the same services as the
 * server, and the report jobs of src/jobs/tasks.ts. Jobs run concurrently (a streamed export waits on its reader).
 */
function start(port: NonNullable<typeof parentPort>, data: WorkerData) {
  lowerPriority(data.nice);
  const db = openReadOnlyDb(data.dbFile);
  const questionnaires = createQuestionnaireService(db);
  const surveys = createSurveyService(db, questionnaires);
  const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  // This connection cannot write: the counts a report kept go to the sealer thread, which stores them for the next
  // process (a restarted server's workers, the command line; src/analysis/kept-counts.ts).
  const analysis = createAnalysisService(db, { surveys, questionnaires }, { keepCounts: { handOff: (row) => send({ type: 'kept', row }, [row.entry.buffer as ArrayBuffer]) } });
  const tasks = createTasks({ analysis, exports: createExportService({ db, surveys }) }, { cacheViews: data.cacheViews });
  const outputs = new Map<number, ChannelWritable>();

  async function runStream(id: number, job: Extract<ToWorker, { type: 'stream' }>['job']) {
    const out = new ChannelWritable((chunk) => send({ type: 'chunk', id, data: chunk }, [chunk.buffer as ArrayBuffer]));
    outputs.set(id, out);
    // A cancelled output errors with Cancelled; the job's own promise reports it, so the event must not crash the worker.
    out.on('error', () => undefined);
    try {
      await tasks.stream(job, out, (s) => send({ type: 'start', id, start: s }));
      if (!out.writableFinished) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      send({ type: 'end', id });
    } catch (err) {
      // A cancelled job's id is already forgotten by the pool; anything else is reported.
      if (!(err instanceof Cancelled)) send({ type: 'error', id, error: serializeError(err) });
    } finally {
      outputs.delete(id);
    }
  }

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'value':
        tasks.value(message.job).then(
          (value) => send({ type: 'value', id: message.id, value }),
          (err: unknown) => send({ type: 'error', id: message.id, error: serializeError(err) }),
        );
        return;
      case 'stream':
        void runStream(message.id, message.job);
        return;
      case 'ack':
        outputs.get(message.id)?.ack(message.bytes);
        return;
      case 'cancel':
        outputs.get(message.id)?.cancel();
        return;
    }
  });
  send({ type: 'ready' });
}

if (parentPort) start(parentPort, workerData as WorkerData);
