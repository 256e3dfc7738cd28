import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spssString, spssSyntax } from '../../../src/reporting/exports/sps';
import { writeCsv } from '../../../src/reporting/exports/csv';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { openDb } from '../../../src/shared/db';
import { exportSet, FULL, seededDb } from './helpers';

function defaultSurveyDb() {
  const db = openDb(':memory:');
  createQuestionnaireService(db).importShipped();
  return db;
}

describe('spssString', () => {
  test.each([
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ['two\nlines', "'two lines'"],
    ['', "''"],
  ])('when the text is %j, then it is quoted as %s', (text, expected) => {
    expect(spssString(text)).toBe(expected);
  });

  test('when the text is long, then it is split into quoted pieces joined with + and nothing is lost', () => {
    const text = `${"Ала-бала's ".repeat(20)}end`;
    const quoted = spssString(text);
    expect(quoted.split('\n').every((line) => Buffer.byteLength(line) < 256)).toBe(true);
    const joined = quoted.split(/'\n\s+\+ '/).join('');
    expect(joined.slice(1, -1).replace(/''/g, "'")).toBe(text.trim());
  });

  test('when a byte limit is given, then the text is cut at a character boundary', () => {
    expect(spssString('Ж'.repeat(100), 121)).toBe(`'${'Ж'.repeat(60)}'`);
  });
});

describe('spssSyntax', () => {
  test('when made for the default questionnaire in Bulgarian, then it reads the CSV and declares Cyrillic labels', () => {
    const sps = spssSyntax(exportSet(defaultSurveyDb(), FULL, 'bg', 'youth-worker-tna'), 'youth-worker-tna-responses.csv');
    expect(sps.startsWith('* Encoding: UTF-8.\n')).toBe(true);
    expect(sps).toContain("GET DATA\n  /TYPE=TXT\n  /FILE='youth-worker-tna-responses.csv'\n  /ENCODING='UTF8'");
    expect(sps).toMatch(/\n {4}facilitating_1_imp F1\.0\n/);
    expect(sps).toMatch(/\n {4}country A2\n/);
    expect(sps).toContain("\n    'BG' 'България'\n");
    expect(sps).toMatch(/\nVALUE LABELS\n[\s\S]*\n {2}\/role\n {4}1 '[А-Яа-я]/);
    expect(sps).toMatch(/\n {2}\/facilitating_1_imp '[^']*Важност/);
    expect(sps).toContain('\nMISSING VALUES\n');
    expect(sps).toContain('\n  /facilitating_1_imp (9)\n');
    expect(sps).toContain('\nVARIABLE LEVEL\n');
    expect(sps.trimEnd().endsWith('EXECUTE.')).toBe(true);
  });

  test('when a label holds an apostrophe, then it is doubled', () => {
    const set = exportSet(seededDb());
    const role = set.variables.findIndex((v) => v.name === 'role');
    set.variables[role] = { ...set.variables[role]!, label: "Youth worker's role" };
    expect(spssSyntax(set, 'x.csv')).toContain("  /role 'Youth worker''s role'\n");
  });

  test('when free text is not allowed, then the syntax does not declare text variables', () => {
    expect(spssSyntax(exportSet(seededDb(), { collectors: 'all', includeFreeText: false }), 'x.csv')).not.toContain('v_comment');
  });

  // CI installs Debian's pspp (.ci/run), so there this test always runs: a missing pspp fails it instead of skipping.
  const pspp = spawnSync('pspp', ['--version']).status === 0 || process.env.CI === 'true';
  (pspp ? test : test.skip)('when PSPP runs the syntax on the CSV, then it reads every row and variable without a warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-sps-'));
    const db = seededDb();
    const csv = path.join(dir, 'responses.csv');
    await writeCsv(exportSet(db, FULL, 'bg'), fs.createWriteStream(csv), { labels: false });
    fs.writeFileSync(path.join(dir, 'read.sps'), `${spssSyntax(exportSet(db, FULL, 'bg'), csv)}\nDISPLAY DICTIONARY.\nLIST.\n`);
    const run = spawnSync('pspp', ['-O', 'format=txt', '-o', path.join(dir, 'out.txt'), path.join(dir, 'read.sps')], { encoding: 'utf8' });
    const out = fs.readFileSync(path.join(dir, 'out.txt'), 'utf8');
    expect(run.status).toBe(0);
    expect(`${run.stderr}\n${out}`).not.toMatch(/warning|error/i);
    expect(out).toContain('Доброволец');
    expect(out).toMatch(/v_comment/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
