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
        const { retag } = await import('../../worker/index.ts');
        const { sourcePriors, taxonomyTagger } = await import('../tagging.ts');
        const r = retag(ctx.store(), taxonomyTagger(ctx), sourcePriors(ctx), { since, batch: o.batch });
        ctx.out(`retagged ${r.entries} entries in ${r.seconds.toFixed(1)} s (${Math.round(r.perSecond)} entries/s)`);
      });
  },
};
