// `wireroom rules test`: which recent entries a changed taxonomy would tag or untag, without writing.
import type { Tag } from '../../types.ts';
import { diffRules } from '../../worker/index.ts';
import { parseSince, positiveInt } from '../arguments.ts';
import { rulesGroup, type CliCommand } from '../command.ts';
import { sourcePriors, taxonomyTagger } from '../tagging.ts';

/** `+country:PE(focus)`: a tag gained or lost, with its role when it has one. */
function change(sign: '+' | '-', t: Tag): string {
  return `${sign}${t.kind}:${t.value}${t.role ? `(${t.role})` : ''}`;
}

export const rulesTestCommand: CliCommand = {
  group: rulesGroup,
  register(rules, ctx) {
    rules
      .command('test')
      .description('show which recent entries the current taxonomy would tag or untag, without writing')
      .option('--since <date>', 'entries published since (2024-01-31, 7d, 24h)')
      .option('--limit <n>', 'most recent entries to check', positiveInt('--limit'), 500)
      .action((o: { since?: string; limit: number }) => {
        const store = ctx.store();
        const entries = store.entries.list({ since: o.since ? parseSince(o.since) : undefined, limit: o.limit });
        const diffs = diffRules(store, taxonomyTagger(ctx), sourcePriors(ctx), entries);
        for (const d of diffs) {
          const changes = [...d.gained.map((t) => change('+', t)), ...d.lost.map((t) => change('-', t))];
          ctx.out(`#${d.entry.id} ${changes.join(' ')}  ${d.entry.title}`);
        }
        ctx.out(`${diffs.length} of ${entries.length} entries would change`);
      });
  },
};
