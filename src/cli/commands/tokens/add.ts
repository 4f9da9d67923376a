// `wireroom tokens add NAME --user U --scope read,...`: prints the token once, stores only its hash.
import { expiryAfter, issueToken, parseScopes } from '../../../auth/index.ts';
import type { CliCommand } from '../../command.ts';
import { UsageError } from '../../errors.ts';
import { actor, refusalsAsUsage, tokensGroup, withAccounts } from '../users/common.ts';

interface AddOptions {
  user: string;
  scope: string;
  expires?: string;
}

export const addTokenCommand: CliCommand = {
  group: tokensGroup,
  register(tokens, ctx) {
    tokens
      .command('add <name>')
      .description('make an API token for a user; prints it once on stdout (only its hash is kept)')
      .requiredOption('--user <name>', 'the account the token acts for')
      .option(
        '--scope <list>',
        'comma-separated: read, sources:write, tags:write, stories:write, collections:write, admin',
        'read',
      )
      .option('--expires <span>', 'lifetime, e.g. 12h, 30d, 8w (default: until revoked)')
      .action(async (name: string, o: AddOptions) => {
        let scopes;
        try {
          scopes = parseScopes(o.scope);
        } catch (err) {
          throw new UsageError(`--scope: ${(err as Error).message}`);
        }
        const issued = await withAccounts(ctx, (accounts) =>
          refusalsAsUsage(() =>
            issueToken(accounts, actor(), {
              name,
              user: o.user,
              scopes,
              expiresAt: o.expires === undefined ? undefined : expiryAfter(o.expires),
            }),
          ),
        );
        const r = issued.record;
        // The token alone on stdout (TOKEN=$(wireroom tokens add ...)); what it is on stderr.
        ctx.err(
          `token #${r.id} "${r.name}" for ${r.userName}: ${r.scopes.join(', ')}; ` +
            `${r.expiresAt ? `expires ${r.expiresAt}` : 'no expiry'}. Copy it now: it is not shown again.`,
        );
        ctx.out(issued.token);
      });
  },
};
