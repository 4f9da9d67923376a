// `wireroom rules test`: which recent entries a changed taxonomy would tag or untag, without writing.
import type { RulesDiffStore } from '../../editor/index.ts';
import { parseSince, positiveInt } from '../arguments.ts';
import { rulesGroup, type CliCommand } from '../command.ts';
import type { CliContext } from '../context.ts';

/** The store the dry-run reads: SQLite's, or on PostgreSQL the same entries, tags and overrides read beforehand. */
async function diffStore(ctx: CliContext, q: { since?: string; limit: number }): Promise<RulesDiffStore> {
  const config = ctx.config();
  if (config.database.kind !== 'postgres') return ctx.store();
  const { withPg } = await import('../postgres.ts');
  return withPg(config, (pg) => pg.tagView(q), { max: 1 });
}

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
        const q = { since: o.since ? parseSince(o.since) : undefined, limit: o.limit };
        const diff = rulesDiff(await diffStore(ctx, q), ctx.configDir(), undefined, q);
        for (const d of diff.changed) {
          const changes = [...d.gained.map((t) => formatTag(t, '+')), ...d.lost.map((t) => formatTag(t, '-'))];
          ctx.out(`#${d.entryId} ${changes.join(' ')}  ${d.title}`);
        }
        ctx.out(`${diff.changed.length} of ${diff.checked} entries would change`);
      });
  },
};
