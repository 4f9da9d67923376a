// `wireroom serve`: the HTTP server alone, on a read-only connection. Several can serve one database beside one
// worker (`wireroom run --no-server`); each sees the worker's commits through SQLite's data_version.
import { positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';

export const serveCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('serve')
      .description('start the HTTP server only, reading the database read-only (the worker runs elsewhere)')
      .option('--port <port>', 'HTTP port (overrides server.port)', positiveInt('--port', 65535))
      .action(async (o: { port?: number }) => {
        const { createLogger } = await import('../../log.ts');
        const { liveConfig } = await import('../../config/index.ts');
        const { openStore } = await import('../../store/index.ts');
        const { openMetrics } = await import('../../http/index.ts');
        const { listen, servedConfig, stopSignal } = await import('../serving.ts');
        const log = createLogger();
        const stop = stopSignal().signal;
        const config = servedConfig(ctx.config(), o.port);
        // Read-only: no migrations; a missing or older database is refused with what to run first.
        const store = openStore(config.databasePath, { readonly: true });
        try {
          const server = await listen(store, config, o.port, {
            log,
            liveConfig: liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied')),
          });
          log.info({ url: server.url, db: config.databasePath }, 'serving feeds (read-only)');
          const metrics = await openMetrics({ config, store, metrics: server.metrics, publicUrl: server.url });
          log.info({ metrics: metrics.where }, 'metrics');
          const signal = await stop;
          log.info({ signal }, 'shutting down');
          await server.close();
          await metrics.close();
          log.info({}, 'stopped');
        } finally {
          store.close();
        }
      });
  },
};
