// What `wireroom rules test` reads, from PostgreSQL (issue #15): the most recent entries (as EntryRepo.list orders
// them) with their stored tag sets and overrides, read on one snapshot in three statements, then served to the
// synchronous dry-run (src/editor/rules.ts) as the SQLite repositories would serve them.
import type { Pool } from 'pg';
import { rowToEntry, type StoredEntry } from '../entries.ts';
import { fromStored, type StoredTag, type TagOverride } from '../tags.ts';
import type { Tag } from '../../types.ts';
import { inTransaction } from './connect.ts';
import { ENTRY_COLUMNS } from './retag.ts';

/** The entries of one query, with their tags and overrides: EntryRepo.list, TagRepo.list and TagRepo.overrides. */
export interface TagView {
  entries: { list(): StoredEntry[] };
  tags: { list(entryId: number): Tag[]; overrides(entryId: number): TagOverride[] };
}

export async function readTagView(pool: Pool, q: { since?: string; limit: number }): Promise<TagView> {
  return inTransaction(
    pool,
    async (client) => {
      const entries = (
        await client.query<Parameters<typeof rowToEntry>[0]>(
          `SELECT ${ENTRY_COLUMNS} FROM entries WHERE published_at >= $1 ORDER BY published_at DESC, id DESC LIMIT $2`,
          [q.since ?? '', q.limit],
        )
      ).rows.map(rowToEntry);
      const ids = entries.map((e) => e.id);
      const sets = await client.query<{ entry_id: number; tags: string }>(
        'SELECT entry_id, tags FROM entry_tag_sets WHERE entry_id = ANY ($1::bigint[])',
        [ids],
      );
      const overrides = await client.query<TagOverride & { entry_id: number; created_at: string }>(
        `SELECT entry_id, kind, value, action, created_at FROM tag_overrides WHERE entry_id = ANY ($1::bigint[])
          ORDER BY entry_id, created_at, kind, value`,
        [ids],
      );
      const tags = new Map(sets.rows.map((r) => [r.entry_id, (JSON.parse(r.tags) as StoredTag[]).map(fromStored)]));
      const byEntry = new Map<number, TagOverride[]>();
      for (const r of overrides.rows)
        byEntry.set(r.entry_id, [
          ...(byEntry.get(r.entry_id) ?? []),
          { kind: r.kind, value: r.value, action: r.action, createdAt: r.created_at },
        ]);
      return {
        entries: { list: () => entries },
        tags: { list: (id) => tags.get(id) ?? [], overrides: (id) => byEntry.get(id) ?? [] },
      };
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}
