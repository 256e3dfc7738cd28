import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseFilterOptions, runReport } from '../../../src/cli/commands/report';
import { openDb, type Db } from '../../../src/shared/db';
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

describe('needsmap report on a database file (the report data built in a thread of its own)', () => {
  let fileDb: Db;
  beforeAll(() => {
    const file = path.join(tmpDir(), 'needsmap.sqlite');
    fs.writeFileSync(file, db.serialize());
    fileDb = openDb(file);
  });
  afterAll(() => fileDb.close());

  const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const poppler = spawnSync('pdftotext', ['-v']).status === 0;

  test('when run, then the PDF says what the one built in process says', async () => {
    const options = { survey: 'youth-worker-tna', lang: 'de', groupBy: 'country', filter: ['country=SI,BG,FI,SE,DE'] };
    const fromThread = await runReport(fileDb, { ...options, out: path.join(tmpDir(), 'thread.pdf') });
    const inProcess = await runReport(db, { ...options, out: path.join(tmpDir(), 'process.pdf') });
    expect(fromThread).toEqual({ ...inProcess, file: fromThread.file });
    expect(fs.statSync(fromThread.file).size).toBeGreaterThan(10_000);
    if (poppler) expect(text(fromThread.file)).toBe(text(inProcess.file));
  });

  test.each([
    [{ survey: 'nope' }, 'unknown survey "nope"'],
    [{ survey: 'youth-worker-tna', filter: ['country=XX'] }, 'filter.country'],
    [{ survey: 'youth-worker-tna', groupBy: 'nothing' }, 'groupBy'],
  ])('when given %j, then the thread fails with the same readable message', async (options, message) => {
    const out = path.join(tmpDir(), 'x.pdf');
    await expect(runReport(fileDb, { ...options, out })).rejects.toThrow(message);
    await expect(runReport(db, { ...options, out })).rejects.toThrow(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});
