import { Writable } from 'node:stream';
import { writeCsv } from '../../../src/reporting/exports/csv';
import { writeXlsx } from '../../../src/reporting/exports/xlsx';
import { PAGE_SIZE } from '../../../src/reporting/exports/service';
import { buildTestDb } from '../../helpers/app';
import { validAnswers } from '../../helpers/factories';
import { exportSet, submitAll } from './helpers';

/** A reader that stops after its first chunk and then goes away, like a browser whose download is cancelled. */
function cancelledDownload() {
  const out: Writable = new Writable({
    highWaterMark: 1024,
    write() {
      setTimeout(() => out.destroy(), 20);
    },
  });
  return out;
}

describe('when the reader goes away mid-export', () => {
  const db = buildTestDb();
  submitAll(db, Array.from({ length: PAGE_SIZE * 3 }, () => ({ answers: validAnswers() })));

  test.each([
    ['csv', writeCsv],
    ['xlsx', writeXlsx],
  ])('then the %s export stops with an error instead of hanging or reading on', async (_format, write) => {
    const set = exportSet(db);
    let read = 0;
    const rows = set.rows;
    set.rows = function* () {
      for (const r of rows()) {
        read++;
        yield r;
      }
    };
    await expect(write(set, cancelledDownload(), { labels: false })).rejects.toThrow();
    expect(read).toBeLessThan(PAGE_SIZE * 3);
  });
});
