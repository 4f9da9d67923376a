// An entry's story as `wireroom explain` and `stories show` print it, read from PostgreSQL: the same reads and row
// mappings as StoryRepo.explain (src/store/stories.ts). Reading only; detection on PostgreSQL is src/store/pg/stories.ts.
import {
  toMember,
  toStory,
  type MemberSqlRow,
  type MergeSqlRow,
  type StoryDecisionRecord,
  type StoryExplanation,
  type StoryMember,
  type StorySqlRow,
} from '../stories.ts';
import type { Queryable } from './connect.ts';

type DecisionRow = {
  action: 'merge' | 'split';
  entry_id: number;
  other_entry_id: number | null;
  story_id: number | null;
  created_at: string;
};

/** A story's row, its members oldest first (each with the story it founded, as StoryRepo.members gives them) and its
 *  merge rows: what both the console's story page and `explain` read. */
export async function storyMembersOf(
  q: Queryable,
  storyId: number,
): Promise<{ story?: StorySqlRow; members: StoryMember[]; merges: MergeSqlRow[] }> {
  const [story, members, merges] = await Promise.all([
    q.query<StorySqlRow>('SELECT * FROM stories WHERE id = $1', [storyId]),
    q.query<MemberSqlRow>(
      `SELECT id, source_id, key, title, url, published_at, story_method, story_score, story_match_entry_id
         FROM entries WHERE story_id = $1 ORDER BY published_at, id`,
      [storyId],
    ),
    q.query<MergeSqlRow>(
      'SELECT merged_uid, founder_entry_id, via_entry_id, created_at FROM story_merges WHERE story_id = $1 ORDER BY id',
      [storyId],
    ),
  ]);
  const founded = new Map<number, { uid: string; viaEntryId?: number }>();
  for (const m of merges.rows)
    if (m.founder_entry_id !== null)
      founded.set(m.founder_entry_id, { uid: m.merged_uid, viaEntryId: m.via_entry_id ?? undefined });
  const representative = story.rows[0]?.representative_entry_id;
  return {
    story: story.rows[0],
    members: members.rows.map((r) => toMember(r, representative, founded.get(r.id))),
    merges: merges.rows,
  };
}

export async function explainStoryOf(q: Queryable, entryId: number): Promise<StoryExplanation | undefined> {
  const { rows } = await q.query<{ story_id: number | null }>('SELECT story_id FROM entries WHERE id = $1', [entryId]);
  const storyId = rows[0]?.story_id;
  if (storyId === null || storyId === undefined) return undefined;
  const [{ story: s, members: all, merges }, decisions] = await Promise.all([
    storyMembersOf(q, storyId),
    q.query<DecisionRow>(
      `SELECT action, entry_id, other_entry_id, story_id, created_at FROM story_decisions
        WHERE entry_id = $1 OR other_entry_id = $1 ORDER BY id`,
      [entryId],
    ),
  ]);
  const self = all.find((m) => m.entryId === entryId);
  if (!s || !self) return undefined;
  return {
    entryId,
    story: toStory(s),
    self,
    members: all,
    decisions: decisions.rows.map((d): StoryDecisionRecord => ({
      action: d.action,
      entryId: d.entry_id,
      otherEntryId: d.other_entry_id ?? undefined,
      storyId: d.story_id ?? undefined,
      createdAt: d.created_at,
    })),
    merges: merges.map((m) => ({
      mergedUid: m.merged_uid,
      founderEntryId: m.founder_entry_id ?? undefined,
      viaEntryId: m.via_entry_id ?? undefined,
      createdAt: m.created_at,
    })),
  };
}
