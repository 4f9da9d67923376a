// `wireroom run` (what `npm start` runs): the worker on its schedule, beside the HTTP server.
import type { WireroomConfig } from '../../config/index.ts';
import type { Metrics } from '../../http/index.ts';
import type { FeedReader, Store } from '../../store/index.ts';
import type { Logger } from '../../worker/index.ts';
import { positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';

/**
 * After each scheduled cycle (which logs its own line): ping the WebSub hub. Pings run in the background, one at a
 * time; `drain` waits for the last so the store is not closed under it.
 */
function hubPinger(log: Logger, store: Store | FeedReader, config: () => WireroomConfig) {
  let last: Promise<void> = Promise.resolve();
  return {
    onCycle: (): void => {
      last = last.then(async () => {
        try {
          const { notifyHub } = await import('../../publish/index.ts');
          const hub = await notifyHub({ store, config: config() });
          if (hub.errors.length) log.warn({ errors: hub.errors }, 'WebSub hub ping failed');
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'WebSub hub ping failed');
        }
      });
    },
    drain: () => last,
  };
}

/**
 * On PostgreSQL: one fleet worker (as `wireroom worker`) on the schedule, beside the feed server (as `wireroom
 * serve`), in this process. Other workers and servers may share the database; this worker claims its sources with
 * leases like any of them.
 */
async function runOnPostgres(
  config: WireroomConfig,
  o: { port?: number; server: boolean },
  log: Logger,
  stop: { signal: Promise<string>; received: () => boolean },
): Promise<void> {
  const { openPg } = await import('../postgres.ts');
  const { liveConfig } = await import('../../config/index.ts');
  const { openFeedReader } = await import('../../store/index.ts');
  const { openMetrics } = await import('../../http/index.ts');
  const { createPreparer } = await import('../../worker/index.ts');
  const { loadTaxonomy } = await import('../../tag/index.ts');
  const { editorStoreFor, listen, siteExporter } = await import('../serving.ts');
  const { JobRunner } = await import('../../worker/index.ts');
  const { pgJobHost } = await import('../../worker/jobs-pg.ts');
  const fleet = await import('../../worker/fleet.ts');
  const pg = await openPg(config, { max: Math.min(8, config.fetch.concurrency) });
  // `wireroom restore` is refused while this process runs, between cycles too.
  const url = config.database.kind === 'postgres' ? config.database.url : '';
  const inUse = await (await import('../../store/pg/index.ts')).holdInUse(url).catch(async (err: unknown) => {
    await pg.close();
    throw err;
  });
  // The server's reads and the metrics' gauges go through the feed reader, on a pool of their own.
  const opened = await openFeedReader(config.database, { connections: 4 }).catch(async (err: unknown) => {
    await inUse.release();
    await pg.close();
    throw err;
  });
  const preparer = createPreparer({ threads: config.ingestThreads, taxonomy: loadTaxonomy(config.dir) });
  try {
    // The worker and the feeds follow the config folder as edited since start, as on SQLite.
    const liveConfigNow = liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied'));
    // The console's jobs (fetch now, retag, export) run here, as on SQLite; the jobs table says who runs what.
    const jobs = o.server
      ? new JobRunner(pgJobHost({ config, pg, preparer, log }), {
          exportSite: siteExporter(opened.reader, liveConfigNow),
          config: liveConfigNow,
        })
      : undefined;
    // The server starts first so a failing port is reported before any fetching begins.
    const server = o.server
      ? await listen(opened.reader, config, o.port, {
          log,
          editor: await editorStoreFor(opened.store),
          jobs,
          liveConfig: liveConfigNow,
        })
      : undefined;
    if (server) log.info({ url: server.url }, 'serving feeds');
    const metrics = await openMetrics({
      config,
      store: opened.reader,
      metrics: server?.metrics,
      publicUrl: server?.url,
    });
    log.info({ metrics: metrics.where }, 'metrics');
    const owner = fleet.workerName();
    const hub = hubPinger(log, opened.reader, liveConfigNow);
    const worker = stop.received()
      ? undefined
      : fleet.startFleetWorker(
          { config, pg, preparer, log },
          {
            owner,
            leaseSeconds: fleet.defaultLeaseSeconds(config),
            config: liveConfigNow,
            onCycle: (r) => {
              log.info(fleet.cycleSummary(r), 'cycle done');
              metrics.metrics?.observeCycle(r);
              hub.onCycle();
            },
          },
        );
    if (worker) {
      log.info(
        { config: config.dir, owner, schedule: config.schedule.cron, sources: config.sources.length },
        'worker started',
      );
      if (config.schedule.run_on_start) void worker.runNow();
    }
    const signal = await stop.signal;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    await jobs?.stop();
    await worker?.stop();
    await hub.drain();
    await server?.close();
    await metrics.close();
    log.info({}, 'stopped');
  } finally {
    await preparer.close();
    await opened.close();
    await inUse.release();
    await pg.close();
  }
}

