// `wireroom serve`: the HTTP server alone. On SQLite, on a read-only connection: several can serve one database
// beside one worker (`wireroom run --no-server`); each sees the worker's commits through SQLite's data_version. On
// PostgreSQL, any number on any machines beside `wireroom worker`s; each sees every commit through the change
// counter the writers bump (db/postgres/004_feed_changes.sql).
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
        const { openFeedReader, redactUrl } = await import('../../store/index.ts');
        const { openMetrics } = await import('../../http/index.ts');
        const { editorStoreFor, listen, servedConfig, stopSignal } = await import('../serving.ts');
        const log = createLogger();
        const stop = stopSignal().signal;
        const config = servedConfig(ctx.config(), o.port);
        // SQLite read-only: no migrations; a missing or older database is refused with what to run first.
        const opened = await openFeedReader(config.database, { readonly: true });
        const store = opened.reader;
        // On PostgreSQL: `wireroom restore` is refused while this server runs.
        const inUse =
          config.database.kind === 'postgres'
            ? await (await import('../../store/pg/index.ts')).holdInUse(config.database.url)
            : undefined;
        try {
          const server = await listen(store, config, o.port, {
            log,
            editor: await editorStoreFor(opened.store, { readonly: true }),
            liveConfig: liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied')),
          });
          const db = config.database.kind === 'postgres' ? redactUrl(config.database.url) : config.databasePath;
          log.info({ url: server.url, db }, 'serving feeds (read-only)');
          const metrics = await openMetrics({ config, store, metrics: server.metrics, publicUrl: server.url });
          log.info({ metrics: metrics.where }, 'metrics');
          const signal = await stop;
          log.info({ signal }, 'shutting down');
          await server.close();
          await metrics.close();
          log.info({}, 'stopped');
        } finally {
          await inUse?.release();
          await opened.close();
        }
      });
  },
};
