// `wireroom users passwd NAME`: a new password; the account's console sessions end.
import { existingUser, setPassword } from '../../../auth/index.ts';
import type { CliCommand } from '../../command.ts';
import { actor, readNewPassword, refusalsAsUsage, usersGroup, withAccounts, type PasswordOptions } from './common.ts';

export const passwdUserCommand: CliCommand = {
  group: usersGroup,
  register(users, ctx) {
    users
      .command('passwd <name>')
      .description("set an account's password (asked on the terminal, or --password-stdin); ends its sessions")
      .option('--password-stdin', 'read the password from stdin')
      .action((name: string, o: PasswordOptions) =>
        withAccounts(ctx, async (accounts) => {
          await refusalsAsUsage(() => existingUser(accounts, name)); // before the password is typed
          const password = await readNewPassword(o);
          await refusalsAsUsage(() => setPassword(accounts, actor(), name, password));
          ctx.out(`password changed for ${name.trim().toLowerCase()}; its console sessions ended`);
        }),
      );
  },
};
