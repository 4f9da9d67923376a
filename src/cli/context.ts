// What every command needs: the config folder, the database, and where to write. Resolved lazily, once.
import path from 'node:path';
import type { Command } from 'commander';
import { isPostgresSetting, loadConfig, type WireroomConfig } from '../config/index.ts';
import { UsageError } from './errors.ts';
import { openStore, redactUrl, type Store } from '../store/index.ts';

export interface CliContext {
  /** Config folder from --config, WIREROOM_CONFIG, or ./config. */
  configDir(): string;
  config(): WireroomConfig;
  store(): Store;
  out(text: string): void;
  err(text: string): void;
  /** Set by a command that ran but wants a non-zero exit (e.g. `check` found problems). */
  exitCode?: number;
  close(): void;
}

/** The commands that run on a PostgreSQL database today; the others need the asynchronous store (issue #15). */
const ON_POSTGRES = new Set([
  'worker',
  'migrate',
  'check',
  'init',
  'fetch',
  'run',
  'serve',
  'items',
  'publish',
  'sources list',
  'sources export',
  'sources add',
  'explain',
  'stories show',
  'tag',
  'users add',
  'users list',
  'users passwd',
  'users role',
  'users remove',
  'tokens add',
  'tokens list',
  'tokens revoke',
  'backup',
  'restore',
  'classify',
  'rules test',
  'retag',
  'stories merge',
  'stories split',
]);

export function createContext(
  program: Command,
  io: { out: (s: string) => void; err: (s: string) => void },
  /** The command that runs (`run`, `sources add`): a PostgreSQL database refuses the ones not ready for it. */
  command = '',
): CliContext {
  let config: WireroomConfig | undefined;
  let store: Store | undefined;
  const opts = () => program.opts<{ config?: string; db?: string }>();
  const ctx: CliContext = {
    configDir: () => path.resolve(opts().config ?? process.env.WIREROOM_CONFIG ?? 'config'),
    config() {
      const db = opts().db ?? process.env.WIREROOM_DB;
      config ??= loadConfig(ctx.configDir(), { db: db && !isPostgresSetting(db) ? path.resolve(db) : db });
      if (config.database.kind === 'postgres' && !ON_POSTGRES.has(command))
        throw new UsageError(
          `\`wireroom ${command}\` does not run on PostgreSQL yet (database ${redactUrl(config.database.url)}); ` +
            `these do: ${[...ON_POSTGRES].sort().join(', ')} (issue #15)`,
        );
      return config;
    },
    store() {
      // A command that runs on PostgreSQL opens it itself (src/cli/postgres.ts): never a SQLite file named like a URL.
      if (ctx.config().database.kind === 'postgres') throw new Error(`\`wireroom ${command}\` reads the SQLite store`);
      store ??= openStore(ctx.config().databasePath);
      return store;
    },
    out: io.out,
    err: io.err,
    close() {
      store?.close();
      store = undefined;
    },
  };
  return ctx;
}
