// What every command needs: the config folder, the database, and where to write. Resolved lazily, once.
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type WireroomConfig } from '../config/index.ts';
import { openStore, type Store } from '../store/index.ts';

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

export function createContext(
  program: Command,
  io: { out: (s: string) => void; err: (s: string) => void },
): CliContext {
  let config: WireroomConfig | undefined;
  let store: Store | undefined;
  const opts = () => program.opts<{ config?: string; db?: string }>();
  const ctx: CliContext = {
    configDir: () => path.resolve(opts().config ?? process.env.WIREROOM_CONFIG ?? 'config'),
    config() {
      const db = opts().db ?? process.env.WIREROOM_DB;
      config ??= loadConfig(ctx.configDir(), { db: db ? path.resolve(db) : undefined });
      return config;
    },
    store() {
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
