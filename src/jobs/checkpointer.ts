import { Worker } from 'node:worker_threads';
import type { Db } from '../shared/db';

/** The checkpointer's code: plain JavaScript, so it needs no compilation in any mode. */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err && err.message)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/** WAL pages (4 kB) after which the server's own connection checkpoints anyway: a safety net should the thread stop. */
export const FALLBACK_AUTOCHECKPOINT = 50_000;

/**
 * Checkpoints the WAL from a thread of its own (PASSIVE: never waits for readers or blocks the writer), so the
 * request loop's commits only append to the log and fsync it, instead of also copying pages into the database file
 * and fsyncing that whenever the log passes its threshold. The server's connection keeps a high automatic
 * threshold in case this thread stops.
 */
export function startCheckpointer(db: Db, file: string, everyMs = 1000, log: (message: string) => void = console.error) {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT}`);
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, everyMs, driver: require.resolve('better-sqlite3') } });
  worker.on('message', (m: string) => log(`checkpoint: ${m}`));
  worker.on('error', (err) => log(`checkpointer stopped: ${err.message}`));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
