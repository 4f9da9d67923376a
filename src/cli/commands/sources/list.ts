// `wireroom sources list`: each source's health.
import type { WireroomConfig } from '../../../config/index.ts';
import type { SourceState } from '../../../store/index.ts';
import type { SourceConfig } from '../../../types.ts';
import { sourcesGroup, type CliCommand } from '../../command.ts';
import type { CliContext } from '../../context.ts';
import { resultLabel } from '../../fetch-result.ts';
import { ago, table } from '../../format.ts';

function status(source: SourceConfig, state: SourceState | undefined): string {
  if (!source.enabled) return 'disabled';
  if (!state) return 'new';
  return resultLabel({ status: state.status, errorCode: state.lastErrorCode });
}

/** The one problem the table has room for: the error, else a move to act on, else the first warning. */
function problem(row: { error?: string; movedTo?: string; warnings: string[] }): string {
  if (row.error !== undefined) return row.error;
  if (row.movedTo) return `moved to ${row.movedTo} (update sources.yaml)`;
  if (row.warnings[0]) return `warning: ${row.warnings[0]}`;
  return '';
}

/** Each configured source's stored state (rows made for new ones first) and its stored entry count, on either store. */
async function health(
  ctx: CliContext,
  config: WireroomConfig,
): Promise<{ states: Map<string, SourceState>; counts: Map<string, number> }> {
  const now = new Date().toISOString();
  if (config.database.kind === 'postgres') {
    const { withPg } = await import('../../postgres.ts');
    return withPg(
      config,
      async (pg) => {
        await pg.sources.sync(config.sources, now);
        const states = new Map((await pg.sources.list()).map((s) => [s.id, s]));
        return { states, counts: await pg.reads.countsBySource() };
      },
      { max: 1 },
    );
  }
  const store = ctx.store();
  store.sources.sync(config.sources, now);
  return { states: new Map(store.sources.list().map((s) => [s.id, s])), counts: store.entries.countsBySource() };
}

export const listSourcesCommand: CliCommand = {
  group: sourcesGroup,
  register(sources, ctx) {
    sources
      .command('list')
      .description('every source with its health: last fetch, status, error, entries')
      .option('--json', 'print JSON')
      .action(async (o: { json?: boolean }) => {
        const config = ctx.config();
        const { states, counts } = await health(ctx, config);
        const rows = config.sources.map((s) => {
          const st = states.get(s.id);
          return {
            id: s.id,
            title: s.title ?? st?.title,
            url: s.url,
            enabled: s.enabled,
            status: status(s, st),
            lastFetchAt: st?.lastFetchAt,
            lastSuccessAt: st?.lastSuccessAt,
            nextFetchAt: st?.nextFetchAt,
            entries: counts.get(s.id) ?? 0,
            error: st?.lastError,
            errorCode: st?.lastErrorCode,
            consecutiveErrors: st?.errorCount ?? 0,
            movedTo: st?.effectiveUrl,
            warnings: st?.warnings ?? [],
          };
        });
        if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
        ctx.out(
          table(
            ['ID', 'STATUS', 'ENTRIES', 'LAST FETCH', 'NEXT', 'PROBLEM'],
            rows.map((r) => [
              r.id,
              r.status + (r.consecutiveErrors > 1 ? ` x${r.consecutiveErrors}` : ''),
              r.entries,
              ago(r.lastFetchAt),
              ago(r.nextFetchAt),
              problem(r),
            ]),
          ),
        );
      });
  },
};
