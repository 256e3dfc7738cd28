import type { Command } from 'commander';
import { CollectorSchema } from '../../surveys/schema';
import { createSurveyService } from '../../surveys/service';
import { withDb } from '../context';

export function registerCollector(program: Command) {
  const collector = program.command('collector').description("manage a survey's collectors (one link per partner or country)");
  collector
    .command('add')
    .requiredOption('--survey <id>', 'survey id')
    .requiredOption('--id <id>', 'collector id used in the link, e.g. sofia')
    .requiredOption('--label <label>', 'name shown to coordinators, e.g. "Sofia youth centre"')
    .option('--invited <n>', 'number of people invited', (v) => Number(v))
    .action((o: { survey: string; id: string; label: string; invited?: number }) =>
      withDb((db) => {
        const surveys = createSurveyService(db);
        if (!surveys.find(o.survey)) throw new Error(`unknown survey "${o.survey}"`);
        const parsed = CollectorSchema.safeParse({ id: o.id, label: o.label, invited: o.invited });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        surveys.saveCollector(o.survey, parsed.data);
        console.log(`Collector ${o.id} saved: /s/${o.survey}/c/${o.id}`);
      }),
    );
  collector
    .command('list')
    .requiredOption('--survey <id>', 'survey id')
    .action((o: { survey: string }) =>
      withDb((db) => {
        for (const c of createSurveyService(db).collectors(o.survey)) console.log(`${c.id}\t${c.label}\tinvited: ${c.invited ?? '-'}`);
      }),
    );
}
