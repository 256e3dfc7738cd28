import { Command } from 'commander';
import { ConfigError } from '../config';
import { localizeProgram, readInvocation, t, unknownLanguageMessage, useCliLanguage } from './i18n';

/* eslint-disable @typescript-eslint/no-require-imports -- each command's module is loaded only when it may run */
type Register = (program: Command) => void;

/**
 * Each command file registers itself; commands open the database named by NEEDSMAP_DB like the server. A command's
 * module (and the libraries it needs: PDFKit, the exporters, the spreadsheet-form reader) is loaded only for that
 * command, so `needsmap backup` does not pay for the PDF renderer. Keys are the command names a module registers.
 */
const COMMANDS: [names: string[], load: () => Register][] = [
  [['import'], () => (require('./commands/import') as typeof import('./commands/import')).registerImport],
  [['collector'], () => (require('./commands/collector') as typeof import('./commands/collector')).registerCollector],
  [['user'], () => (require('./commands/user') as typeof import('./commands/user')).registerUser],
  [['token'], () => (require('./commands/token') as typeof import('./commands/token')).registerToken],
  [['export'], () => (require('./commands/export') as typeof import('./commands/export')).registerExport],
  [['demo'], () => (require('./commands/demo') as typeof import('./commands/demo')).registerDemo],
  [['translations'], () => (require('./commands/translations') as typeof import('./commands/translations')).registerTranslations],
  [['report'], () => (require('./commands/report') as typeof import('./commands/report')).registerReport],
  [['backup', 'restore'], () => (require('./commands/backup') as typeof import('./commands/backup')).registerBackup],
  [['export-form'], () => (require('./commands/export-form') as typeof import('./commands/export-form')).registerExportForm],
  [['wave'], () => (require('./commands/wave') as typeof import('./commands/wave')).registerWave], // issue 14: waves
];

/** The whole command line, or, when `only` names a known command, just that command (help and errors included). */
export function buildCli(only?: string): Command {
  const program = localizeProgram(new Command('needsmap'))
    .description(t('program.description'))
    .option('--lang <code>', t('program.lang'))
    .enablePositionalOptions()
    .showHelpAfterError();
  const known = COMMANDS.some(([names]) => only !== undefined && names.includes(only));
  for (const [names, load] of COMMANDS) if (!known || names.includes(only!)) load()(program);
  return program;
}

const invocation = readInvocation(process.argv.slice(2));
useCliLanguage(invocation.lang);
if (invocation.unknownLang !== undefined) {
  console.error(t('error', { message: unknownLanguageMessage(invocation.unknownLang) }));
  process.exitCode = 1;
} else {
  buildCli(invocation.command)
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : t('error', { message: (err as Error).message }));
      process.exitCode = 1;
    });
}
