import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { ExportAborted, until } from './stream';

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** ZIP without ZIP64: each entry and the whole archive must stay under 4 GiB. */
const LIMIT = 0xffffffff;
/** Bit 3: sizes and CRC follow the data (streamed); bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
/** 1980-01-01 00:00 in DOS time: entries carry no clock time (like the responses, which keep the day only). */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A ZIP archive written straight into `out`, entry by entry, in constant memory: each entry is deflated as its text
 * arrives, its CRC and sizes follow it in a data descriptor, and the central directory closes the archive. Every
 * write waits while `out` is full, so a slow reader slows the producer down; a closed `out` aborts with ExportAborted.
 */
export class ZipStream {
  private readonly entries: Entry[] = [];
  private offset = 0;

  constructor(private readonly out: Writable) {}

  private async put(data: Buffer): Promise<void> {
    if (this.out.destroyed) throw new ExportAborted();
    this.offset += data.length;
    if (this.offset > LIMIT) throw new Error('the export is larger than a ZIP file without ZIP64 can hold (4 GiB)');
    if (!this.out.write(data)) await until(this.out, 'drain', this.out);
    if (this.out.destroyed) throw new ExportAborted();
  }

  /** Adds one file whose content is the text `parts` yields, deflated as it comes. */
  async add(name: string, parts: AsyncIterable<string> | Iterable<string>, level = 1): Promise<void> {
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(entry.name.length, 26);
    await this.put(Buffer.concat([header, entry.name]));

    const deflate = zlib.createDeflateRaw({ level });
    const pending: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => pending.push(chunk));
    const flushDeflated = async () => {
      while (pending.length) {
        const chunk = pending.shift()!;
        entry.compressed += chunk.length;
        await this.put(chunk);
      }
    };
    const feed = (data: Buffer) =>
      new Promise<void>((resolve, reject) => {
        deflate.write(data, (err) => (err ? reject(err) : resolve()));
      });
    for await (const text of parts) {
      if (!text) continue;
      const data = Buffer.from(text, 'utf8');
      entry.size += data.length;
      if (entry.size > LIMIT) throw new Error('a file of the export is larger than a ZIP file without ZIP64 can hold (4 GiB)');
      entry.crc = zlib.crc32(data, entry.crc);
      await feed(data);
      await flushDeflated();
    }
    const ended = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    deflate.end();
    await ended;
    await flushDeflated();

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.put(descriptor);
    this.entries.push(entry);
  }

  /** Writes the central directory and ends `out`; resolves once `out` has taken everything. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(DEFLATE, 10);
      record.writeUInt16LE(DOS_TIME, 12);
      record.writeUInt16LE(DOS_DATE, 14);
      record.writeUInt32LE(e.crc >>> 0, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      await this.put(Buffer.concat([record, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    if (this.out.destroyed) throw new ExportAborted();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(end, () => resolve());
    });
  }
}
