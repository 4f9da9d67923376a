// `wireroom users remove NAME`: the account goes with its tokens and sessions; the last admin stays.
import { removeUser } from '../../../auth/index.ts';
import type { CliCommand } from '../../command.ts';
import { actor, refusalsAsUsage, usersGroup, withAccounts } from './common.ts';

export const removeUserCommand: CliCommand = {
  group: usersGroup,
  register(users, ctx) {
    users
      .command('remove <name>')
      .description('remove an account with its tokens and sessions (not the last admin)')
      .action(async (name: string) => {
        await withAccounts(ctx, (accounts) => refusalsAsUsage(() => removeUser(accounts, actor(), name)));
        ctx.out(`removed user ${name.trim().toLowerCase()} with its tokens and sessions`);
      });
  },
};
