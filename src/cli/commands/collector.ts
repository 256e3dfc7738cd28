import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { createCollectorService, type CollectorChange } from '../../collectors/service';
import type { Db } from '../../shared/db';
import { CollectorSchema } from '../../surveys/schema';
import { createSurveyService } from '../../surveys/service';
import { withDb } from '../context';
import { cliLanguage, num, t } from '../i18n';
import { intlFormat } from '../../i18n/intl-format';

function services(db: Db, surveyId: string) {
  const surveys = createSurveyService(db);
  if (!surveys.find(surveyId)) throw new Error(t('unknownSurvey', { survey: surveyId }));
  return { surveys, collectors: createCollectorService(db, { surveys, audit: createAuthService(db).audit }) };
}

/** One sentence per refusal, for the terminal. */
function explain(change: CollectorChange, o: { survey: string; id: string }): string {
  if (change.ok) return '';
  switch (change.reason) {
    case 'not_found':
      return t('collector.notFound', { survey: o.survey, id: o.id });
    case 'unchanged':
      return '';
    case 'has_responses':
      return t('collector.hasResponses', { id: o.id, count: num(change.count), command: `needsmap collector archive --survey ${o.survey} --id ${o.id}` });
    case 'in_progress':
      return t('collector.inProgress', { id: o.id, count: num(change.count) });
  }
}

export function registerCollector(program: Command) {
  const collector = program.command('collector').description(t('collector.description'));
  collector
    .command('add')
    .description(t('collector.add'))
    .requiredOption('--survey <id>', t('option.survey'))
    .requiredOption('--id <id>', t('collector.idInLink'))
    .requiredOption('--label <label>', t('collector.label'))
    .option('--invited <n>', t('collector.invited'), (v) => Number(v))
    .action((o: { survey: string; id: string; label: string; invited?: number }) =>
      withDb((db) => {
        const { collectors } = services(db, o.survey);
        const parsed = CollectorSchema.safeParse({ id: o.id, label: o.label, invited: o.invited });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        collectors.save('cli', o.survey, parsed.data);
        console.log(t('collector.saved', { id: o.id, link: `/s/${o.survey}/c/${o.id}` }));
      }),
    );
  collector
    .command('list')
    .description(t('collector.list'))
    .requiredOption('--survey <id>', t('option.survey'))
    .action((o: { survey: string }) =>
      withDb((db) => {
        for (const c of services(db, o.survey).surveys.collectors(o.survey)) {
          const invited = t('collector.invitedValue', { n: c.invited === null || c.invited === undefined ? '-' : num(c.invited) });
          console.log(`${c.id}\t${c.label}\t${invited}${c.archivedOn ? `\t${t('collector.archivedOn', { date: intlFormat(cliLanguage()).day(c.archivedOn) })}` : ''}`);
        }
      }),
    );
  const change = (name: 'archive' | 'reopen' | 'delete', description: string, done: (o: { survey: string; id: string }, changed: boolean) => string) =>
    collector
      .command(name)
      .description(description)
      .requiredOption('--survey <id>', t('option.survey'))
      .requiredOption('--id <id>', t('collector.id'))
      .action((o: { survey: string; id: string }) =>
        withDb((db) => {
          const { collectors } = services(db, o.survey);
          const result = name === 'archive' ? collectors.archive('cli', o.survey, o.id) : name === 'reopen' ? collectors.reopen('cli', o.survey, o.id) : collectors.remove('cli', o.survey, o.id);
          const problem = explain(result, o);
          if (problem) throw new Error(problem);
          console.log(done(o, result.ok));
        }),
      );
  change('archive', t('collector.archive'), (o, changed) => t(changed ? 'collector.archived' : 'collector.alreadyArchived', { id: o.id }));
  change('reopen', t('collector.reopen'), (o, changed) => t(changed ? 'collector.reopened' : 'collector.notArchived', { id: o.id }));
  change('delete', t('collector.delete'), (o) => t('collector.deleted', { id: o.id }));
}