export const runCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('run')
      .description('start the worker (fetches on the configured schedule) and the HTTP server')
      .option('--port <port>', 'HTTP port (overrides server.port)', positiveInt('--port', 65535))
      .option('--no-server', 'run the worker only')
      .action(async (o: { port?: number; server: boolean }) => {
        const { createLogger } = await import('../../log.ts');
        const { liveConfig } = await import('../../config/index.ts');
        const { openMetrics } = await import('../../http/index.ts');
        const { createWorkerDeps, JobRunner, sqliteJobHost, startWorker } = await import('../../worker/index.ts');
        const { editorStoreFor, listen, servedConfig, siteExporter, stopSignal } = await import('../serving.ts');
        const log = createLogger();
        // Listen for signals before anything slow starts, so an early SIGTERM is still a clean stop.
        const stop = stopSignal();
        const config = servedConfig(ctx.config(), o.port);
        if (config.database.kind === 'postgres') return runOnPostgres(config, o, log, stop);
        const store = ctx.store();
        // A long-running worker remembers the items it stored, and does not prepare them again when seen unchanged.
        const deps = createWorkerDeps(config, store, log, { rememberItems: true });
        // Every cycle in this process counts in the metrics (once they exist): the schedule's and the console's jobs'.
        const counting: { metrics?: Metrics } = {};
        deps.onCycleDone = (r) => counting.metrics?.observeCycle(r);
        // The worker, the feeds, the console and its jobs all follow the config folder as edited since start.
        const liveConfigNow = liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied'));
        const jobs = o.server
          ? new JobRunner(sqliteJobHost(deps), {
              exportSite: siteExporter(store, liveConfigNow),
              config: liveConfigNow,
            })
          : undefined;
        // The server starts first so a failing port is reported before any fetching begins.
        const server = o.server
          ? await listen(store, config, o.port, {
              log,
              editor: await editorStoreFor(store),
              jobs,
              liveConfig: liveConfigNow,
            })
          : undefined;
        if (server) log.info({ url: server.url }, 'serving feeds');
        const metrics = await openMetrics({ config, store, metrics: server?.metrics, publicUrl: server?.url });
        log.info({ metrics: metrics.where }, 'metrics');
        counting.metrics = metrics.metrics;
        const hub = hubPinger(log, store, liveConfigNow);
        const worker = stop.received() ? undefined : startWorker(deps, { onCycle: hub.onCycle, config: liveConfigNow });
        if (worker)
          log.info(
            {
              config: config.dir,
              db: config.databasePath,
              schedule: config.schedule.cron,
              sources: config.sources.length,
            },
            'worker started',
          );

        const signal = await stop.signal;
        log.info({ signal }, 'shutting down: finishing in-flight work');
        await worker?.stop();
        await hub.drain();
        await jobs?.stop();
        await server?.close();
        await metrics.close();
        log.info({}, 'stopped');
      });
  },
};
