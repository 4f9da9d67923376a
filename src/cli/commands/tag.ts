// `wireroom tag ENTRY_ID +country:PE -topic:economy`: editors' overrides, kept on retag.
import type { TagKind } from '../../types.ts';
import { storedEntry } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { taxonomyTagger } from '../tagging.ts';

interface TagChange {
  action: 'add' | 'remove';
  kind: TagKind;
  value: string;
}

function parseChange(arg: string): TagChange {
  const m = /^([+-])(country|region|topic):(.+)$/.exec(arg.trim());
  if (!m) throw new UsageError(`tag: expected +kind:value or -kind:value (kind: country, region, topic), got "${arg}"`);
  const kind = m[2] as TagKind;
  const value = kind === 'country' ? m[3].toUpperCase() : m[3].toLowerCase();
  if (kind === 'country' && !/^[A-Z]{2}$/.test(value))
    throw new UsageError(`tag: a country is an ISO alpha-2 code such as PE, got "${m[3]}"`);
  return { action: m[1] === '+' ? 'add' : 'remove', kind, value };
}

export const tagCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('tag')
      .description('add or remove tags by hand: wireroom tag 42 +country:PE -topic:economy (kept on retag)')
      .argument('<entry-id>')
      .argument('<changes...>', '+kind:value or -kind:value')
      .allowUnknownOption()
      .action((id: string, changes: string[]) => {
        const entry = storedEntry(ctx, id);
        const parsed = changes.map(parseChange);
        const topics = taxonomyTagger(ctx).topics;
        // Feeds publish one item per story: an editor's decision holds for every entry of the entry's story.
        const store = ctx.store();
        const ids =
          entry.storyId !== undefined ? store.stories.members(entry.storyId).map((m) => m.entryId) : [entry.id];
        for (const c of parsed) {
          if (c.kind === 'topic' && !topics.has(c.value)) ctx.err(`note: topic "${c.value}" is not in topics.yaml`);
          for (const member of ids) store.tags.setOverride(member, c.kind, c.value, c.action);
          ctx.out(
            `#${entry.id} ${c.action === 'add' ? '+' : '-'}${c.kind}:${c.value}${ids.length > 1 ? ` (all ${ids.length} entries of its story)` : ''}`,
          );
        }
      });
  },
};
