// `wireroom serve`: the HTTP server alone, on a read-only connection. Several can serve one database beside one
// worker (`wireroom run --no-server`); each sees the worker's commits through SQLite's data_version.
import type { WireroomConfig } from '../../config/index.ts';
import { startServer, type RunningServer } from '../../http/index.ts';
import { createLogger } from '../../log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';

/** A base URL on this machine follows the port served (`--port`), as `wireroom run` does. */
function servedConfig(config: WireroomConfig, port: number | undefined): WireroomConfig {
  if (port === undefined) return config;
  const base = new URL(config.site.base_url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname) || base.port === String(port)) return config;
  base.port = String(port);
  return { ...config, site: { ...config.site, base_url: base.href } };
}

/** Resolves with the first SIGINT or SIGTERM. */
function stopSignal(): Promise<string> {
  return new Promise<string>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

function listen(store: Store, config: WireroomConfig, port: number | undefined): Promise<RunningServer> {
  return startServer({ store, config, port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new Error(
        `${config.server.host}:${port ?? config.server.port} is already in use: stop the other server, or use --port`,
      );
    throw err;
  });
}

export const serveCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('serve')
      .description('start the HTTP server only, reading the database read-only (the worker runs elsewhere)')
      .option('--port <port>', 'HTTP port (overrides server.port)', positiveInt('--port', 65535))
      .action(async (o: { port?: number }) => {
        const log = createLogger();
        const stop = stopSignal();
        const config = servedConfig(ctx.config(), o.port);
        // Read-only: no migrations; a missing or older database is refused with what to run first.
        const store = openStore(config.databasePath, { readonly: true });
        try {
          const server = await listen(store, config, o.port);
          log.info({ url: server.url, db: config.databasePath }, 'serving feeds (read-only)');
          const signal = await stop;
          log.info({ signal }, 'shutting down');
          await server.close();
          log.info({}, 'stopped');
        } finally {
          store.close();
        }
      });
  },
};
