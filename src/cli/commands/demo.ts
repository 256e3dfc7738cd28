import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { createAuthService } from '../../auth/service';
import { createQuestionnaireService } from '../../questionnaires/service';
import { createSurveyService } from '../../surveys/service';
import { createDemoService } from '../../demo/service';
import { withDb } from '../context';
import { num, t } from '../i18n';
import { progressBar } from '../progress';

/** Where the printed links point: NEEDSMAP_PUBLIC_URL, else the local server on PORT. */
const baseUrl = () => {
  const config = loadConfig();
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
};

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description(t('demo.description'))
    .option('--survey <id>', t('demo.survey'), 'youth-worker-tna')
    .option('--responses <n>', t('demo.responses'), (v) => Number(v), 2000)
    .option('--seed <n>', t('demo.seed'), (v) => Number(v), 1)
    .option('--clear', t('demo.clear'))
    .action((o: { survey: string; responses: number; seed: number; clear?: boolean }) =>
      withDb((db) => {
        const questionnaires = createQuestionnaireService(db);
        const demo = createDemoService(db, { surveys: createSurveyService(db, questionnaires), questionnaires, audit: createAuthService(db).audit });
        if (o.clear) {
          const removed = demo.clear(o.survey);
          if (!removed.responses && !removed.surveyDeleted && !removed.collectors) return console.log(t('demo.nothing', { survey: o.survey }));
          const counts = { responses: num(removed.responses), collectors: num(removed.collectors), consents: num(removed.starts) };
          return console.log(t(removed.surveyDeleted ? 'demo.removedSurvey' : 'demo.removedFrom', { survey: removed.surveyId, summary: t('demo.removedCounts', counts) }));
        }
        if (!Number.isInteger(o.responses) || o.responses < 1) throw new Error(t('demo.badResponses'));
        const target = demo.prepare(o.survey);
        const bar = progressBar(o.responses, t('progress.responses'));
        try {
          demo.load({ surveyId: target.surveyId, responses: o.responses, seed: o.seed, onProgress: bar.update });
        } finally {
          bar.stop();
        }
        const base = baseUrl();
        console.log(t('demo.loaded', { survey: target.surveyId, count: num(o.responses), seed: o.seed }));
        if (target.surveyId !== o.survey) console.log(t('demo.untouched', { survey: o.survey }));
        console.log(t('demo.open', { url: `${base}/admin/surveys/${encodeURIComponent(target.surveyId)}/report?groupBy=country` }));
        console.log(t('demo.remove', { command: `npx needsmap demo --clear${o.survey === 'youth-worker-tna' ? '' : ` --survey ${o.survey}`}` }));
      }),
    );
}
