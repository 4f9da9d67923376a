// `wireroom users role NAME ROLE`: changes what an account, and every token of it, may do; the last admin stays.
import { setRole } from '../../../auth/index.ts';
import type { CliCommand } from '../../command.ts';
import { actor, refusalsAsUsage, usersGroup, withAccounts } from './common.ts';

export const roleUserCommand: CliCommand = {
  group: usersGroup,
  register(users, ctx) {
    users
      .command('role <name> <role>')
      .description("change an account's role (viewer, editor, admin); its tokens follow at once")
      .action((name: string, role: string) =>
        withAccounts(ctx, async (accounts) => {
          const before = (await accounts.users.get(name.trim().toLowerCase()))?.role;
          const user = await refusalsAsUsage(() => setRole(accounts, actor(), name, role));
          ctx.out(
            before === user.role ? `${user.name} is already ${user.role}` : `${user.name}: ${before} -> ${user.role}`,
          );
        }),
      );
  },
};
