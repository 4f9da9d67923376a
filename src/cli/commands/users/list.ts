// `wireroom users list`: every account with its role and live tokens.
import type { CliCommand } from '../../command.ts';
import { table } from '../../format.ts';
import { usersGroup, withAccounts } from './common.ts';

export const listUsersCommand: CliCommand = {
  group: usersGroup,
  register(users, ctx) {
    users
      .command('list')
      .description('every account: role, when added, when its password was set, live tokens')
      .option('--json', 'print JSON')
      .action(async (o: { json?: boolean }) => {
        const [tokens, users] = await withAccounts(ctx, (a) => Promise.all([a.tokens.list(), a.users.list()]));
        const now = Date.now();
        const live = new Map<number, number>();
        for (const t of tokens) {
          if (t.revokedAt || (t.expiresAt && Date.parse(t.expiresAt) <= now)) continue;
          live.set(t.userId, (live.get(t.userId) ?? 0) + 1);
        }
        const rows = users.map((u) => ({
          name: u.name,
          role: u.role,
          createdAt: u.createdAt,
          passwordChangedAt: u.passwordChangedAt,
          liveTokens: live.get(u.id) ?? 0,
        }));
        if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
        if (!rows.length) return ctx.out('no users (add one with `wireroom users add NAME --role admin`)');
        ctx.out(
          table(
            ['NAME', 'ROLE', 'ADDED', 'PASSWORD SET', 'TOKENS'],
            rows.map((r) => [r.name, r.role, r.createdAt.slice(0, 16), r.passwordChangedAt.slice(0, 16), r.liveTokens]),
          ),
        );
      });
  },
};
