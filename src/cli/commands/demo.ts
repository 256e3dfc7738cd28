import type { Command } from 'commander';
import { createQuestionnaireService } from '../../questionnaires/service';
import { createSurveyService } from '../../surveys/service';
import { createDemoService } from '../../demo/service';
import { withDb } from '../context';
import { progressBar } from '../progress';

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description('load synthetic demo responses (marked as demo data everywhere)')
    .option('--survey <id>', 'survey to fill', 'youth-worker-tna')
    .option('--responses <n>', 'number of responses', (v) => Number(v), 2000)
    .option('--seed <n>', 'random seed: the same seed gives the same data', (v) => Number(v), 1)
    .option('--clear', 'remove the demo responses instead')
    .action((o: { survey: string; responses: number; seed: number; clear?: boolean }) =>
      withDb((db) => {
        const questionnaires = createQuestionnaireService(db);
        const demo = createDemoService(db, { surveys: createSurveyService(db, questionnaires), questionnaires });
        if (o.clear) return console.log(`Removed ${demo.clear(o.survey)} demo responses from ${o.survey}.`);
        if (!Number.isInteger(o.responses) || o.responses < 1) throw new Error('--responses must be a positive whole number');
        const bar = progressBar(o.responses, 'responses');
        demo.load({ surveyId: o.survey, responses: o.responses, seed: o.seed, onProgress: bar.update });
        bar.stop();
        console.log(`Loaded ${o.responses} demo responses into ${o.survey} (seed ${o.seed}).`);
      }),
    );
}
