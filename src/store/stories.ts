// Stories: every entry belongs to one. Cross-source detection (src/dedup) decides which; this file only stores.
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import type { StoredEntry } from './entries.ts';

/** The published id of a story: derived from its founding entry, so it never changes as sources join. */
export function storyUid(sourceId: string, key: string): string {
  return createHash('sha256').update(`${sourceId}\u0000${key}`).digest('hex').slice(0, 24);
}

export class StoryRepo {
  constructor(private readonly db: Db) {}

  /** The entry starts a story of its own. */
  found(entry: StoredEntry, now: string): number {
    const id = Number(
      this.db
        .prepare('INSERT INTO stories (uid, representative_entry_id, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(storyUid(entry.sourceId, entry.key), entry.id, entry.publishedAt, now, now).lastInsertRowid,
    );
    this.db.prepare(`UPDATE entries SET story_id = ?, story_method = 'founder', story_score = NULL, story_match_entry_id = NULL WHERE id = ?`).run(id, entry.id);
    return id;
  }
}
