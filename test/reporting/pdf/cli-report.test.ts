import fs from 'node:fs';
import path from 'node:path';
import { parseFilterOptions, runReport } from '../../../src/cli/commands/report';
import type { Db } from '../../../src/shared/db';
import { buildDemoDb, tmpDir } from './demo-report';

// rendering a whole report (cold: fonts, chart.js) takes a few seconds when suites run in parallel
jest.setTimeout(60_000);

let db: Db;
beforeAll(() => {
  db = buildDemoDb(150, 5);
});
afterAll(() => db.close());

describe('needsmap report', () => {
  test('when given repeated and comma-separated filters, then values of one question are merged', () => {
    expect(parseFilterOptions(['country=SI', 'country=BG,FI', 'role=volunteer'])).toEqual([
      { questionId: 'country', values: ['SI', 'BG', 'FI'] },
      { questionId: 'role', values: ['volunteer'] },
    ]);
    expect(() => parseFilterOptions(['country'])).toThrow('--filter expects question=value');
  });

  test('when run, then the PDF appears at --out, complete, with no .part left behind', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'nested', 'diagnosis-sl.pdf');
    const steps: number[] = [];
    const result = await runReport(db, { survey: 'youth-worker-tna', lang: 'sl', groupBy: 'country', out, filter: ['country=SI,BG,FI,SE,DE'] }, (step) => steps.push(step));
    expect(result).toMatchObject({ file: out, lang: 'sl' });
    expect(result.n).toBeGreaterThan(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['diagnosis-sl.pdf']);
    expect(steps.length).toBeGreaterThan(3);
  });

  test('when no --out is given, then the file goes to reports/diagnosis-<survey>-<lang>.pdf', async () => {
    const dir = tmpDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const result = await runReport(db, { survey: 'youth-worker-tna', lang: 'bg' });
      expect(result.file).toBe(path.join(fs.realpathSync(dir), 'reports', 'diagnosis-youth-worker-tna-bg.pdf'));
      expect(fs.existsSync(result.file)).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  test.each([
    [{ survey: 'nope' }, 'unknown survey "nope"'],
    [{ survey: 'youth-worker-tna', lang: 'xx' }, 'unknown language "xx"'],
    [{ survey: 'youth-worker-tna', filter: ['country=XX'] }, 'filter.country'],
  ])('when given %j, then it fails with a readable message', async (options, message) => {
    await expect(runReport(db, { ...options, out: path.join(tmpDir(), 'x.pdf') })).rejects.toThrow(message);
  });
});
