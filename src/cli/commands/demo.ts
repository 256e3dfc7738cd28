import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { createAuthService } from '../../auth/service';
import { createQuestionnaireService } from '../../questionnaires/service';
import { createSurveyService } from '../../surveys/service';
import { createDemoService } from '../../demo/service';
import { withDb } from '../context';
import { progressBar } from '../progress';

/** Where the printed links point: NEEDSMAP_PUBLIC_URL, else the local server on PORT. */
const baseUrl = () => {
  const config = loadConfig();
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
};

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description('load synthetic demo responses into a demo survey of their own (<survey>-demo), marked as demo data everywhere')
    .option('--survey <id>', 'survey whose questionnaire the demo uses (its own data is never touched)', 'youth-worker-tna')
    .option('--responses <n>', 'number of responses', (v) => Number(v), 2000)
    .option('--seed <n>', 'random seed: the same seed gives the same data', (v) => Number(v), 1)
    .option('--clear', 'remove the demo survey and everything in it instead')
    .action((o: { survey: string; responses: number; seed: number; clear?: boolean }) =>
      withDb((db) => {
        const questionnaires = createQuestionnaireService(db);
        const demo = createDemoService(db, { surveys: createSurveyService(db, questionnaires), questionnaires, audit: createAuthService(db).audit });
        if (o.clear) {
          const removed = demo.clear(o.survey);
          if (!removed.responses && !removed.surveyDeleted && !removed.collectors) return console.log(`There is no demo data for ${o.survey}.`);
          const what = removed.surveyDeleted ? `the demo survey ${removed.surveyId} with` : `from ${removed.surveyId}`;
          return console.log(`Removed ${what} ${removed.responses} demo responses, ${removed.collectors} collectors and ${removed.starts} consents.`);
        }
        if (!Number.isInteger(o.responses) || o.responses < 1) throw new Error('--responses must be a positive whole number');
        const target = demo.prepare(o.survey);
        const bar = progressBar(o.responses, 'responses');
        try {
          demo.load({ surveyId: target.surveyId, responses: o.responses, seed: o.seed, onProgress: bar.update });
        } finally {
          bar.stop();
        }
        const base = baseUrl();
        console.log(`Loaded ${o.responses} demo responses into the demo survey ${target.surveyId} (seed ${o.seed}).`);
        if (target.surveyId !== o.survey) console.log(`The survey ${o.survey} itself, its collectors and its funnel are untouched.`);
        console.log(`Open the diagnosis: ${base}/admin/surveys/${encodeURIComponent(target.surveyId)}/report?groupBy=country`);
        console.log(`Remove it again:    npx needsmap demo --clear${o.survey === 'youth-worker-tna' ? '' : ` --survey ${o.survey}`}`);
      }),
    );
}
