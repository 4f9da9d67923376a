// What the console and the JSON API read on PostgreSQL beyond the feeds (issue #15): a source's failing streak and
// entry count, a story with its members, the recent stories list. Each the same records in the same order as its
// SQLite repository's method (src/store/sources.ts, stories.ts), with their row mappings. Jobs: jobs.ts.
import {
  RECENT_SCAN,
  toMember,
  toStory,
  type MemberSqlRow,
  type MergeSqlRow,
  type StoryInfo,
  type StoryMember,
  type StorySqlRow,
} from '../stories.ts';
import type { Queryable } from './connect.ts';

/** A story of the recent list: its member count and its representative's title and source. */
export type RecentStory = StoryInfo & { members: number; title?: string; sourceId?: string };

type Key = { publishedAt: string; id: number };

export class PgConsoleReads {
  constructor(private readonly q: Queryable) {}

  /** SourceRepo.entryCount: one source's stored entries (kept by the entries_count triggers). */
  async entryCount(id: string): Promise<number> {
    const { rows } = await this.q.query<{ n: number }>('SELECT entry_count AS n FROM sources WHERE id = $1', [id]);
    return rows[0]?.n ?? 0;
  }

  /** SourceRepo.failingSince: the first failed fetch after the last success, while the source fails. */
  async failingSince(id: string): Promise<string | undefined> {
    const { rows } = await this.q.query<{ since: string | null }>(
      `SELECT (SELECT min(f.started_at) FROM fetch_log f WHERE f.source_id = s.id
                 AND f.started_at > coalesce(s.last_success_at, '') AND f.status IN ('error', 'gone')) AS since
         FROM sources s WHERE s.id = $1 AND s.status IN ('error', 'gone')`,
      [id],
    );
    return rows[0]?.since ?? undefined;
  }

  /** StoryRepo.story. */
  async story(storyId: number): Promise<StoryInfo | undefined> {
    const { rows } = await this.q.query<StorySqlRow>('SELECT * FROM stories WHERE id = $1', [storyId]);
    return rows[0] && toStory(rows[0]);
  }

  /** StoryRepo.members: oldest first, with the representative and the stories each member founded. */
  async members(storyId: number): Promise<StoryMember[]> {
    const members = await this.q.query<MemberSqlRow>(
      `SELECT id, source_id, key, title, url, published_at, story_method, story_score, story_match_entry_id
         FROM entries WHERE story_id = $1 ORDER BY published_at, id`,
      [storyId],
    );
    const rep = await this.q.query<{ r: number | null }>(
      'SELECT representative_entry_id AS r FROM stories WHERE id = $1',
      [storyId],
    );
    const merges = await this.q.query<MergeSqlRow>(
      'SELECT merged_uid, founder_entry_id, via_entry_id, created_at FROM story_merges WHERE story_id = $1 ORDER BY id',
      [storyId],
    );
    const founded = new Map<number, { uid: string; viaEntryId?: number }>();
    for (const m of merges.rows)
      if (m.founder_entry_id !== null)
        founded.set(m.founder_entry_id, { uid: m.merged_uid, viaEntryId: m.via_entry_id ?? undefined });
    return members.rows.map((r) => toMember(r, rep.rows[0]?.r, founded.get(r.id)));
  }

  /**
   * StoryRepo.recent: stories newest first below `before`, keyset paging on stories_published; with `minMembers`,
   * smaller stories are passed over, reading at most RECENT_SCAN per call (a short page then ends where it stopped).
   */
  async recent(opts: { limit: number; before?: Key; minMembers?: number }): Promise<{
    stories: RecentStory[];
    next?: Key;
  }> {
    const limit = Math.max(1, Math.floor(opts.limit));
    const min = Math.max(1, Math.floor(opts.minMembers ?? 1));
    type Row = StorySqlRow & { members: number; title: string | null; source_id: string | null };
    const found: Row[] = [];
    let after: Key = opts.before ?? { publishedAt: '\uffff', id: Number.MAX_SAFE_INTEGER };
    let scanned = 0;
    let more = false;
    for (;;) {
      const size = min === 1 ? limit + 1 : Math.min(RECENT_SCAN - scanned, 4 * (limit + 1));
      const { rows } = await this.q.query<Row>(
        `SELECT s.*, (SELECT count(*) FROM entries m WHERE m.story_id = s.id) AS members, r.title, r.source_id
           FROM stories s LEFT JOIN entries r ON r.id = s.representative_entry_id
          WHERE (s.published_at, s.id) < ($1, $2::bigint) ORDER BY s.published_at DESC, s.id DESC LIMIT $3`,
        [after.publishedAt, after.id, size],
      );
      for (const r of rows) if (r.members >= min && found.length <= limit) found.push(r);
      const last = rows[rows.length - 1];
      scanned += rows.length;
      if (found.length > limit || !last || rows.length < size) break;
      after = { publishedAt: last.published_at, id: last.id };
      if (scanned >= RECENT_SCAN) {
        more = true;
        break;
      }
    }
    const shown = found.slice(0, limit);
    const lastShown = shown[shown.length - 1];
    let next: Key | undefined;
    if (found.length > limit && lastShown) next = { publishedAt: lastShown.published_at, id: lastShown.id };
    else if (more) next = after;
    return {
      stories: shown.map((r) => ({
        ...toStory(r),
        members: r.members,
        title: r.title ?? undefined,
        sourceId: r.source_id ?? undefined,
      })),
      next,
    };
  }
}
