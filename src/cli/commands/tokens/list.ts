// `wireroom tokens list`: every token's name, owner, scopes and state; never the token itself.
import { effectiveScopes } from '../../../auth/index.ts';
import type { TokenRecord } from '../../../store/index.ts';
import type { CliCommand } from '../../command.ts';
import { ago, table } from '../../format.ts';
import { UsageError } from '../../errors.ts';
import { tokensGroup, withAccounts } from '../users/common.ts';

function state(t: TokenRecord, now: number): 'revoked' | 'expired' | 'active' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return 'expired';
  return 'active';
}

export const listTokensCommand: CliCommand = {
  group: tokensGroup,
  register(tokens, ctx) {
    tokens
      .command('list')
      .description('every token: owner, scopes (as its owner role allows them now), state, expiry, last use')
      .option('--user <name>', "only this user's tokens")
      .option('--all', 'include revoked tokens')
      .option('--json', 'print JSON')
      .action(async (o: { user?: string; all?: boolean; json?: boolean }) => {
        const tokenList = await withAccounts(ctx, async (accounts) => {
          if (o.user === undefined) return accounts.tokens.list();
          const userId = (await accounts.users.get(o.user.trim().toLowerCase()))?.id;
          if (userId === undefined) throw new UsageError(`no user "${o.user}"`);
          return accounts.tokens.list({ userId });
        });
        const now = Date.now();
        const rows = tokenList
          .filter((t) => o.all || !t.revokedAt)
          .map((t) => ({
            id: t.id,
            name: t.name,
            user: t.userName,
            scopes: t.scopes,
            effectiveScopes: effectiveScopes(t.scopes, t.userRole),
            state: state(t, now),
            createdAt: t.createdAt,
            expiresAt: t.expiresAt ?? null,
            lastUsedAt: t.lastUsedAt ?? null,
            revokedAt: t.revokedAt ?? null,
          }));
        if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
        if (!rows.length) return ctx.out('no tokens');
        ctx.out(
          table(
            ['ID', 'NAME', 'USER', 'STATE', 'EXPIRES', 'LAST USED', 'SCOPES'],
            rows.map((r) => [
              r.id,
              r.name,
              r.user,
              r.state,
              r.expiresAt ? r.expiresAt.slice(0, 16).replace('T', ' ') : 'never',
              r.lastUsedAt ? ago(r.lastUsedAt, now) : '-',
              r.effectiveScopes.length === r.scopes.length
                ? r.scopes.join(',')
                : `${r.effectiveScopes.join(',') || '(none)'} (granted ${r.scopes.join(',')}; the role caps it)`,
            ]),
          ),
        );
      });
  },
};
