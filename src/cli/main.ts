// The `wireroom` command: a thin shell that parses arguments and calls the stages.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/index.ts';
import { StoreError } from '../store/index.ts';
import { commandGroups } from './commands/index.ts';
import { createContext } from './context.ts';
import { UsageError } from './errors.ts';

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
  const ctx = createContext(program, io);
  for (const register of commandGroups) register(program, ctx);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
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
