import { Writable } from 'node:stream';

/** Bytes gathered into one message; fewer, larger messages cost the main thread less than one per CSV record. */
export const CHUNK_BYTES = 64 * 1024;
/** Bytes sent but not yet taken by the HTTP response: beyond this the job waits (backpressure across threads). */
export const MAX_IN_FLIGHT = 1024 * 1024;

/** Thrown into a job's output when its reader went away. */
export class Cancelled extends Error {
  constructor() {
    super('the reader went away');
  }
}

/**
 * The worker's end of a streamed job: a Writable that batches what the job writes into chunks of CHUNK_BYTES, posts
 * each to the main thread as its own transferable copy, and holds the writer back while more than MAX_IN_FLIGHT bytes
 * are unacknowledged, so a slow download slows the job down instead of filling the worker's memory.
 */
export class ChannelWritable extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inFlight = 0;
  private waiting: (() => void) | undefined;

  constructor(private readonly post: (data: Uint8Array) => void) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  /** The main thread wrote `bytes` to the response (or the response drained). */
  ack(bytes: number): void {
    this.inFlight -= bytes;
    if (this.inFlight <= MAX_IN_FLIGHT && this.waiting) {
      const resume = this.waiting;
      this.waiting = undefined;
      resume();
    }
  }

  cancel(): void {
    this.destroy(new Cancelled());
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    // One fresh ArrayBuffer per message: transferred, not copied again, and no pooled buffer is detached.
    const data = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const b of this.pending) {
      data.set(b, at);
      at += b.length;
    }
    this.pending = [];
    this.inFlight += this.pendingBytes;
    this.pendingBytes = 0;
    this.post(data);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= CHUNK_BYTES) this.flush();
    if (this.inFlight > MAX_IN_FLIGHT) this.waiting = () => callback();
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.waiting = undefined;
    this.pending = [];
    callback(error);
  }
}
