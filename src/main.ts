import { loadConfig, ConfigError } from './config';
import { openDb } from './shared/db';
import { createApp } from './app';
import { createQuestionnaireService } from './questionnaires/service';
import { createSurveyService } from './surveys/service';
import { createAuthService } from './auth/service';
import { createRetentionService, scheduleDaily } from './admin/retention';
import type { Jobs } from './jobs/service';

function main() {
  const config = loadConfig();
  const db = openDb(config.dbFile);
  const questionnaires = createQuestionnaireService(db);
  const imported = questionnaires.importShipped();
  for (const result of imported) {
    if (!result.ok) {
      console.error('A shipped questionnaire is invalid:');
      for (const p of result.problems) console.error(`  ${p.file} ${p.path}: ${p.message}`);
      process.exit(1);
    }
    if (result.outcome !== 'unchanged') console.log(`Questionnaire ${result.id}: version ${result.version} (${result.outcome})`);
  }
  const auth = createAuthService(db);
  const firstAdmin = auth.ensureFirstAdmin(config.adminEmail, config.adminPassword);
  if (firstAdmin.created) {
    auth.audit('system', 'user.create', firstAdmin.email, 'first admin');
    console.log(`Created the first admin account ${firstAdmin.email}.`);
    if (firstAdmin.generatedPassword) console.log(`  Its password, shown only now: ${firstAdmin.generatedPassword}\n  Sign in and change it at /admin/password.`);
  }
  const retention = createRetentionService(db, auth);
  const purgeTimer = scheduleDaily(() => {
    const purged = retention.purge();
    if (purged.responses) console.log(`Deleted ${purged.responses} responses past their survey's retention period.`);
  });
  const app = createApp({ db, config });
  const jobs = app.locals.jobs as Jobs;
  const server = app.listen(config.port, config.host, () => {
    jobs.warm(); // the report workers start once the server answers, not before
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    console.log(`Needsmap is running with the database ${config.dbFile}`);
    for (const survey of createSurveyService(db, questionnaires).listOpen()) console.log(`  Survey:    ${base}/s/${survey.row.id}`);
    console.log(`  Erasure:   ${base}/erase`);
    console.log(`  Admin:     ${base}/admin`);
  });
  const stop = () => {
    clearInterval(purgeTimer);
    server.close(() => void jobs.close().finally(() => db.close()));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
