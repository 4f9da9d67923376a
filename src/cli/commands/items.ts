// `wireroom items`: what is stored, newest first.
import type { Tag } from '../../types.ts';
import { parseSince, positiveInt } from '../arguments.ts';
import type { CliCommand } from '../command.ts';
import { table } from '../format.ts';

/** Focus countries, then topics, then regions: what an editor scans for first. */
function shortTags(tags: Tag[]): string {
  const pick = (kind: Tag['kind']) =>
    tags.filter((t) => t.kind === kind && (kind !== 'country' || t.role === 'focus')).map((t) => t.value);
  return [...pick('country'), ...pick('topic'), ...pick('region')].join(' ');
}

export const itemsCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('items')
      .description('list stored entries, newest first')
      .option('--source <id>', 'only this source')
      .option('--since <date>', 'published since (2024-01-31, or 24h, 7d)')
      .option('--limit <n>', 'at most n entries', positiveInt('--limit'), 50)
      .option('--json', 'print JSON')
      .action(async (o: { source?: string; since?: string; limit: number; json?: boolean }) => {
        const { openFeedReader } = await import('../../store/index.ts');
        const config = ctx.config();
        // Opened as every command opens it (SQLite: created and migrated when missing), through the reader.
        const opened = await openFeedReader(config.database, { connections: 1 });
        let entries, sets;
        try {
          entries = await opened.reader.entries({
            sourceId: o.source,
            since: o.since ? parseSince(o.since) : undefined,
            limit: o.limit,
          });
          sets = await opened.reader.tagSets(entries.map((e) => e.id));
        } finally {
          await opened.close();
        }
        const withTags = entries.map((e) => ({ ...e, tags: sets.get(e.id) ?? [] }));
        if (o.json) return ctx.out(JSON.stringify(withTags, null, 2));
        if (!entries.length) return ctx.out('no entries (run `wireroom fetch`)');
        ctx.out(
          table(
            ['ID', 'PUBLISHED', 'SOURCE', 'TAGS', 'TITLE'],
            withTags.map((e) => [
              e.id,
              e.publishedAt.slice(0, 16).replace('T', ' '),
              e.sourceId,
              shortTags(e.tags),
              e.title,
            ]),
          ),
        );
      });
  },
};
