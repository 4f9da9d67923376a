// `wireroom retag`: re-applies the current taxonomy to stored entries; editors' overrides stay.
import { parseSince, positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';

export const retagCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('retag')
      .description('re-apply the current taxonomy to stored entries (manual overrides are kept)')
      .option('--since <date>', 'only entries published since (2024-01-31, 7d, 24h)')
      .option('--batch <n>', 'entries per transaction', positiveInt('--batch'), 1000)
      .action(async (o: { since?: string; batch: number }) => {
        const since = o.since ? parseSince(o.since) : undefined;
        const { retagOnThreads } = await import('../../worker/index.ts');
        const { loadTaxonomy } = await import('../../tag/index.ts');
        const { sourcePriors } = await import('../tagging.ts');
        // Tagged on the prepare threads (ingest.threads) while this thread writes; none: inline.
        const r = await retagOnThreads(ctx.store(), loadTaxonomy(ctx.configDir()), sourcePriors(ctx), {
          since,
          batch: o.batch,
          threads: ctx.config().ingestThreads,
        });
        ctx.out(`retagged ${r.entries} entries in ${r.seconds.toFixed(1)} s (${Math.round(r.perSecond)} entries/s)`);
      });
  },
};
