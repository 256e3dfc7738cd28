import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import type { Db } from '../../shared/db';
import { createQuestionnaireService } from '../../questionnaires/service';
import { createSurveyService } from '../../surveys/service';
import { loadWaveDemo, DEMO_WAVES } from '../../waves/demo';
import { WaveSchema, DEFAULT_WAVE } from '../../waves/schema';
import { createWaveService } from '../../waves/service';
import { withDb } from '../context';
import { num, t } from '../i18n';

/** Waves (issue 14): `needsmap wave add|list|demo`, in the command line's language like every command. */
function services(db: Db, surveyId: string) {
  if (!createSurveyService(db).find(surveyId)) throw new Error(t('unknownSurvey', { survey: surveyId }));
  return createWaveService(db, { audit: createAuthService(db).audit });
}

const span = (opens: string | null | undefined, closes: string | null | undefined) =>
  opens && closes ? t('wave.span', { opens, closes }) : opens ? t('wave.spanFrom', { opens }) : closes ? t('wave.spanUntil', { closes }) : t('wave.noDates');

export function registerWave(program: Command) {
  const wave = program.command('wave').description(t('wave.description'));
  wave
    .command('add')
    .description(t('wave.add'))
    .requiredOption('--survey <id>', t('option.survey'))
    .requiredOption('--id <id>', t('wave.id'))
    .requiredOption('--label <label>', t('wave.label'))
    .option('--opens <date>', t('wave.opens'))
    .option('--closes <date>', t('wave.closes'))
    .action((o: { survey: string; id: string; label: string; opens?: string; closes?: string }) =>
      withDb((db) => {
        const waves = services(db, o.survey);
        const parsed = WaveSchema.safeParse({ id: o.id, label: o.label, opens: o.opens, closes: o.closes });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.') || 'id'}: ${i.message}`).join('; '));
        const result = waves.save('cli', o.survey, parsed.data);
        console.log(t(result.created ? 'wave.added' : 'wave.changed', { id: o.id, span: span(parsed.data.opens, parsed.data.closes) }));
        if (result.overlapping.length) console.log(t('wave.overlap', { waves: result.overlapping.join(', ') }));
        console.log(t('wave.today', { wave: waves.today(o.survey) }));
      }),
    );
  wave
    .command('list')
    .description(t('wave.list'))
    .requiredOption('--survey <id>', t('option.survey'))
    .action((o: { survey: string }) =>
      withDb((db) => {
        const waves = services(db, o.survey);
        const counts = waves.counts(o.survey);
        const responses = (id: string) => t('wave.responses', { n: num(counts.get(id) ?? 0) });
        console.log(`${DEFAULT_WAVE}\t${t('wave.outside')}\t-\t${responses(DEFAULT_WAVE)}`);
        for (const w of waves.list(o.survey)) console.log(`${w.id}\t${w.label}\t${span(w.opens, w.closes)}\t${responses(w.id)}`);
      }),
    );
  wave
    .command('demo')
    .description(t('wave.demo'))
    .option('--survey <id>', t('demo.survey'), 'youth-worker-tna')
    .option('--responses <n>', t('wave.perWave'), (v) => Number(v), 600)
    .option('--seed <n>', t('demo.seed'), (v) => Number(v), 1)
    .action((o: { survey: string; responses: number; seed: number }) =>
      withDb((db) => {
        if (!Number.isInteger(o.responses) || o.responses < 1) throw new Error(t('demo.badResponses'));
        const questionnaires = createQuestionnaireService(db);
        const deps = { surveys: createSurveyService(db, questionnaires), questionnaires, audit: createAuthService(db).audit };
        const loaded = loadWaveDemo(db, deps, { surveyId: o.survey, responses: o.responses, seed: o.seed });
        console.log(t('wave.loaded', { survey: loaded.surveyId, n: num(loaded.perWave), pairs: num(loaded.pairs) }));
        const compare = `${DEMO_WAVES[0].id},${DEMO_WAVES[1].id}`;
        console.log(t('wave.compare', { link: `/admin/surveys/${loaded.surveyId}/report?compareWaves=${compare}&groupBy=collector` }));
        console.log(t('wave.remove', { command: `needsmap demo --clear --survey ${o.survey}` }));
      }),
    );
}
