// What the console and the JSON API read on PostgreSQL beyond the feeds (issue #15): a source's failing streak and
// entry count, a story with its members, the recent stories list. Each the same records in the same order as its
// SQLite repository's method (src/store/sources.ts, stories.ts), with their row mappings. Jobs: jobs.ts.
import {
  recentStoriesWalk,
  toStory,
  type RecentStoriesPage,
  type RecentStoriesQuery,
  type RecentStoryRow,
  type StoryInfo,
  type StoryMember,
  type StorySqlRow,
} from '../stories.ts';
import type { Queryable } from './connect.ts';
import { storyMembersOf } from './story-explain.ts';

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
    return (await storyMembersOf(this.q, storyId)).members;
  }

  /** StoryRepo.recent: the same walk (stories.ts recentStoriesWalk), each read a statement here. */
  async recent(opts: RecentStoriesQuery): Promise<RecentStoriesPage> {
    const walk = recentStoriesWalk(opts);
    for (let step = walk.next(); ;) {
      if (step.done) return step.value;
      const { rows } = await this.q.query<RecentStoryRow>(
        `SELECT s.*, (SELECT count(*) FROM entries m WHERE m.story_id = s.id) AS members, r.title, r.source_id
           FROM stories s LEFT JOIN entries r ON r.id = s.representative_entry_id
          WHERE (s.published_at, s.id) < ($1, $2::bigint) ORDER BY s.published_at DESC, s.id DESC LIMIT $3`,
        [step.value.after.publishedAt, step.value.after.id, step.value.size],
      );
      step = walk.next(rows);
    }
  }
}
