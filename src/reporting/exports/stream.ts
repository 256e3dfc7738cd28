import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';

/** Thrown when the reader of an export went away (a closed download, a failed file): stop reading rows. */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted: the output was closed');
  }
}

/** Resolves on `event` from `source`, or as soon as `out` closes, whichever comes first. */
export function until(source: EventEmitter, event: string, out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      source.off(event, done);
      out.off('close', done);
      resolve();
    };
    source.once(event, done);
    out.once('close', done);
  });
}

/**
 * Lets queued output flow, then waits while `out` asks for it: writers call this every few hundred rows so a slow
 * reader slows the export down instead of the export buffering the whole file in memory.
 */
export async function drained(out: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain && !out.destroyed) await until(out, 'drain', out);
  if (out.destroyed) throw new ExportAborted();
}
