import type { Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { withDb } from '../context';

export function registerToken(program: Command) {
  const token = program.command('token').description('API tokens for "Authorization: Bearer <token>"');
  token
    .command('create')
    .description('create a token for an account and print it once (only its hash is kept)')
    .requiredOption('--email <email>', 'the account the token acts as')
    .action((o: { email: string }) =>
      withDb((db) => {
        const auth = createAuthService(db);
        const user = auth.userByEmail(o.email);
        if (!user) throw new Error(`there is no account ${o.email}`);
        const created = auth.createToken(user.id);
        auth.audit('cli', 'token.create', user.email, `token ${created.id}`);
        console.log(`Token ${created.id} for ${user.email} (shown only now):`);
        console.log(created.token);
      }),
    );
  token
    .command('revoke <id>')
    .description('revoke a token by its number')
    .action((id: string) =>
      withDb((db) => {
        const auth = createAuthService(db);
        const found = auth.token(Number(id));
        if (!found) throw new Error(`there is no token ${id}`);
        if (!auth.revokeToken(found.id)) return console.log(`Token ${id} was already revoked.`);
        auth.audit('cli', 'token.revoke', auth.user(found.user_id)?.email ?? '', `token ${found.id}`);
        console.log(`Token ${id} revoked.`);
      }),
    );
  token
    .command('list')
    .description('list the tokens of an account')
    .requiredOption('--email <email>', 'the account')
    .action((o: { email: string }) =>
      withDb((db) => {
        const auth = createAuthService(db);
        const user = auth.userByEmail(o.email);
        if (!user) throw new Error(`there is no account ${o.email}`);
        const account = auth.users().find((u) => u.id === user.id)!;
        for (const k of account.tokens) console.log(`${k.id}\tcreated ${k.created_at}\tlast used ${k.last_used_at ?? '-'}${k.revoked_at ? '\trevoked' : ''}`);
      }),
    );
}
