// `wireroom explain ENTRY_ID`: each tag of an entry and why, its overrides, and its story.
import type { Store, StoredEntry } from '../../store/index.ts';
import type { Confidence } from '../../tag/index.ts';
import type { Tag } from '../../types.ts';
import { storedEntry } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import { table } from '../format.ts';

/** The stages' functions it uses, loaded when the command runs. */
interface Explainers {
  confidenceOf(tag: Tag): Confidence | undefined;
  explainStory(store: Store, entryId: number): string[];
}

function tagRows(tags: readonly Tag[], { confidenceOf }: Explainers): string {
  return table(
    ['KIND', 'VALUE', 'ROLE', 'SCORE', 'CONFIDENCE', 'RULE', 'FIELD', 'MATCH'],
    tags.map((t) => [
      t.kind,
      t.value,
      t.role ?? '',
      t.score.toFixed(2),
      confidenceOf(t) ?? '',
      t.reason.rule,
      t.reason.field ?? '',
      t.reason.match ?? '',
    ]),
  );
}

/** Header, tags and why, overrides, then the entry's story. */
function explainEntry(store: Store, entry: StoredEntry, explainers: Explainers): string[] {
  const lines = [
    `#${entry.id} ${entry.title}`,
    `source ${entry.sourceId}, published ${entry.publishedAt}${entry.url ? `, ${entry.url}` : ''}`,
    '',
  ];
  const tags = store.tags.list(entry.id);
  lines.push('tags:', tags.length ? tagRows(tags, explainers) : '  (none)');
  const overrides = store.tags.overrides(entry.id);
  if (overrides.length) {
    lines.push('', 'manual overrides (kept on retag):');
    for (const o of overrides) lines.push(`  ${o.action === 'add' ? '+' : '-'}${o.kind}:${o.value}  (${o.createdAt})`);
  }
  const story = explainers.explainStory(store, entry.id);
  if (story?.length) lines.push('', 'story:', ...story);
  return lines;
}

export const explainCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('explain')
      .description('print each tag of an entry and why it was given')
      .argument('<entry-id>')
      .action(async (id: string) => {
        const { explainStory } = await import('../../dedup/index.ts');
        const { confidenceOf } = await import('../../tag/index.ts');
        for (const line of explainEntry(ctx.store(), storedEntry(ctx, id), { confidenceOf, explainStory }))
          ctx.out(line);
      });
  },
};
