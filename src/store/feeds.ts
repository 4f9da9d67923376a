// Read path of curated feeds, in named steps: skeleton (walk an index for matching entries and place each story by
// the publishing rule, giving ids and cursor), hydration (entries and tags of those ids), presentation (items).
// Query planning is in feed-plan.ts, the filter's SQL in feed-filter.ts, keyset paging in keyset.ts.
import type { Statement } from 'better-sqlite3';
import type { Tag, TagKind } from '../types.ts';
import { bookkeepingChanges } from './bookkeeping.ts';
import type { Db } from './db.ts';
import { rowToEntry, type StoredEntry } from './entries.ts';
import {
  compileFilter,
  matchingSql,
  storyExclusion,
  type CompiledFilter,
  type FeedFilter,
  type TermSet,
} from './feed-filter.ts';
import { planWalk } from './feed-plan.ts';
import { readFeedStats, type FeedStats, type SourceStat, type TagStat } from './feed-stats.ts';
import { keysetParams, keysetSql, TOP, type FeedCursor } from './keyset.ts';
import {
  groupMembers,
  meet,
  memberIds,
  place,
  presentItems,
  unmetStories,
  type Candidate,
  type MetStory,
  type Placed,
  type StoryMembers,
} from './feed-page.ts';
import type { TagRepo } from './tags.ts';

export { ftsQuery } from './feed-filter.ts';
export type { FeedFilter, TermSet, FeedCursor, TagStat, SourceStat };

export interface FeedTag {
  kind: TagKind;
  value: string;
  role?: 'focus' | 'mention';
}

export interface AlsoReported {
  entryId: number;
  sourceId: string;
  title: string;
  url?: string;
  publishedAt: string;
  /** When wireroom stored (or last changed) it. */
  changedAt: string;
}

export interface FeedItem {
  /** stories.uid: the stable published id. */
  storyUid: string;
  entry: StoredEntry;
  tags: FeedTag[];
  /** The story's other entries, earliest first. */
  also: AlsoReported[];
  sortKey: FeedCursor;
}

export interface FeedPage {
  items: FeedItem[];
  /** Set when older items exist. */
  next?: FeedCursor;
}

/**
 * Publishing's rule for the entry a story's item shows, and so where the story sits (publish/shown-entry.ts):
 * the walk applies it to know when a page is full.
 */
export type ShownEntryRule = (
  members: readonly { id: number; publishedAt: string }[],
  matching: ReadonlySet<number>,
  representative: number | null,
) => number | undefined;

export class FeedQueryRepo {
  private readonly statements = new Map<string, Statement>();
  private statsMemo?: { version: string; stats: FeedStats };

  constructor(
    private readonly db: Db,
    private readonly tagRepo: TagRepo,
  ) {}

  private readonly prepare = (sql: string): Statement => {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  };

  /**
   * Changes whenever anything in the database may have changed: this connection's writes (total_changes) or
   * another process's commits (data_version). O(1), so every request can ask. This connection's bookkeeping (a
   * session's or token's last use, the dashboard's temp tables: bookkeeping.ts) is left out: no feed shows it.
   * data_version is read once per event-loop turn: each read opens a read transaction (about 10 us in WAL mode, a
   * fifth of what answering a 304 costs), and requests answered in one turn are concurrent with any commit landing
   * meanwhile, so one read serves them all. This connection's own writes count on every call.
   */
  dataVersion(): string {
    if (this.turnDataVersion === undefined) {
      this.turnDataVersion = this.prepare('PRAGMA data_version').pluck().get() as number;
      setImmediate(this.forgetDataVersion).unref();
    }
    const changes = this.prepare('SELECT total_changes()').pluck().get() as number;
    return `${this.turnDataVersion}.${changes - bookkeepingChanges(this.db)}`;
  }

  /** data_version as read in this event-loop turn (dataVersion). */
  private turnDataVersion: number | undefined;
  private readonly forgetDataVersion = () => {
    this.turnDataVersion = undefined;
  };

