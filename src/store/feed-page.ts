// The pure steps of a feed page that both stores share (feeds.ts on SQLite, pg/feeds.ts on PostgreSQL): placing
// each story once at the entry the shown-entry rule picks, and building the items from the rows read for them.
// The reads themselves stay in each store (synchronous there, asynchronous here).
import type { StoredEntry } from './entries.ts';
import type { AlsoReported, FeedItem, FeedTag, ShownEntryRule } from './feeds.ts';
import { compareKeys, type FeedCursor } from './keyset.ts';
import { storyUid } from './stories.ts';

/** An entry met on the walk, with what placing its story needs. */
export interface Candidate extends FeedCursor {
  storyId: number | null;
  sourceId: string;
  key: string;
}

/** A story met on the walk; `shown` is the entry that places it, undefined when the story is left out. */
export interface MetStory {
  uid: string | null;
  members: Candidate[];
  shown?: number;
}

/** One item of the skeleton: the entry that places it and its story's members. */
export interface Placed {
  entry: Candidate;
  uid: string | null;
  members: Candidate[];
}

/** A story's members as read, with its uid and representative. */
export interface StoryMembers {
  uid: string | null;
  representative: number | null;
  list: Candidate[];
}

/** The batch's stories not met before. */
export function unmetStories(batch: readonly Candidate[], stories: ReadonlyMap<number, MetStory>): number[] {
  const fresh = new Set<number>();
  for (const c of batch) if (c.storyId !== null && !stories.has(c.storyId)) fresh.add(c.storyId);
  return [...fresh];
}

/** Rows of members (each with its story's uid and representative) grouped by story. */
export function groupMembers(
  rows: readonly (Candidate & { storyId: number; uid: string | null; representative: number | null })[],
): Map<number, StoryMembers> {
  const out = new Map<number, StoryMembers>();
  for (const { uid, representative, ...member } of rows) {
    let story = out.get(member.storyId);
    if (!story) {
      story = { uid, representative, list: [] };
      out.set(member.storyId, story);
    }
    story.list.push(member);
  }
  return out;
}

/**
 * Records the stories just read: where each sits (its shown entry among the members that match the filter), or
 * nowhere when a member matches the story-wide exclusion (`notExcluded` lacks it).
 */
export function meet(
  stories: Map<number, MetStory>,
  members: ReadonlyMap<number, StoryMembers>,
  matching: ReadonlySet<number>,
  notExcluded: ReadonlySet<number> | undefined,
  shownEntry: ShownEntryRule,
): void {
  for (const [storyId, m] of members) {
    const excluded = notExcluded && m.list.some((x) => !notExcluded.has(x.id));
    stories.set(storyId, {
      uid: m.uid,
      members: m.list,
      shown: excluded ? undefined : shownEntry(m.list, matching, m.representative),
    });
  }
}

/** Places the batch's entries in `placed` (a story only at its shown entry); true once `n` items are placed. */
export function place(
  batch: readonly Candidate[],
  stories: ReadonlyMap<number, MetStory>,
  placed: Placed[],
  n: number,
) {
  for (const entry of batch) {
    if (entry.storyId === null) placed.push({ entry, uid: null, members: [entry] });
    else {
      const story = stories.get(entry.storyId);
      // Any other member is passed over: the story sits at its shown entry (which may be on an earlier page).
      if (story?.shown === entry.id) placed.push({ entry, uid: story.uid, members: story.members });
    }
    if (placed.length >= n) return true;
  }
  return false;
}

/** The entry ids a page's items read: every member of every placed story. */
export function memberIds(placed: readonly Placed[]): number[] {
  return [...new Set(placed.flatMap((p) => p.members.map((m) => m.id)))];
}

/** The items, from the placed stories and the entries and published tags read for them. */
export function presentItems(
  placed: readonly Placed[],
  entries: ReadonlyMap<number, StoredEntry>,
  tags: ReadonlyMap<number, FeedTag[]>,
): FeedItem[] {
  const items: FeedItem[] = [];
  for (const p of placed) {
    const entry = entries.get(p.entry.id);
    // Only an entry removed between this page's statements is missing; its item goes with it.
    if (!entry) continue;
    const others = p.members.flatMap((m) => {
      const other = entries.get(m.id);
      return other && m.id !== p.entry.id ? [other] : [];
    });
    items.push({
      storyUid: p.uid ?? storyUid(p.entry.sourceId, p.entry.key),
      entry,
      tags: tags.get(p.entry.id) ?? [],
      also: others.sort(compareKeys).map((e): AlsoReported => ({
        entryId: e.id,
        sourceId: e.sourceId,
        title: e.title,
        url: e.url,
        publishedAt: e.publishedAt,
        changedAt: e.changedAt,
      })),
      sortKey: { publishedAt: p.entry.publishedAt, id: p.entry.id },
    });
  }
  return items;
}
