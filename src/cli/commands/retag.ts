// `wireroom retag`: re-applies the current taxonomy to stored entries; editors' overrides stay.
import type { Taxonomy } from '../../tag/index.ts';
import type { ScopedRetagResult } from '../../worker/index.ts';
import type { SourceConfig } from '../../types.ts';
import { parseSince, positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import type { CliContext } from '../context.ts';

type RetagOptions = { since?: string; batch: number; threads: number; all?: boolean };

/** On PostgreSQL: the same scope, batches and summary, each batch one transaction (src/worker/retag-pg.ts). */
async function retagPostgres(ctx: CliContext, taxonomy: Taxonomy, priors: Map<string, SourceConfig>, o: RetagOptions) {
  const { withPg } = await import('../postgres.ts');
  const { retagOnPostgres } = await import('../../worker/index.ts');
  // One connection reads the next batch while another writes the last.
  return withPg(ctx.config(), (pg) => retagOnPostgres(pg, taxonomy, priors, o), { max: 2 });
}

/** What a retag did and why it tagged what it tagged. */
function retagSummary(r: ScopedRetagResult): string {
  const took = `in ${r.seconds.toFixed(1)} s`;
  const need = r.need;
  if (need.kind === 'none')
    return 'nothing to retag: every entry is tagged with the current taxonomy and sources (--all to retag anyway)';
  if (need.kind === 'all')
    return `retagged ${r.entries} entries ${took} (${Math.round(r.perSecond)} entries/s): ${need.why}`;
  const list = (xs: string[]) =>
    xs.length > 5 ? `${xs.slice(0, 5).join(', ')} and ${xs.length - 5} more` : xs.join(', ');
  const what = [
    need.changed.topics.length ? `topics ${list(need.changed.topics)}` : '',
    need.changed.sources.length ? `the priors of ${list(need.changed.sources)}` : '',
    need.changed.names.length ? `the names ${list(need.changed.names)}` : '',
    need.changed.roles.length ? `the role words ${list(need.changed.roles)}` : '',
  ].filter(Boolean);
  return (
    `retagged ${r.entries} of ${r.examined} entries ${took}: those ${what.join(' and ')} can change ` +
    '(the others hold none of the words edited; --all to retag every entry)'
  );
}

export const retagCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('retag')
      .description('re-apply the current taxonomy to stored entries (manual overrides are kept)')
      .option('--since <date>', 'only entries published since (2024-01-31, 7d, 24h)')
      .option('--batch <n>', 'entries per transaction', positiveInt('--batch'), 1000)
      .option('--all', 'every entry, not only those the edits since the last retag can change')
      .action(async (o: { since?: string; batch: number; all?: boolean }) => {
        const since = o.since ? parseSince(o.since) : undefined;
        const { retagOnThreads } = await import('../../worker/index.ts');
        const { loadTaxonomy } = await import('../../tag/index.ts');
        const { sourcePriors } = await import('../tagging.ts');
        // On SQLite the store is opened first, as before (an unusable database is the error shown).
        const store = ctx.config().database.kind === 'postgres' ? undefined : ctx.store();
        const taxonomy = loadTaxonomy(ctx.configDir());
        // Tagged on the prepare threads (ingest.threads) while this thread writes; none: inline.
        const opts = { since, batch: o.batch, threads: ctx.config().retagThreads, all: o.all };
        const r = store
          ? await retagOnThreads(store, taxonomy, sourcePriors(ctx), opts)
          : await retagPostgres(ctx, taxonomy, sourcePriors(ctx), opts);
        ctx.out(retagSummary(r));
      });
  },
};
