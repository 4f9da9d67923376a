// `wireroom worker`: one fetch worker of a fleet sharing a PostgreSQL database (issue #15); start any number, on any
// number of machines. It claims due sources with a lease, fetches, prepares and stores them; see src/worker/fleet.ts.
import { positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';

export const workerCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('worker')
      .description('fetch due sources on the schedule, sharing a PostgreSQL database with other workers')
      .option('--once', 'run one cycle (claim until nothing is left to claim), print its summary and exit')
      .option('--json', 'with --once: print the cycle report as JSON')
      .option('--lease <seconds>', 'how long a claim holds a source before others may take it', positiveInt('--lease'))
      .action(async (o: { once?: boolean; json?: boolean; lease?: number }) => {
        const config = ctx.config();
        if (config.database.kind !== 'postgres')
          throw new UsageError(
            '`wireroom worker` needs a PostgreSQL database (database: postgres://user@host/db in wireroom.yaml, ' +
              'or WIREROOM_DB); on SQLite, `wireroom run` fetches',
          );
        const { createLogger } = await import('../../log.ts');
        const { liveConfig } = await import('../../config/index.ts');
        const { holdInUse, openPgStore } = await import('../../store/pg/index.ts');
        const { loadTaxonomy } = await import('../../tag/index.ts');
        const { createPreparer } = await import('../../worker/index.ts');
        const fleet = await import('../../worker/fleet.ts');
        const { stopSignal } = await import('../serving.ts');
        const log = createLogger();
        const stop = stopSignal();
        // One connection per write in flight, up to a few: writes are short next to fetches.
        const pg = await openPgStore(config.database.url, { max: Math.min(8, config.fetch.concurrency) });
        // `wireroom restore` is refused while this worker runs, between its cycles too.
        const inUse = await holdInUse(config.database.url);
        const preparer = createPreparer({ threads: config.ingestThreads, taxonomy: loadTaxonomy(config.dir) });
        const owner = fleet.workerName();
        const leaseSeconds = o.lease ?? fleet.defaultLeaseSeconds(config);
        const deps = { config, pg, preparer, log };
        try {
          const worker = fleet.startFleetWorker(deps, {
            owner,
            leaseSeconds,
            schedule: !o.once,
            // Sources and taxonomy as edited since start: a worker need not be restarted for a new source.
            config: o.once
              ? undefined
              : liveConfig(config, (err) => log.warn({ err: err.message }, 'config edit not applied')),
            onCycle: (r) => log.info(fleet.cycleSummary(r), 'cycle done'),
          });
          log.info({ owner, sources: config.sources.length, once: !!o.once, schedule: config.schedule.cron }, 'worker');
          if (o.once) {
            const report = await Promise.race([worker.runNow(), stop.signal.then(() => undefined)]);
            await worker.stop();
            if (report && o.json) ctx.out(JSON.stringify(report, null, 2));
            else if (report) ctx.out(fleet.describeCycle(report));
            return;
          }
          if (config.schedule.run_on_start) void worker.runNow();
          const signal = await stop.signal;
          log.info({ signal }, 'shutting down: finishing in-flight work');
          await worker.stop();
          log.info({}, 'stopped');
        } finally {
          await inUse.release();
          await preparer.close();
          await pg.close();
        }
      });
  },
};
