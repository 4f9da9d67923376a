// `wireroom fetch`: one cycle now, with a per-source summary.
import type cliProgress from 'cli-progress';
import type { WireroomConfig } from '../../config/index.ts';
import type { CycleReport, SourceReport } from '../../worker/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { resultLabel } from '../fetch-result.ts';
import { table } from '../format.ts';

function describe(r: SourceReport): string {
  if (r.status === 'error' || r.status === 'gone') return r.error ?? r.errorCode ?? 'failed';
  const parts: string[] = [];
  if (r.movedTo) parts.push(`moved permanently to ${r.movedTo}`);
  if (r.tombstoned) parts.push(`${r.tombstoned} removed earlier, not restored`);
  if (r.warnings.length) parts.push(`warning: ${r.warnings.join('; ')}`);
  return parts.join('; ');
}

/** A progress bar on a terminal only: piped output and --json stay clean. */
async function progressBar(json: boolean | undefined): Promise<cliProgress.SingleBar | undefined> {
  if (!process.stderr.isTTY || json) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  return new cliProgress.SingleBar(
    { format: 'fetching [{bar}] {value}/{total} {source}', stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}

/**
 * On PostgreSQL: one fleet cycle over the sources asked for (every enabled one by default), due or not as on SQLite,
 * each claimed with a lease and written with the fenced write, so workers running meanwhile never fetch one twice.
 */
async function fetchOnPostgres(
  config: WireroomConfig,
  ids: readonly string[] | undefined,
  onSource: (done: number, total: number, r: SourceReport) => void,
  /** Ctrl-C: no new claims; fetches under way are written, then every lease is given back. */
  signal: AbortSignal,
): Promise<CycleReport> {
  const { withPg } = await import('../postgres.ts');
  const { createPreparer } = await import('../../worker/index.ts');
  const { loadTaxonomy } = await import('../../tag/index.ts');
  const fleet = await import('../../worker/fleet.ts');
  const named = config.sources.filter((s) => (ids ? ids.includes(s.id) : s.enabled)).map((s) => s.id);
  const order = new Map(named.map((id, i) => [id, i]));
  let done = 0;
  return withPg(
    config,
    async (pg) => {
      const preparer = createPreparer({ threads: config.ingestThreads, taxonomy: loadTaxonomy(config.dir) });
      const owner = fleet.workerName();
      try {
        const report = await fleet.runFleetCycle(
          { config, pg, preparer },
          {
            owner,
            leaseSeconds: fleet.defaultLeaseSeconds(config),
            named,
            oneOff: ids !== undefined,
            onSource: (r) => onSource(++done, named.length, r),
            signal,
          },
        );
        // Listed in the order the sources are configured, as on SQLite.
        return { ...report, sources: report.sources.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)) };
      } finally {
        // A write that failed leaves its lease: given back, so a worker need not wait for it to run out. When the
        // database is gone this fails too: the leases run out, and the cycle's own error is the one reported.
        await pg.sources.releaseLeases(owner).catch(() => {});
        await preparer.close();
      }
    },
    // One connection per write in flight, up to a few (as `wireroom worker`).
    { max: Math.min(8, config.fetch.concurrency) },
  );
}

export const fetchCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('fetch')
      .description('run one fetch cycle now and print a per-source summary')
      .option('--source <id...>', 'only these sources')
      .option('--json', 'print the summary as JSON')
      .action(async (o: { source?: string[]; json?: boolean }) => {
        const { createWorkerDeps, runCycle, unknownSources } = await import('../../worker/index.ts');
        const config = ctx.config();
        const unknown = unknownSources(config, o.source ?? []);
        if (unknown.length)
          throw new UsageError(`unknown source ${unknown.join(', ')} (see \`wireroom sources list\`)`);
        const bar = await progressBar(o.json);
        let started = false;
        const onProgress = (done: number, total: number, r: SourceReport) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, 0, { source: '' });
            started = true;
          }
          bar.update(done, { source: r.id });
        };
        // On PostgreSQL Ctrl-C (or SIGTERM) is a clean stop that gives back the leases; on SQLite the default stays:
        // the open transaction rolls back with the process.
        const stop = config.database.kind === 'postgres' ? (await import('../serving.ts')).stopSignal() : undefined;
        const stopped = stop?.aborted;
        // Said at once: whoever pressed Ctrl-C sees it was heard while the fetches under way finish.
        stopped?.addEventListener('abort', () =>
          ctx.err(`stopping on ${String(stopped.reason)}: finishing the fetches under way`),
        );
        const report = await (
          stopped
            ? fetchOnPostgres(config, o.source, onProgress, stopped)
            : runCycle(createWorkerDeps(config, ctx.store()), { sourceIds: o.source, force: true, onProgress })
        ).finally(() => stop?.dispose());
        bar?.stop();
        if (stopped?.aborted) {
          ctx.err(`stopped by ${String(stopped.reason)}: the fetches under way were written, no others started`);
          // The shell's convention: 128 + the signal's number.
          ctx.exitCode = stopped.reason === 'SIGTERM' ? 143 : 130;
        }
        if (o.json) return ctx.out(JSON.stringify(report, null, 2));
        ctx.out(
          table(
            ['SOURCE', 'RESULT', 'NEW', 'UPDATED', 'UNCHANGED', 'MS', 'DETAIL'],
            report.sources.map((r) => [r.id, resultLabel(r), r.new, r.updated, r.unchanged, r.durationMs, describe(r)]),
          ),
        );
        const failed = report.sources.filter((r) => r.status === 'error' || r.status === 'gone').length;
        const fresh = report.sources.reduce((n, r) => n + r.new, 0);
        ctx.out(
          `\n${report.sources.length} sources, ${fresh} new entries, ${failed} failed, in ${(report.durationMs / 1000).toFixed(1)} s` +
            (report.pruned ? `; ${report.pruned} entries past retention removed` : ''),
        );
      });
  },
};
