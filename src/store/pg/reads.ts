// What the editors' commands read and the one row they add on PostgreSQL (issue #15): entry counts by source
// (`sources list`), an entry with its tags and overrides (`explain`), and the audit log row of a config edit
// (`sources add`). Each the same as its SQLite repository's method, with the SQLite repositories' row mappings.
import type { NewAuditRecord } from '../accounts.ts';
import { PgAuditRepo } from './accounts.ts';
import { rowToEntry, type StoredEntry } from '../entries.ts';
import { fromStored, type StoredTag, type TagOverride } from '../tags.ts';
import type { Tag } from '../../types.ts';
import type { StoryExplanation } from '../stories.ts';
import type { Queryable } from './connect.ts';
import { explainStoryOf } from './story-explain.ts';

export class PgReads {
  constructor(private readonly q: Queryable) {}

  /** EntryRepo.countsBySource. */
  async countsBySource(): Promise<Map<string, number>> {
    const { rows } = await this.q.query<{ source_id: string; n: number }>(
      'SELECT source_id, count(*) AS n FROM entries GROUP BY source_id ORDER BY source_id',
    );
    return new Map(rows.map((r) => [r.source_id, r.n]));
  }

  /** EntryRepo.get. */
  async entry(id: number): Promise<StoredEntry | undefined> {
    const { rows } = await this.q.query<Parameters<typeof rowToEntry>[0]>('SELECT * FROM entries WHERE id = $1', [id]);
    return rows[0] && rowToEntry(rows[0]);
  }

  /** TagRepo.list: everything stored for the entry, with reasons, in stored order. */
  async tags(entryId: number): Promise<Tag[]> {
    const { rows } = await this.q.query<{ tags: string }>('SELECT tags FROM entry_tag_sets WHERE entry_id = $1', [
      entryId,
    ]);
    return rows[0] ? (JSON.parse(rows[0].tags) as StoredTag[]).map(fromStored) : [];
  }

  /** TagRepo.overrides, in the same order. */
  async overrides(entryId: number): Promise<TagOverride[]> {
    const { rows } = await this.q.query<TagOverride & { created_at: string }>(
      `SELECT kind, value, action, created_at FROM tag_overrides WHERE entry_id = $1 ORDER BY created_at, kind, value`,
      [entryId],
    );
    return rows.map((r) => ({ kind: r.kind, value: r.value, action: r.action, createdAt: r.created_at }));
  }

  /** StoryRepo.explain: the entry's story, its members and why each joined; undefined when it has none. */
  story(entryId: number): Promise<StoryExplanation | undefined> {
    return explainStoryOf(this.q, entryId);
  }

  /** AuditRepo.add (the account store's audit log, on this connection): returns the row's id. */
  audit(a: NewAuditRecord): Promise<number> {
    return new PgAuditRepo(this.q).add(a);
  }
}
