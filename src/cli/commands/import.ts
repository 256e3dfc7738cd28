import type { Command } from 'commander';
import { createQuestionnaireService } from '../../questionnaires/service';
import { withDb } from '../context';

export function registerImport(program: Command) {
  program
    .command('import <file>')
    .description('import a questionnaire JSON file (a changed file with responses becomes a new version)')
    .action((file: string) =>
      withDb((db) => {
        const result = createQuestionnaireService(db).importFile(file);
        if (!result.ok) {
          for (const p of result.problems) console.error(`${p.file}: ${p.path}: ${p.message}`);
          process.exitCode = 1;
          return;
        }
        console.log(`${result.id} version ${result.version}: ${result.outcome.replace('_', ' ')}`);
      }),
    );
}
