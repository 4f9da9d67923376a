// `wireroom rules test`: which recent entries a changed taxonomy would tag or untag, without writing.
import { parseSince, positiveInt } from '../arguments.ts';
import { rulesGroup, type CliCommand } from '../command.ts';

export const rulesTestCommand: CliCommand = {
  group: rulesGroup,
  register(rules, ctx) {
    rules
      .command('test')
      .description('show which recent entries the current taxonomy would tag or untag, without writing')
      .option('--since <date>', 'entries published since (2024-01-31, 7d, 24h)')
      .option('--limit <n>', 'most recent entries to check', positiveInt('--limit'), 500)
      .action(async (o: { since?: string; limit: number }) => {
        const { formatTag, rulesDiff } = await import('../../editor/index.ts');
        const diff = rulesDiff(ctx.store(), ctx.configDir(), undefined, {
          since: o.since ? parseSince(o.since) : undefined,
          limit: o.limit,
        });
        for (const d of diff.changed) {
          const changes = [...d.gained.map((t) => formatTag(t, '+')), ...d.lost.map((t) => formatTag(t, '-'))];
          ctx.out(`#${d.entryId} ${changes.join(' ')}  ${d.title}`);
        }
        ctx.out(`${diff.changed.length} of ${diff.checked} entries would change`);
      });
  },
};
