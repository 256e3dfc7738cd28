import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { PasswordSchema, RoleSchema } from '../../auth/schema';
import { createSurveyRepo } from '../../surveys/repo';
import type { Db } from '../../shared/db';
import { withDb } from '../context';
import { t } from '../i18n';

/** "sofia,rome" with --survey (or the only survey), or "survey/collector" pairs, as "survey/collector" strings. */
export function scopeOption(db: Db, scope: string | undefined, survey: string | undefined): string[] {
  const items = (scope ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) return [];
  const surveys = createSurveyRepo(db).all();
  const surveyId = survey ?? (surveys.length === 1 ? surveys[0]!.id : undefined);
  return items.map((item) => {
    if (item.includes('/')) return item;
    if (!surveyId) throw new Error(t('user.severalSurveys'));
    return `${surveyId}/${item}`;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

interface AddOptions {
  email: string;
  role: string;
  scope?: string;
  survey?: string;
  freeText?: boolean;
  passwordStdin?: boolean;
}

export function registerUser(program: Command) {
  const user = program.command('user').description(t('user.description'));
  user
    .command('add')
    .description(t('user.add'))
    .requiredOption('--email <email>', t('user.email'))
    .requiredOption('--role <role>', t('user.role'))
    .option('--scope <collectors>', t('user.scope'))
    .option('--survey <id>', t('user.survey'))
    .option('--free-text', t('user.freeText'))
    .option('--password-stdin', t('user.passwordStdin'))
    .action(async (o: AddOptions) => {
      const role = RoleSchema.safeParse(o.role);
      if (!role.success) throw new Error(t('user.badRole'));
      const password = o.passwordStdin ? PasswordSchema.safeParse(await readStdin()) : undefined;
      if (password && !password.success) throw new Error(t('user.shortPassword'));
      await withDb((db) => {
        const auth = createAuthService(db);
        const scopes = scopeOption(db, o.scope, o.survey);
        if (role.data === 'coordinator' && !scopes.length) throw new Error(t('user.needsScope'));
        const result = auth.createUser({ email: o.email, role: role.data, scopes, canReadFreeText: Boolean(o.freeText), password: password?.data });
        if (!result.ok) throw new Error(result.reason === 'exists' ? t('user.exists', { email: o.email }) : t('user.unknownCollector', { collector: result.detail }));
        auth.audit('cli', 'user.create', o.email.toLowerCase(), `role ${role.data}`);
        console.log(t('user.created', { email: o.email.toLowerCase(), role: role.data }));
        if (result.generatedPassword) console.log(t('user.password', { password: result.generatedPassword }));
      });
    });
  user
    .command('list')
    .description(t('user.list'))
    .action(() =>
      withDb((db) => {
        for (const u of createAuthService(db).users()) {
          const scope = u.role === 'coordinator' ? u.scopes.map((s) => `${s.surveyId}/${s.collectorId}`).join(',') : t('user.allCollectors');
          console.log(`${u.id}\t${u.email}\t${u.role}\t${t('user.scopeValue', { scope })}${u.canReadFreeText ? `\t${t('user.freeTextMark')}` : ''}`);
        }
      }),
    );
}
