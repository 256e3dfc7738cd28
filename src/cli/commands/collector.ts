import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { createCollectorService, type CollectorChange } from '../../collectors/service';
import type { Db } from '../../shared/db';
import { CollectorSchema } from '../../surveys/schema';
import { createSurveyService } from '../../surveys/service';
import { withDb } from '../context';

function services(db: Db, surveyId: string) {
  const surveys = createSurveyService(db);
  if (!surveys.find(surveyId)) throw new Error(`unknown survey "${surveyId}"`);
  return { surveys, collectors: createCollectorService(db, { surveys, audit: createAuthService(db).audit }) };
}

/** One sentence per refusal, for the terminal. */
function explain(change: CollectorChange, o: { survey: string; id: string }): string {
  if (change.ok) return '';
  switch (change.reason) {
    case 'not_found':
      return `survey "${o.survey}" has no collector "${o.id}"`;
    case 'unchanged':
      return '';
    case 'has_responses':
      return `collector "${o.id}" holds ${change.count} responses and cannot be deleted; archive it instead (needsmap collector archive --survey ${o.survey} --id ${o.id})`;
    case 'in_progress':
      return `${change.count} people are answering through collector "${o.id}"; archive it instead (they can still finish)`;
  }
}

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
        const { collectors } = services(db, o.survey);
        const parsed = CollectorSchema.safeParse({ id: o.id, label: o.label, invited: o.invited });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        collectors.save('cli', o.survey, parsed.data);
        console.log(`Collector ${o.id} saved: /s/${o.survey}/c/${o.id}`);
      }),
    );
  collector
    .command('list')
    .requiredOption('--survey <id>', 'survey id')
    .action((o: { survey: string }) =>
      withDb((db) => {
        for (const c of services(db, o.survey).surveys.collectors(o.survey)) {
          console.log(`${c.id}\t${c.label}\tinvited: ${c.invited ?? '-'}${c.archivedOn ? `\tarchived on ${c.archivedOn}` : ''}`);
        }
      }),
    );
  const change = (name: 'archive' | 'reopen' | 'delete', description: string, done: (o: { survey: string; id: string }, changed: boolean) => string) =>
    collector
      .command(name)
      .description(description)
      .requiredOption('--survey <id>', 'survey id')
      .requiredOption('--id <id>', 'collector id')
      .action((o: { survey: string; id: string }) =>
        withDb((db) => {
          const { collectors } = services(db, o.survey);
          const result = name === 'archive' ? collectors.archive('cli', o.survey, o.id) : name === 'reopen' ? collectors.reopen('cli', o.survey, o.id) : collectors.remove('cli', o.survey, o.id);
          const problem = explain(result, o);
          if (problem) throw new Error(problem);
          console.log(done(o, result.ok));
        }),
      );
  change('archive', 'close a collector\'s link; its figures stay in the funnel and reports', (o, changed) =>
    changed ? `Collector ${o.id} archived: its link is closed; its figures stay in the funnel and reports.` : `Collector ${o.id} was already archived.`,
  );
  change('reopen', 'open an archived collector\'s link again', (o, changed) => (changed ? `Collector ${o.id} reopened: its link accepts new respondents again.` : `Collector ${o.id} was not archived.`));
  change('delete', 'delete a collector nobody has answered through', (o) => `Collector ${o.id} deleted.`);
}
