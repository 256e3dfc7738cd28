import type { Command } from 'commander';
import { databaseFile } from '../../config';
import { backupDatabase, restoreDatabase, type DatabaseSummary } from '../../backup/service';
import { cliLanguage, num, t } from '../i18n';

const describe = (s: DatabaseSummary) =>
  t('backup.summary', {
    responses: num(s.responses),
    surveys: num(s.surveys),
    schema: s.schema,
    size: new Intl.NumberFormat(cliLanguage(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(s.bytes / 1024 / 1024),
  });

/**
 * `backup` copies the database named by NEEDSMAP_DB while the server runs; `restore` puts a backup in its place
 * while the server is stopped. Neither migrates or changes anything else: the next start migrates a restored backup
 * of an older version.
 */
export function registerBackup(program: Command) {
  program
    .command('backup')
    .description(t('backup.description'))
    .requiredOption('--out <file>', t('backup.out'))
    .action((o: { out: string }) => {
      const dbFile = databaseFile();
      const summary = backupDatabase(dbFile, o.out);
      console.log(t('backup.done', { db: dbFile, file: o.out, summary: describe(summary) }));
    });
  program
    .command('restore')
    .description(t('restore.description'))
    .argument('<file>', t('restore.file'))
    .action((file: string) => {
      const dbFile = databaseFile();
      const summary = restoreDatabase(file, dbFile);
      console.log(t('restore.done', { file, db: dbFile, summary: describe(summary) }));
      if (summary.previous) console.log(t('restore.previous', { file: summary.previous }));
    });
}
