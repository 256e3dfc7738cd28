import { Command } from 'commander';
import { ConfigError } from '../config';
import { registerImport } from './commands/import';
import { registerCollector } from './commands/collector';
import { registerUser } from './commands/user';
import { registerToken } from './commands/token';
import { registerExport } from './commands/export';
import { registerDemo } from './commands/demo';
import { registerTranslations } from './commands/translations';
import { registerReport } from './commands/report';
import { registerBackup } from './commands/backup';
import { registerExportForm } from './commands/export-form';

/** Each command file registers itself here; commands open the database named by NEEDSMAP_DB like the server. */
export function buildCli(): Command {
  const program = new Command('needsmap').description('Needsmap: training-needs diagnosis for youth workers').showHelpAfterError();
  registerImport(program);
  registerCollector(program);
  registerUser(program);
  registerToken(program);
  registerExport(program);
  registerDemo(program);
  registerTranslations(program);
  registerReport(program);
  registerBackup(program);
  registerExportForm(program);
  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `Error: ${(err as Error).message}`);
    process.exitCode = 1;
  });
