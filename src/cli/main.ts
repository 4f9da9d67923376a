// The `wireroom` command: a thin shell that parses arguments and calls the stages.
import { Command, CommanderError } from 'commander';
import type { CliCommand, CommandGroup } from './command.ts';
import { backupCommand } from './commands/backup.ts';
import { checkCommand } from './commands/check.ts';
import { classifyCommand } from './commands/classify.ts';
import { explainCommand } from './commands/explain.ts';
import { fetchCommand } from './commands/fetch.ts';
import { initCommand } from './commands/init.ts';
import { itemsCommand } from './commands/items.ts';
import { migrateCommand } from './commands/migrate.ts';
import { publishCommand } from './commands/publish.ts';
import { restoreCommand } from './commands/restore.ts';
import { retagCommand } from './commands/retag.ts';
import { rulesTestCommand } from './commands/rules-test.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { addSourceCommand } from './commands/sources/add.ts';
import { exportSourcesCommand } from './commands/sources/export.ts';
import { importSourcesCommand } from './commands/sources/import.ts';
import { listSourcesCommand } from './commands/sources/list.ts';
import { removeSourceCommand } from './commands/sources/remove.ts';
import { mergeStoriesCommand } from './commands/stories/merge.ts';
import { showStoryCommand } from './commands/stories/show.ts';
import { splitStoryCommand } from './commands/stories/split.ts';
import { tagCommand } from './commands/tag.ts';
import { workerCommand } from './commands/worker.ts';
import { addTokenCommand } from './commands/tokens/add.ts';
import { listTokensCommand } from './commands/tokens/list.ts';
import { revokeTokenCommand } from './commands/tokens/revoke.ts';
import { addUserCommand } from './commands/users/add.ts';
import { listUsersCommand } from './commands/users/list.ts';
import { passwdUserCommand } from './commands/users/passwd.ts';
import { removeUserCommand } from './commands/users/remove.ts';
import { roleUserCommand } from './commands/users/role.ts';
import type { CliContext } from './context.ts';
import { UsageError } from './errors.ts';

/** Every command, in the order `wireroom --help` lists them (a group where its first command is). */
const commands: CliCommand[] = [
  runCommand,
  workerCommand,
  serveCommand,
  fetchCommand,
  itemsCommand,
  addSourceCommand,
  removeSourceCommand,
  listSourcesCommand,
  importSourcesCommand,
  exportSourcesCommand,
  initCommand,
  checkCommand,
  publishCommand,
  backupCommand,
  restoreCommand,
  migrateCommand,
  explainCommand,
  retagCommand,
  tagCommand,
  rulesTestCommand,
  classifyCommand,
  showStoryCommand,
  mergeStoriesCommand,
  splitStoryCommand,
  addUserCommand,
  listUsersCommand,
  removeUserCommand,
  passwdUserCommand,
  roleUserCommand,
  addTokenCommand,
  listTokensCommand,
  revokeTokenCommand,
];

function registerCommands(program: Command, ctx: CliContext): void {
  const groupCommands = new Map<CommandGroup, Command>();
  const parentOf = (group: CommandGroup): Command => {
    let parent = groupCommands.get(group);
    if (!parent) {
      parent = program.command(group.name).description(group.description);
      groupCommands.set(group, parent);
    }
    return parent;
  };
  for (const command of commands) command.register(command.group ? parentOf(command.group) : program, ctx);
}

/** `run`, `sources add`: the words that name a command, without the program's. */
function commandName(command: Command): string {
  const words: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) words.unshift(c.name());
  return words.join(' ');
}

/**
 * The context the commands are registered with. The real one, which loads the config and store stages, is made just
 * before an action runs: `--help` and usage errors load neither.
 */
function deferredContext(program: Command, io: CliIo): CliContext {
  let real: CliContext | undefined;
  const ready = (): CliContext => {
    if (!real) throw new Error('the CLI context is used before its command runs');
    return real;
  };
  program.hook('preAction', async (_, action) => {
    real ??= (await import('./context.ts')).createContext(program, io, commandName(action));
  });
  return {
    configDir: () => ready().configDir(),
    config: () => ready().config(),
    store: () => ready().store(),
    out: io.out,
    err: io.err,
    close: () => real?.close(),
  };
}

/** Exit codes: 0 ran, 1 failed at run time, 2 bad usage or bad config, 3 unusable database. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (s) => void process.stdout.write(s + '\n'),
  err: (s) => void process.stderr.write(s + '\n'),
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('wireroom')
    .description('Feed aggregator and re-publisher')
    .option('--config <dir>', 'config folder (env WIREROOM_CONFIG)', undefined)
    .option('--db <file>', 'SQLite database file (env WIREROOM_DB)', undefined)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const ctx = deferredContext(program, io);
  registerCommands(program, ctx);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const [{ ConfigError }, { StoreError }] = await Promise.all([
      import('../config/index.ts'),
      import('../store/index.ts'),
    ]);
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof StoreError) {
      io.err(`database unusable: ${err.message}`);
      return 3;
    }
    if (err instanceof UsageError) {
      io.err(`wireroom: ${err.message}`);
      return 2;
    }
    // One line for people; the stack for whoever debugs (WIREROOM_DEBUG=1).
    io.err(
      `wireroom: ${process.env.WIREROOM_DEBUG ? ((err as Error).stack ?? String(err)) : ((err as Error).message ?? String(err))}`,
    );
    return 1;
  } finally {
    ctx.close();
  }
}
