import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localePreferences } from '../../src/config';
import { getI18n } from '../../src/i18n';
import { LANGUAGES } from '../../src/i18n/languages';
import { localeLanguage, readInvocation, translateCommanderError, useCliLanguage } from '../../src/cli/i18n';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

/** The real `needsmap` command in a child process, with a locale environment of the test's choosing. */
function needsmap(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['LANG', 'LC_ALL', 'LC_MESSAGES', 'NEEDSMAP_LANG', 'LANGUAGE'].includes(k)));
  return spawnSync(process.execPath, [path.join(ROOT, 'src/cli/bin.js'), ...args], {
    env: { ...clean, NEEDSMAP_DB: path.join(dir, 'db.sqlite'), ...env },
    encoding: 'utf8',
    cwd: dir,
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-cli-lang-'));
});
afterAll(() => {
  useCliLanguage('en');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the command line language', () => {
  test.each([
    [['--lang', 'de', 'user', 'list'], [], 'de', 'user'],
    [['--lang=fi', 'backup'], ['de_DE.UTF-8'], 'fi', 'backup'],
    [['report', '--lang', 'bg'], ['pl_PL.UTF-8'], 'pl', 'report'],
    [['user', 'list'], ['C.UTF-8', 'sv_SE.UTF-8'], 'sv', 'user'],
    [['user', 'list'], ['ja_JP.UTF-8'], 'en', 'user'],
    [[], [], 'en', undefined],
  ])('when the arguments are %j and the locale variables %j, then the messages are in %s', (args, prefs, lang, command) => {
    expect(readInvocation(args, prefs)).toEqual({ lang, command });
  });

  test('when --lang names a language Needsmap does not ship, then that is reported, not ignored', () => {
    expect(readInvocation(['--lang', 'xx', 'user'], [])).toEqual({ lang: 'en', command: 'user', unknownLang: 'xx' });
  });

  test('when the environment sets NEEDSMAP_LANG, LC_ALL, LC_MESSAGES and LANG, then they are tried in that order', () => {
    expect(localePreferences({ LANG: 'de_DE.UTF-8', LC_ALL: 'fr_FR.UTF-8', NEEDSMAP_LANG: 'it' })).toEqual(['it', 'fr_FR.UTF-8', 'de_DE.UTF-8']);
    expect(['de_DE.UTF-8', 'pt_BR', 'fi', 'sr@latin', 'C', 'POSIX'].map(localeLanguage)).toEqual(['de', 'pt', 'fi', undefined, undefined, undefined]);
  });

  test('when commander reports a missing option in German, then the whole line is German', () => {
    useCliLanguage('de');
    expect(translateCommanderError("error: required option '--survey <id>' not specified\n")).toBe('Fehler: die Option --survey <id> ist erforderlich\n');
    expect(translateCommanderError("error: unknown command 'reprot'\n(Did you mean report?)\n")).toBe('Fehler: unbekannter Befehl reprot\n(Meinten Sie report?)\n');
    useCliLanguage('en');
  });

  test('when a language folder exists, then every cli message is translated there, not copied from English', () => {
    const i18n = getI18n();
    const en = i18n.getResourceBundle('en', 'cli') as Record<string, unknown>;
    const leaves = (o: Record<string, unknown>, p = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v as Record<string, unknown>, `${p}${k}.`) : [[`${p}${k}`, String(v)]]));
    const english = leaves(en).filter(([, v]) => v.replace(/\{\{\w+\}\}/g, '').length > 12);
    expect(english.length).toBeGreaterThan(100);
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const same = english.filter(([key, v]) => i18n.getFixedT(lang, 'cli')(key) === v).map(([key]) => key);
      expect({ lang, same }).toEqual({ lang, same: [] });
    }
  });
});

describe('the needsmap command in the user language', () => {
  test('when LANG is de_DE.UTF-8, then the help is German and the machine-readable parts stay as they are', () => {
    const run = needsmap(['--help'], { LANG: 'de_DE.UTF-8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Befehle:');
    expect(run.stdout).toContain('Optionen:');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('die Antworten einer Umfrage als CSV- oder XLSX-Mikrodaten exportieren');
    expect(run.stdout).toMatch(/export \[options\]/);
  });

  test('when --lang fr comes before the command, then errors are French, also those of commander', () => {
    const missing = needsmap(['--lang', 'fr', 'export', '--format', 'csv', '--out', 'x.csv'], { LANG: 'de_DE.UTF-8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Erreur : l’option --survey <id> est obligatoire");
    const unknown = needsmap(['--lang', 'fr', 'collector', 'list', '--survey', 'nope'], {});
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('Erreur : enquête inconnue « nope »');
  });

  test('when NEEDSMAP_LANG is fi, then a confirmation is Finnish, and the CSV export is byte for byte the English one', () => {
    const fi = needsmap(['export', '--survey', 'youth-worker-tna', '--format', 'csv', '--out', 'fi.csv'], { NEEDSMAP_LANG: 'fi' });
    expect(fi.status).toBe(0);
    expect(fi.stdout).toMatch(/^Kirjoitettu tiedostoon .*fi\.csv \(rivejä: 0, muuttujia: \d+\)\.$/m);
    const en = needsmap(['export', '--survey', 'youth-worker-tna', '--format', 'csv', '--out', 'en.csv'], { LANG: 'C.UTF-8' });
    expect(en.stdout).toMatch(/^Written to .*en\.csv \(rows: 0, variables: \d+\)\.$/m);
    expect(fs.readFileSync(path.join(dir, 'fi.csv')).equals(fs.readFileSync(path.join(dir, 'en.csv')))).toBe(true);
  });

  test('when --lang names an unknown language, then the command stops with the list of languages', () => {
    const run = needsmap(['--lang', 'xx', 'user', 'list'], {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Error: unknown language "xx"; Needsmap speaks en, bg');
  });
});
