import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { PasswordSchema, RoleSchema } from '../../auth/schema';
import { createSurveyRepo } from '../../surveys/repo';
import type { Db } from '../../shared/db';
import { withDb } from '../context';

/** "sofia,rome" with --survey (or the only survey), or "survey/collector" pairs, as "survey/collector" strings. */
export function scopeOption(db: Db, scope: string | undefined, survey: string | undefined): string[] {
  const items = (scope ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) return [];
  const surveys = createSurveyRepo(db).all();
  const surveyId = survey ?? (surveys.length === 1 ? surveys[0]!.id : undefined);
  return items.map((item) => {
    if (item.includes('/')) return item;
    if (!surveyId) throw new Error('there are several surveys: name one with --survey <id>');
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
  const user = program.command('user').description('manage the accounts of admins, coordinators and researchers');
  user
    .command('add')
    .description('add an account; without --password-stdin a password is generated and printed once')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--role <role>', 'admin, coordinator or researcher')
    .option('--scope <collectors>', 'coordinators: their collectors, e.g. sofia,rome (or survey/collector pairs)')
    .option('--survey <id>', 'the survey of the --scope collectors (default: the only survey)')
    .option('--free-text', 'researchers: may read raw free-text answers')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (o: AddOptions) => {
      const role = RoleSchema.safeParse(o.role);
      if (!role.success) throw new Error('--role must be admin, coordinator or researcher');
      const password = o.passwordStdin ? PasswordSchema.safeParse(await readStdin()) : undefined;
      if (password && !password.success) throw new Error('the password must be at least 12 characters');
      await withDb((db) => {
        const auth = createAuthService(db);
        const scopes = scopeOption(db, o.scope, o.survey);
        if (role.data === 'coordinator' && !scopes.length) throw new Error('a coordinator needs --scope with their collectors');
        const result = auth.createUser({ email: o.email, role: role.data, scopes, canReadFreeText: Boolean(o.freeText), password: password?.data });
        if (!result.ok) throw new Error(result.reason === 'exists' ? `there is already an account ${o.email}` : `unknown collector ${result.detail}`);
        auth.audit('cli', 'user.create', o.email.toLowerCase(), `role ${role.data}`);
        console.log(`Account ${o.email.toLowerCase()} (${role.data}) created.`);
        if (result.generatedPassword) console.log(`Password (shown only now): ${result.generatedPassword}`);
      });
    });
  user
    .command('list')
    .description('list the accounts with their role and scope')
    .action(() =>
      withDb((db) => {
        for (const u of createAuthService(db).users()) {
          const scope = u.role === 'coordinator' ? u.scopes.map((s) => `${s.surveyId}/${s.collectorId}`).join(',') : 'all';
          console.log(`${u.id}\t${u.email}\t${u.role}\tscope: ${scope}${u.canReadFreeText ? '\tfree text' : ''}`);
        }
      }),
    );
}