  /**
   * One page of a feed: one item per story, newest first, each story placed by the entry it shows (the caller's
   * rule: publish/shown-entry.ts). The cursor is that entry's key, so no story repeats or goes missing across pages.
   */
  page(filter: FeedFilter, opts: { limit: number; before?: FeedCursor; shownEntry: ShownEntryRule }): FeedPage {
    const limit = Math.max(1, Math.floor(opts.limit));
    const placed = this.skeleton(compileFilter(filter), opts.before ?? TOP, limit + 1, opts.shownEntry);
    const more = placed.length > limit;
    if (more) placed.length = limit;
    const items = this.present(placed);
    const last = placed[placed.length - 1];
    const next = more && last ? { publishedAt: last.entry.publishedAt, id: last.entry.id } : undefined;
    return { items, next };
  }

  /**
   * Runs fn on one read snapshot: every query inside sees the same data even while the worker commits (WAL
   * readers do not block writers). For work that reads many pages, like a static export.
   */
  snapshot<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /** How many items (stories) match, counting up to `cap` (index pages show "1000+"). */
  count(filter: FeedFilter, cap = 1000): number {
    const stories = new Set<number>();
    for (const batch of this.walk(compileFilter(filter), TOP)) {
      for (const c of batch) stories.add(c.storyId ?? -c.id);
      if (stories.size >= cap) return cap;
    }
    return stories.size;
  }

  /** Item counts (stories) and newest entry per tag and per source; cached until the data changes. */
  stats(): FeedStats {
    const version = this.dataVersion();
    if (this.statsMemo?.version !== version) this.statsMemo = { version, stats: readFeedStats(this.prepare) };
    return this.statsMemo.stats;
  }

  hasTag(kind: TagKind, value: string): boolean {
    return !!this.prepare('SELECT 1 FROM entry_tags WHERE kind = ? AND value = ? LIMIT 1').get(kind, value);
  }

  // --- skeleton ---------------------------------------------------------------------------------------------

  /** The first `n` items in feed order: each story once, at the entry that places it. */
  private skeleton(f: CompiledFilter, start: FeedCursor, n: number, shownEntry: ShownEntryRule): Placed[] {
    const stories = new Map<number, MetStory>();
    const placed: Placed[] = [];
    for (const batch of this.walk(f, start)) {
      this.meetStories(f, batch, stories, shownEntry);
      if (place(batch, stories, placed, n)) return placed;
    }
    return placed;
  }

  /** Yields matching candidates (full filter checked) in key order, in growing batches. */
  private *walk(f: CompiledFilter, start: FeedCursor): Generator<Candidate[]> {
    const stream = planWalk(f, this.prepare);
    let after = start;
    let size = 64;
    for (;;) {
      const keys = stream(after, size);
      const last = keys[keys.length - 1];
      if (!last) return;
      after = last;
      const matching = this.matching(
        f,
        keys.map((k) => k.id),
      );
      const rows = this.candidates(keys.filter((k) => matching.has(k.id)).map((k) => k.id));
      if (rows.length) yield rows;
      if (keys.length < size) return;
      size = Math.min(size * 2, 2048);
    }
  }

  /** Adds the batch's stories not met before, each with the entry the shown-entry rule picks (up to three statements). */
  private meetStories(
    f: CompiledFilter,
    batch: Candidate[],
    stories: Map<number, MetStory>,
    shownEntry: ShownEntryRule,
  ): void {
    const members = this.members(unmetStories(batch, stories));
    const ids = [...members.values()].flatMap((m) => m.list.map((x) => x.id));
    const exclusion = storyExclusion(f);
    meet(stories, members, this.matching(f, ids), exclusion ? this.matching(exclusion, ids) : undefined, shownEntry);
  }

