// Item counts for the index page: stories, since feeds publish one item per story.
import type { TagKind } from '../types.ts';
import type { Prepare } from './feed-plan.ts';

export interface TagStat {
  kind: TagKind;
  value: string;
  count: number;
  lastPublishedAt: string;
}

export interface SourceStat {
  sourceId: string;
  count: number;
  lastPublishedAt: string;
}

export interface FeedStats {
  tags: TagStat[];
  sources: SourceStat[];
  all: { count: number; lastPublishedAt?: string };
}

/** Item counts and newest entry per tag, per source and overall (full scans: the caller caches them). */
export function readFeedStats(prepare: Prepare): FeedStats {
  const tags = prepare(
    `SELECT t.kind, t.value, count(DISTINCT coalesce(e.story_id, -e.id)) AS count, max(t.published_at) AS lastPublishedAt
     FROM entry_tags t JOIN entries e ON e.id = t.entry_id GROUP BY t.kind, t.value ORDER BY t.kind, t.value`,
  ).all() as TagStat[];
  const sources = prepare(
    `SELECT source_id AS sourceId, count(DISTINCT coalesce(story_id, -id)) AS count, max(published_at) AS lastPublishedAt
     FROM entries GROUP BY source_id ORDER BY source_id`,
  ).all() as SourceStat[];
  // Stories carried by several sources count once: not the sum of the sources' counts.
  const all = prepare(
    'SELECT count(DISTINCT coalesce(story_id, -id)) AS count, max(published_at) AS lastPublishedAt FROM entries',
  ).get() as { count: number; lastPublishedAt: string | null };
  return { tags, sources, all: { count: all.count, lastPublishedAt: all.lastPublishedAt ?? undefined } };
}
