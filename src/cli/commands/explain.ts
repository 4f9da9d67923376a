// `wireroom explain ENTRY_ID`: each tag of an entry and why, its overrides, and its story.
import type { WireroomConfig } from '../../config/index.ts';
import type { Store, StoredEntry, TagOverride } from '../../store/index.ts';
import type { Confidence } from '../../tag/index.ts';
import type { Tag } from '../../types.ts';
import { storedEntry } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import { table } from '../format.ts';

/** The stages' functions it uses, loaded when the command runs. */
interface Explainers {
  confidenceOf(tag: Tag): Confidence | undefined;
  explainStory(store: { stories: Pick<Store['stories'], 'explain'> }, entryId: number): string[];
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

/** What explain prints about an entry, read from either store. */
interface Explained {
  entry: StoredEntry;
  tags: Tag[];
  overrides: TagOverride[];
  story: string[];
}

/** Header, tags and why, overrides, then the entry's story. */
function explainLines(x: Explained, explainers: Explainers): string[] {
  const { entry, tags, overrides, story } = x;
  const lines = [
    `#${entry.id} ${entry.title}`,
    `source ${entry.sourceId}, published ${entry.publishedAt}${entry.url ? `, ${entry.url}` : ''}`,
    '',
  ];
  lines.push('tags:', tags.length ? tagRows(tags, explainers) : '  (none)');
  if (overrides.length) {
    lines.push('', 'manual overrides (kept on retag):');
    for (const o of overrides) lines.push(`  ${o.action === 'add' ? '+' : '-'}${o.kind}:${o.value}  (${o.createdAt})`);
  }
  if (story?.length) lines.push('', 'story:', ...story);
  return lines;
}

function fromSqlite(store: Store, entry: StoredEntry, explainers: Explainers): Explained {
  const story = explainers.explainStory(store, entry.id);
  return { entry, tags: store.tags.list(entry.id), overrides: store.tags.overrides(entry.id), story };
}

async function fromPostgres(config: WireroomConfig, raw: string): Promise<Explained> {
  const { withPg, pgEntry } = await import('../postgres.ts');
  const { pgEditorStore } = await import('../../editor/editor-store-pg.ts');
  return withPg(
    config,
    async (pg) => {
      const entry = await pgEntry(pg, raw);
      const [tags, overrides, story] = await Promise.all([
        pg.reads.tags(entry.id),
        pg.reads.overrides(entry.id),
        pgEditorStore(pg).explainStory(entry.id),
      ]);
      return { entry, tags, overrides, story };
    },
    { max: 3 },
  );
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
        const explainers = { confidenceOf, explainStory };
        const config = ctx.config();
        const explained =
          config.database.kind === 'postgres'
            ? await fromPostgres(config, id)
            : fromSqlite(ctx.store(), storedEntry(ctx, id), explainers);
        for (const line of explainLines(explained, explainers)) ctx.out(line);
      });
  },
};