  /** Which of these entry ids satisfy the whole filter, in one statement. */
  private matching(f: CompiledFilter, ids: number[]): Set<number> {
    if (!ids.length) return new Set();
    const { sql, params } = matchingSql(f, (kind, entryIdSql) => this.tagRepo.hasAnySql(kind, entryIdSql));
    const rows = this.prepare(sql).all(JSON.stringify(ids), ...params) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Rows in the order of `ids`. */
  private candidates(ids: number[]): Candidate[] {
    if (!ids.length) return [];
    const rows = this.prepare(
      `SELECT id, published_at AS publishedAt, story_id AS storyId, source_id AS sourceId, key FROM entries
       WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Candidate[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is Candidate => !!r);
  }

  /** Each story's members with its uid and representative, in one statement. */
  private members(storyIds: number[]): Map<number, StoryMembers> {
    if (!storyIds.length) return new Map();
    const rows = this.prepare(
      `SELECT e.id, e.published_at AS publishedAt, e.story_id AS storyId, e.source_id AS sourceId, e.key, s.uid,
         s.representative_entry_id AS representative
       FROM entries e LEFT JOIN stories s ON s.id = e.story_id WHERE e.story_id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(storyIds)) as (Candidate & {
      storyId: number;
      uid: string | null;
      representative: number | null;
    })[];
    return groupMembers(rows);
  }

  // --- hydration and presentation ---------------------------------------------------------------------------

  /** The skeleton's items with their entries, tags and other reports (two statements). */
  private present(placed: Placed[]): FeedItem[] {
    return presentItems(placed, this.entries(memberIds(placed)), this.tags(placed.map((p) => p.entry.id)));
  }

  private entries(ids: number[]): Map<number, StoredEntry> {
    if (!ids.length) return new Map();
    const rows = this.prepare('SELECT * FROM entries WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids),
    ) as Parameters<typeof rowToEntry>[0][];
    return new Map(rows.map((r) => [r.id, rowToEntry(r)]));
  }

  private tags(ids: number[]): Map<number, FeedTag[]> {
    const out = new Map<number, FeedTag[]>();
    for (const [id, tags] of this.tagRepo.publishedOf(ids)) {
      out.set(
        id,
        tags.map((t) => ({ kind: t.kind, value: t.value, ...(t.role ? { role: t.role } : {}) })),
      );
    }
    return out;
  }

  // --- entry lists (console and API) ----------------------------------------------------------------------------

  /**
   * Entries (one per entry, not per story) that satisfy a feed filter, newest first, strictly below `before` and
   * within [since, until): the feeds' own walk and filter SQL, stopped after one page, so the cost follows the page
   * size and not the number of stored entries. Tags are every stored tag with its reason.
   */
  entryPage(
    filter: FeedFilter,
    opts: { limit: number; before?: FeedCursor; since?: string; until?: string },
  ): EntryListPage {
    const f = compileFilter(filter);
    const stream = planWalk(f, this.prepare);
    const walk = entryPageWalk(opts);
    for (let step = walk.next(); ;) {
      if (step.done) return this.entryListPage(step.value, Math.max(1, Math.floor(opts.limit)));
      const ask = step.value;
      step = walk.next(ask.batch ? stream(ask.batch.after, ask.batch.size) : this.matching(f, ask.match));
    }
  }

  /**
   * The review queue: entries with a published country tag below high confidence (a focus scoring under
   * UNCERTAIN_SCORE, see src/tag/confidence.ts) that no editor has decided on yet, newest first: migration 015's
   * partial index, or for one country the tags' own clustered order.
   */
  reviewPage(opts: { limit: number; before?: FeedCursor; country?: string }): EntryListPage {
    const limit = Math.max(1, Math.floor(opts.limit));
    const undecided = `t.kind = 'country' AND t.score < ${UNCERTAIN_SCORE} AND NOT EXISTS (SELECT 1 FROM tag_overrides o
         WHERE o.entry_id = t.entry_id AND o.kind = 'country' AND o.value = t.value)`;
    const columns = { publishedAt: 't.published_at', id: 't.entry_id' };
    const sql = opts.country
      ? keysetSql('entry_tags t', columns, `t.value = ? AND ${undecided}`)
      : keysetSql('entry_tags t INDEXED BY entry_tags_uncertain', columns, undecided);
    const params = opts.country ? [opts.country] : [];
    const keys: FeedCursor[] = [];
    let after = opts.before ?? TOP;
    const size = Math.min(Math.max(64, 2 * (limit + 1)), 2048);
    for (;;) {
      const batch = this.prepare(sql).all(...params, ...keysetParams(after, size)) as FeedCursor[];
      const last = batch[batch.length - 1];
      if (!last) break;
      after = last;
      // An entry with two uncertain countries has two rows, side by side in this order.
      for (const k of batch) if (keys[keys.length - 1]?.id !== k.id && keys.length <= limit) keys.push(k);
      if (keys.length > limit || batch.length < size) break;
    }
    return this.entryListPage(keys, limit);
  }

  /** Hydrates up to `limit` keys (one more means a next page) with their entries and tags, in key order. */
  private entryListPage(keys: FeedCursor[], limit: number): EntryListPage {
    const more = keys.length > limit;
    const shown = keys.slice(0, limit);
    const ids = shown.map((k) => k.id);
    // A list shows no entry text: leaving content_html (often kilobytes) unread keeps a page's cost small.
    const rows = this.prepare(
      `SELECT id, source_id, url, canonical_url, title, summary, published_at, story_id FROM entries
       WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as EntryListRow[];
    const entries = listItems(ids, rows);
    const last = shown[shown.length - 1];
    return { entries, tags: this.tagRepo.setsOf(ids), next: more && last ? last : undefined };
  }
}

/** One read entryPageWalk asks for: the next keys of the feed's walk, or which of these ids match the filter. */
export type EntryPageRead =
  { batch: { after: FeedCursor; size: number }; match?: never } | { match: number[]; batch?: never };

/**
 * FeedQueryRepo.entryPage's walk, written once for both stores: asks for batches of the feed's walk strictly below
 * `before` (or `until`) and which of their ids match, keeps those within [since, until), and stops after one page;
 * returns the keys, one more than `limit` when older entries exist.
 */
export function* entryPageWalk(opts: {
  limit: number;
  before?: FeedCursor;
  since?: string;
  until?: string;
}): Generator<EntryPageRead, FeedCursor[], FeedCursor[] | Set<number>> {
  let start = opts.before ?? TOP;
  // (published_at, id) < (until, 0): everything published before `until`.
  if (opts.until && opts.until <= start.publishedAt) start = { publishedAt: opts.until, id: 0 };
  const limit = Math.max(1, Math.floor(opts.limit));
  const keys: FeedCursor[] = [];
  let after = start;
  let size = Math.min(Math.max(64, limit + 1), 2048);
  for (;;) {
    const batch = (yield { batch: { after, size } }) as FeedCursor[];
    const last = batch[batch.length - 1];
    if (!last) break;
    after = last;
    const inRange = opts.since ? batch.filter((k) => k.publishedAt >= (opts.since ?? '')) : batch;
    const matching = (yield { match: inRange.map((k) => k.id) }) as Set<number>;
    for (const k of inRange) if (matching.has(k.id) && keys.length <= limit) keys.push(k);
    if (keys.length > limit || batch.length < size || inRange.length < batch.length) break;
    size = Math.min(size * 2, 2048);
  }
  return keys;
}

/** An entries row as the lists read it (both stores). */
export interface EntryListRow {
  id: number;
  source_id: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string;
  published_at: string;
  story_id: number | null;
}

/** The rows of `ids`, in the order of `ids` (an id with no row is left out), as lists show them. */
export function listItems(ids: readonly number[], rows: readonly EntryListRow[]): EntryListItem[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        sourceId: r.source_id,
        url: r.url ?? undefined,
        canonicalUrl: r.canonical_url ?? undefined,
        title: r.title,
        summary: r.summary,
        publishedAt: r.published_at,
        storyId: r.story_id ?? undefined,
      },
    ];
  });
}

/** An entry as lists show it: no text, authors or categories. */
export type EntryListItem = Pick<
  StoredEntry,
  'id' | 'sourceId' | 'url' | 'canonicalUrl' | 'title' | 'summary' | 'publishedAt' | 'storyId'
>;

/** One page of an entry list; `next` is set when older entries exist. */
export interface EntryListPage {
  entries: EntryListItem[];
  tags: Map<number, Tag[]>;
  next?: FeedCursor;
}

/** Country tags scoring under this are below high confidence (src/tag/confidence.ts; migration 015 uses it too). */
export const UNCERTAIN_SCORE = 4;
