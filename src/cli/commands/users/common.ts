// What the users and tokens commands share: their groups, the account store they work on (either database), the
// actor they act as, refusals as usage errors, and reading a password from a terminal without echo or from stdin.
import { AccountError, cliActor, type Actor } from '../../../auth/index.ts';
import { sqliteAccountStore, type AccountStore } from '../../../store/index.ts';
import type { CommandGroup } from '../../command.ts';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../errors.ts';

export const usersGroup: CommandGroup = {
  name: 'users',
  description: "accounts for the editors' console and API: add, list, remove, passwd, role",
};

export const tokensGroup: CommandGroup = {
  name: 'tokens',
  description: 'API tokens: add (shown once), list, revoke',
};

/** Runs fn on the configured database's accounts, SQLite or PostgreSQL (opened for it, closed after). */
export async function withAccounts<T>(ctx: CliContext, fn: (accounts: AccountStore) => Promise<T>): Promise<T> {
  const config = ctx.config();
  if (config.database.kind !== 'postgres') return fn(sqliteAccountStore(ctx.store()));
  const { withPg } = await import('../../postgres.ts');
  return withPg(config, (pg) => fn(pg.accounts), { max: 1 });
}

/** Commands act as `cli:<os user>` in the audit log. */
export function actor(): Actor {
  return cliActor();
}

/** Runs an account operation; a refusal (unknown name, last admin, weak password) exits 2 with its one line. */
export async function refusalsAsUsage<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountError) throw new UsageError(err.message);
    throw err;
  }
}

export interface PasswordOptions {
  passwordStdin?: boolean;
}

/** All of stdin, less one final line break: `printf %s "$PW" | ...` and `echo "$PW" | ...` give the same password. */
async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal with echo off (raw mode); Ctrl-C cancels. */
function promptHidden(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (fail?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (fail) reject(fail);
      else resolve(typed);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of String(data)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The new password: from stdin with --password-stdin, else asked twice on the terminal. */
export async function readNewPassword(o: PasswordOptions, stdin = process.stdin): Promise<string> {
  if (o.passwordStdin) {
    const password = await readStdin(stdin);
    if (!password) throw new UsageError('--password-stdin: stdin was empty');
    return password;
  }
  if (!stdin.isTTY) throw new UsageError('no terminal to ask for the password on: give it with --password-stdin');
  const first = await promptHidden('New password: ', stdin, process.stderr);
  const second = await promptHidden('Again: ', stdin, process.stderr);
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}
