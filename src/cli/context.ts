import { databaseFile } from '../config';
import { openDb, type Db } from '../shared/db';
import { createQuestionnaireService } from '../questionnaires/service';

/** Opens the configured database (migrated, shipped questionnaires loaded) for one command, and closes it after. */
export async function withDb<T>(run: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openDb(databaseFile());
  try {
    for (const result of createQuestionnaireService(db).importShipped()) {
      if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n'));
    }
    return await run(db);
  } finally {
    db.close();
  }
}
