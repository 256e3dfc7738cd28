import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { withDb } from '../context';
import { cliLanguage, t } from '../i18n';
import { intlFormat } from '../../i18n/intl-format';

export function registerToken(program: Command) {
  const token = program.command('token').description(t('token.description'));
  token
    .command('create')
    .description(t('token.create'))
    .requiredOption('--email <email>', t('token.email'))
    .action((o: { email: string }) =>
      withDb((db) => {
        const auth = createAuthService(db);
        const user = auth.userByEmail(o.email);
        if (!user) throw new Error(t('noAccount', { email: o.email }));
        const created = auth.createToken(user.id);
        auth.audit('cli', 'token.create', user.email, `token ${created.id}`);
        console.log(t('token.created', { id: created.id, email: user.email }));
        console.log(created.token);
      }),
    );
  token
    .command('revoke <id>')
    .description(t('token.revoke'))
    .action((id: string) =>
      withDb((db) => {
        const auth = createAuthService(db);
        const found = auth.token(Number(id));
        if (!found) throw new Error(t('token.noToken', { id }));
        if (!auth.revokeToken(found.id)) return console.log(t('token.alreadyRevoked', { id }));
        auth.audit('cli', 'token.revoke', auth.user(found.user_id)?.email ?? '', `token ${found.id}`);
        console.log(t('token.revoked', { id }));
      }),
    );
  token
    .command('list')
    .description(t('token.list'))
    .requiredOption('--email <email>', t('token.account'))
    .action((o: { email: string }) =>
      withDb((db) => {
        const auth = createAuthService(db);
        const user = auth.userByEmail(o.email);
        if (!user) throw new Error(t('noAccount', { email: o.email }));
        const account = auth.users().find((u) => u.id === user.id)!;
        const when = intlFormat(cliLanguage());
        for (const k of account.tokens) {
          const used = k.last_used_at ? when.dateTime(k.last_used_at) : '-';
          console.log(`${k.id}\t${t('token.createdAt', { date: when.dateTime(k.created_at) })}\t${t('token.lastUsed', { date: used })}${k.revoked_at ? `\t${t('token.revokedMark')}` : ''}`);
        }
      }),
    );
}
