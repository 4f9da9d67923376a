// `wireroom fetch` runs one cycle now; `wireroom items` lists what is stored.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createWorkerDeps } from '../../worker/deps.ts';
import { runCycle, unknownSources, type SourceReport } from '../../worker/index.ts';
import type { Tag } from '../../types.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { parseSince, positiveInt, table } from '../format.ts';

/** Network-level failures read as "unreachable": what an editor sees when a site or the network is down. */
const UNREACHABLE = new Set(['dns', 'refused', 'reset', 'timeout', 'tls', 'network', 'unreachable']);

export function resultLabel(r: { status: string; errorCode?: string }): string {
  if (r.status === 'not-modified') return 'not modified (304)';
  if (r.status === 'error' && r.errorCode && UNREACHABLE.has(r.errorCode)) return 'unreachable';
  return r.status;
}

function describe(r: SourceReport): string {
  if (r.status === 'error' || r.status === 'gone') return r.error ?? r.errorCode ?? 'failed';
  const parts: string[] = [];
  if (r.movedTo) parts.push(`moved permanently to ${r.movedTo}`);
  if (r.tombstoned) parts.push(`${r.tombstoned} removed earlier, not restored`);
  if (r.warnings.length) parts.push(`warning: ${r.warnings.join('; ')}`);
  return parts.join('; ');
}

/** Focus countries, then topics, then regions: what an editor scans for first. */
function shortTags(tags: Tag[]): string {
  const pick = (kind: Tag['kind']) =>
    tags.filter((t) => t.kind === kind && (kind !== 'country' || t.role === 'focus')).map((t) => t.value);
  return [...pick('country'), ...pick('topic'), ...pick('region')].join(' ');
}

export function registerFetchCommands(program: Command, ctx: CliContext): void {
  program
    .command('fetch')
    .description('run one fetch cycle now and print a per-source summary')
    .option('--source <id...>', 'only these sources')
    .option('--json', 'print the summary as JSON')
    .action(async (o: { source?: string[]; json?: boolean }) => {
      const config = ctx.config();
      const unknown = unknownSources(config, o.source ?? []);
      if (unknown.length) throw new UsageError(`unknown source ${unknown.join(', ')} (see \`wireroom sources list\`)`);
      const store = ctx.store();
      const deps = createWorkerDeps(config, store);
      const bar =
        process.stderr.isTTY && !o.json
          ? new cliProgress.SingleBar(
              { format: 'fetching [{bar}] {value}/{total} {source}', stream: process.stderr, clearOnComplete: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
      let started = false;
      const report = await runCycle(deps, {
        sourceIds: o.source,
        force: true,
        onProgress(done, total, r) {
          if (!bar) return;
          if (!started) (bar.start(total, 0, { source: '' }), (started = true));
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

  program
    .command('items')
    .description('list stored entries, newest first')
    .option('--source <id>', 'only this source')
    .option('--since <date>', 'published since (2024-01-31, or 24h, 7d)')
    .option('--limit <n>', 'at most n entries', positiveInt('--limit'), 50)
    .option('--json', 'print JSON')
    .action((o: { source?: string; since?: string; limit: number; json?: boolean }) => {
      const store = ctx.store();
      const entries = store.entries.list({
        sourceId: o.source,
        since: o.since ? parseSince(o.since) : undefined,
        limit: o.limit,
      });
      const withTags = entries.map((e) => ({ ...e, tags: store.tags.list(e.id) }));
      if (o.json) return ctx.out(JSON.stringify(withTags, null, 2));
      if (!entries.length) return ctx.out('no entries (run `wireroom fetch`)');
      ctx.out(
        table(
          ['ID', 'PUBLISHED', 'SOURCE', 'TAGS', 'TITLE'],
          withTags.map((e) => [
            e.id,
            e.publishedAt.slice(0, 16).replace('T', ' '),
            e.sourceId,
            shortTags(e.tags),
            e.title,
          ]),
        ),
      );
    });
}
