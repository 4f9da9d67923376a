// `wireroom tokens revoke ID|NAME`: the token stops working at once; its row stays for the record.
import { revokeToken } from '../../../auth/index.ts';
import type { CliCommand } from '../../command.ts';
import { actor, refusalsAsUsage, tokensGroup, withAccounts } from '../users/common.ts';

export const revokeTokenCommand: CliCommand = {
  group: tokensGroup,
  register(tokens, ctx) {
    tokens
      .command('revoke <id-or-name>')
      .description('revoke a token by id or by the name of a live token; it stops working at once')
      .action(async (idOrName: string) => {
        const t = await withAccounts(ctx, (accounts) =>
          refusalsAsUsage(() => revokeToken(accounts, actor(), idOrName)),
        );
        ctx.out(`revoked token #${t.id} "${t.name}" of ${t.userName}`);
      });
  },
};
