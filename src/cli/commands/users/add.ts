// `wireroom users add NAME --role viewer|editor|admin`: an account for the console and API.
import { addUser, checkNewUser } from '../../../auth/index.ts';
import type { CliCommand } from '../../command.ts';
import { actor, readNewPassword, refusalsAsUsage, usersGroup, withAccounts, type PasswordOptions } from './common.ts';

export const addUserCommand: CliCommand = {
  group: usersGroup,
  register(users, ctx) {
    users
      .command('add <name>')
      .description('add an account (the password is asked on the terminal, or read with --password-stdin)')
      .requiredOption('--role <role>', 'viewer, editor or admin')
      .option('--password-stdin', 'read the password from stdin')
      .action((name: string, o: PasswordOptions & { role: string }) =>
        withAccounts(ctx, async (accounts) => {
          // Name and role first: nobody types a password twice to be told the name is taken.
          await refusalsAsUsage(() => checkNewUser(accounts, name, o.role));
          const password = await readNewPassword(o);
          const user = await refusalsAsUsage(() => addUser(accounts, actor(), { name, role: o.role, password }));
          ctx.out(`added user ${user.name} (${user.role})`);
        }),
      );
  },
};
