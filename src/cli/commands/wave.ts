import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import type { Db } from '../../shared/db';
import { createSurveyService } from '../../surveys/service';
import { WaveSchema, DEFAULT_WAVE } from '../../waves/schema';
import { createWaveService } from '../../waves/service';
import { createQuestionnaireService } from '../../questionnaires/service';
import { loadWaveDemo } from '../../waves/demo';
import { withDb } from '../context';

/** Waves (issue 14): `needsmap wave add|list`. Messages in English, like the other commands. */
function services(db: Db, surveyId: string) {
  if (!createSurveyService(db).find(surveyId)) throw new Error(`unknown survey "${surveyId}"`);
  return createWaveService(db, { audit: createAuthService(db).audit });
}

const span = (opens: string | null | undefined, closes: string | null | undefined) =>
  opens || closes ? `${opens ?? 'from the start'} to ${closes ?? 'open-ended'}` : 'no dates (always open)';

export function registerWave(program: Command) {
  const wave = program.command('wave').description('manage the waves of a survey (baseline, follow-ups) to compare them in the report');
  wave
    .command('add')
    .description('add a wave, or change the label and dates of one (responses already sent keep their wave)')
    .requiredOption('--survey <id>', 'survey id')
    .requiredOption('--id <id>', 'wave id, e.g. baseline-2027')
    .requiredOption('--label <label>', 'name shown in reports, e.g. "Baseline 2027"')
    .option('--opens <date>', 'first day of the wave, YYYY-MM-DD (UTC)')
    .option('--closes <date>', 'last day of the wave, YYYY-MM-DD (UTC)')
    .action((o: { survey: string; id: string; label: string; opens?: string; closes?: string }) =>
      withDb((db) => {
        const waves = services(db, o.survey);
        const parsed = WaveSchema.safeParse({ id: o.id, label: o.label, opens: o.opens, closes: o.closes });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.') || 'id'}: ${i.message}`).join('; '));
        const result = waves.save('cli', o.survey, parsed.data);
        console.log(`Wave ${o.id} ${result.created ? 'added' : 'changed'}: ${span(parsed.data.opens, parsed.data.closes)}.`);
        if (result.overlapping.length) {
          console.log(`Its dates overlap ${result.overlapping.join(', ')}: on a day several waves are open, a response joins the one opened last.`);
        }
        console.log(`A response sent today joins: ${waves.today(o.survey)}.`);
      }),
    );
  wave
    .command('list')
    .description("a survey's waves with their dates and responses")
    .requiredOption('--survey <id>', 'survey id')
    .action((o: { survey: string }) =>
      withDb((db) => {
        const waves = services(db, o.survey);
        const counts = waves.counts(o.survey);
        console.log(`${DEFAULT_WAVE}\t(responses outside every named wave)\t-\tresponses: ${counts.get(DEFAULT_WAVE) ?? 0}`);
        for (const w of waves.list(o.survey)) console.log(`${w.id}\t${w.label}\t${span(w.opens, w.closes)}\tresponses: ${counts.get(w.id) ?? 0}`);
      }),
    );
  wave
    .command('demo')
    .description('demo data in two waves (baseline, after training) with a visible improvement, in the demo survey <id>-demo')
    .option('--survey <id>', 'survey to copy', 'youth-worker-tna')
    .option('--responses <n>', 'responses per wave', (v) => Number(v), 600)
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .action((o: { survey: string; responses: number; seed: number }) =>
      withDb((db) => {
        if (!Number.isInteger(o.responses) || o.responses < 1) throw new Error('--responses must be a whole number of at least 1');
        const questionnaires = createQuestionnaireService(db);
        const loaded = loadWaveDemo(db, { surveys: createSurveyService(db, questionnaires), questionnaires, audit: createAuthService(db).audit }, { surveyId: o.survey, responses: o.responses, seed: o.seed });
        console.log(`Loaded ${loaded.perWave} demo responses in each of two waves into ${loaded.surveyId}; ${loaded.pairs} respondents gave the same panel code in both.`);
        console.log(`Compare them: /admin/surveys/${loaded.surveyId}/report?compareWaves=baseline-2027,after-training-2028&groupBy=collector`);
        console.log(`Remove it again: needsmap demo --clear --survey ${o.survey}`);
      }),
    );
}
