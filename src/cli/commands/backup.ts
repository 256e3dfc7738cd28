import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { backupDatabase, restoreDatabase, type DatabaseSummary } from '../../backup/service';

const describe = (s: DatabaseSummary) =>
  `${s.responses} responses, ${s.surveys} surveys, schema ${s.schema}, ${(s.bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * `backup` copies the database named by NEEDSMAP_DB while the server runs; `restore` puts a backup in its place
 * while the server is stopped. Neither migrates or changes anything else: the next start migrates a restored backup
 * of an older version.
 */
export function registerBackup(program: Command) {
  program
    .command('backup')
    .description('write a consistent copy of the database while the server runs (SQLite VACUUM INTO), checked before it appears')
    .requiredOption('--out <file>', 'backup file to write, e.g. /var/backups/needsmap/needsmap-2026-11-21.sqlite')
    .action((o: { out: string }) => {
      const config = loadConfig();
      const summary = backupDatabase(config.dbFile, o.out);
      console.log(`Backup of ${config.dbFile} written to ${o.out}: ${describe(summary)}`);
    });
  program
    .command('restore')
    .description('replace the database by a backup (server stopped): checked, then swapped in at once; the old file is kept as .before-restore')
    .argument('<file>', 'a backup written by needsmap backup')
    .action((file: string) => {
      const config = loadConfig();
      const summary = restoreDatabase(file, config.dbFile);
      console.log(`Restored ${file} into ${config.dbFile}: ${describe(summary)}`);
      if (summary.previous) console.log(`The database it replaced is kept as ${summary.previous}.`);
    });
}
