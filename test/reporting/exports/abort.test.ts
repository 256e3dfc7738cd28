import { Writable } from 'node:stream';
import { writeCsv } from '../../../src/reporting/exports/csv';
import { writeXlsx } from '../../../src/reporting/exports/xlsx';
import type { ExportSet } from '../../../src/reporting/exports/schema';
import { buildTestDb } from '../../helpers/app';
import { validAnswers } from '../../helpers/factories';
import { exportSet, submitAll } from './helpers';

const TOTAL = 6000;
const db = buildTestDb();
submitAll(db, Array.from({ length: TOTAL }, () => ({ answers: validAnswers({ comment: 'x'.repeat(50) }) })));

/** The export set with a counter of the rows read so far. */
function counted(): { set: ExportSet; read: () => number } {
  const set = exportSet(db);
  const rows = set.rows;
  let read = 0;
  set.rows = function* () {
    for (const r of rows()) {
      read++;
      yield r;
    }
  };
  return { set, read: () => read };
}

/** A reader that takes the first chunk and then nothing more, like a stalled network connection. */
const stalledReader = () => new Writable({ highWaterMark: 16 * 1024, write() {} });

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['csv', writeCsv],
  ['xlsx', writeXlsx],
])('when the reader of a %s export stalls', (_format, write) => {
  test('then rows stop being read, and when it goes away the export fails instead of hanging', async () => {
    const { set, read } = counted();
    const out = stalledReader();
    const result = write(set, out, { labels: false });
    // Wait until reading stops (a loaded machine may need a while to fill the buffers), then check it stays stopped.
    let readWhileStalled = -1;
    for (let tries = 0; tries < 50 && read() !== readWhileStalled; tries++) {
      readWhileStalled = read();
      await settle(200);
    }
    await settle(200);
    expect(read()).toBe(readWhileStalled);
    expect(readWhileStalled).toBeLessThan(TOTAL / 2);
    out.destroy();
    await expect(result).rejects.toThrow();
  });
});
