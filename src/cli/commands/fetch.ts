// `wireroom fetch`: one cycle now, with a per-source summary.
import type cliProgress from 'cli-progress';
import type { SourceReport } from '../../worker/index.ts';
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
        const store = ctx.store();
        const deps = createWorkerDeps(config, store);
        const bar = await progressBar(o.json);
        let started = false;
        const report = await runCycle(deps, {
          sourceIds: o.source,
          force: true,
          onProgress(done, total, r) {
            if (!bar) return;
            if (!started) {
              bar.start(total, 0, { source: '' });
              started = true;
            }
            bar.update(done, { source: r.id });
          },
        });
        bar?.stop();
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
