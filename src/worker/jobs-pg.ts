// Background jobs on PostgreSQL (issue #15): the console's "fetch now", retag and export in a `wireroom run` on
// PostgreSQL. A fetch is `wireroom fetch` as one worker of the fleet (named sources claimed with a lease, due or
// not), a retag is retagOnPostgres, and the jobs table keeps a heartbeat, since several processes may run jobs.
import type { PgStore } from '../store/index.ts';
import { defaultLeaseSeconds, runFleetCycle, workerName, type FleetDeps } from './fleet.ts';
import type { JobHost } from './jobs.ts';
import { retagOnPostgres } from './retag-pg.ts';
import { notFetched } from './ingest.ts';

/** A fleet worker's store and functions as a JobHost. */
export function pgJobHost(deps: FleetDeps & { pg: PgStore }): JobHost {
  const { pg } = deps;
  const runner = workerName();
  let fetches = 0;
  return {
    jobs: pg.jobs,
    config: deps.config,
    log: deps.log,
    now: deps.now,
    async fetch(config, o) {
      // An owner per job: two fetch jobs at once must not give back each other's leases.
      const owner = `${runner}:job${++fetches}`;
      const named = o.sourceIds ?? config.sources.filter((s) => s.enabled).map((s) => s.id);
      let done = 0;
      try {
        const report = await runFleetCycle(
          { ...deps, config },
          {
            owner,
            leaseSeconds: defaultLeaseSeconds(config),
            named,
            oneOff: true,
            signal: o.signal,
            onSource: (r) => o.onProgress(++done, named.length, r),
          },
        );
        // A cancel leaves named sources unclaimed: they are reported skipped, as the SQLite cycle reports them.
        const reported = new Set(report.sources.map((r) => r.id));
        const now = (deps.now?.() ?? new Date()).toISOString();
        const skipped = config.sources
          .filter((s) => named.includes(s.id) && !reported.has(s.id))
          .map((s) => notFetched(s, now));
        return skipped.length
          ? { ...report, sources: [...report.sources, ...skipped].sort((a, b) => a.id.localeCompare(b.id)) }
          : report;
      } finally {
        await pg.sources.releaseLeases(owner);
      }
    },
    async entryCount() {
      return [...(await pg.reads.countsBySource()).values()].reduce((a, b) => a + b, 0);
    },
    retag: (taxonomy, priors, opts) => retagOnPostgres(pg, taxonomy, priors, opts),
  };
}
