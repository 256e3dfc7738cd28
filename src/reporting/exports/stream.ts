import type { Writable } from 'node:stream';

/** Thrown when the reader of an export went away (a closed download, a failed file): stop reading rows. */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted: the output was closed');
  }
}

/**
 * Lets queued output flow, then waits while `out` asks for it: writers call this every few hundred rows so a slow
 * reader slows the export down instead of the export buffering the whole file in memory.
 */
export async function drained(out: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain && !out.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.once('drain', done);
      out.once('close', done);
    });
  }
  if (out.destroyed) throw new ExportAborted();
}
