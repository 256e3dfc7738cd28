import path from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { storeKeptRows, type KeptRow } from '../analysis/kept-counts';
import { createSegmentStore } from '../analysis/segments';

/** What the thread is given. */
interface SealerData {
  role: 'sealer';
  file: string;
  everyMs: number;
}

/**
 * The sealer thread: its own read-write connection to the server's WAL file. Every `everyMs` it seals the responses
 * that filled a segment since (src/analysis/segments.ts, `sealBeside`): rows read and segments made outside any write
 * transaction, then a short one that inserts them. Before, the request loop sealed before report jobs, up to once a
 * second per survey, and paid for reading the rows, making the blobs and an fsync while submissions waited.
 */
function run(port: NonNullable<typeof parentPort>, data: SealerData) {
  const db = new Database(data.file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // Segments are derived from responses the server committed and fsynced already: in WAL mode a commit without its
  // own fsync keeps the file consistent, and a segment lost in a power cut is sealed again in the next round.
  db.pragma('synchronous = NORMAL');
  const store = createSegmentStore(db);
  const timer = setInterval(() => {
    try {
      const written = store.sealAllBeside();
      if (written) port.postMessage({ type: 'sealed', written });
    } catch (err) {
      // SQLITE_BUSY after five seconds, a survey deleted meanwhile: the next round tries again.
      port.postMessage({ type: 'error', message: (err as Error).message });
    }
  }, data.everyMs);
  port.on('message', (message: ToSealer) => {
    if (typeof message === 'object' && message.type === 'kept') {
      try {
        storeKeptRows(db, [message.row]);
      } catch (err) {
        port.postMessage({ type: 'error', message: `keeping report counts: ${(err as Error).message}` });
      }
      return;
    }
    clearInterval(timer);
    db.close();
    process.exit(0);
  });
  port.postMessage({ type: 'ready' });
}

if (parentPort && (workerData as SealerData | undefined)?.role === 'sealer') run(parentPort, workerData as SealerData);

type Message = { type: 'ready' } | { type: 'sealed'; written: number } | { type: 'error'; message: string };
/** `stop`, or counts a report worker kept, to store (src/analysis/kept-counts.ts). */
type ToSealer = 'stop' | { type: 'kept'; row: KeptRow };

/**
 * Starts the sealer thread for the database file the server writes (compiled JavaScript next to this file, or the
 * TypeScript through tsx in development and tests). `onSealed` hears of each round that wrote segments. A thread that
 * stops unexpectedly is started again a second later: without it reports would read ever more single rows.
 */
export function startSealer(file: string, options: { everyMs?: number; restartMs?: number; log?: (message: string) => void; onSealed?: (written: number) => void } = {}) {
  const { everyMs = 1000, restartMs = 1000, log = console.error, onSealed } = options;
  const data: SealerData = { role: 'sealer', file, everyMs };
  const entry = path.join(__dirname, `sealer${path.extname(__filename)}`);
  let stopping = false;
  let restart: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function spawn(): Worker {
    const worker = entry.endsWith('.js') ? new Worker(entry, { workerData: data }) : new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
    worker.on('message', (m: Message) => {
      if (m.type === 'ready') markReady();
      else if (m.type === 'sealed') onSealed?.(m.written);
      else log(`sealing: ${m.message}`);
    });
    worker.on('error', (err) => log(`sealer stopped: ${err.message}`));
    worker.on('exit', (code) => {
      if (stopping) return;
      log(`sealer stopped (exit code ${code}); starting it again`);
      restart = setTimeout(() => (current = spawn()), restartMs);
      restart.unref();
    });
    worker.unref();
    return worker;
  }
  let current = spawn();

  return {
    ready,
    /** The running thread (tests). */
    thread: () => current,
    /** Stores counts a report worker kept (best effort: a thread being restarted drops them; they are kept next time). */
    keep: (row: KeptRow) => current.postMessage({ type: 'kept', row } satisfies ToSealer, [row.entry.buffer as ArrayBuffer]),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        clearTimeout(restart);
        current.once('exit', () => resolve());
        current.postMessage('stop' satisfies ToSealer);
      }),
  };
}
