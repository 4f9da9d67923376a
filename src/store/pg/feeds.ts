// FeedReader on PostgreSQL: the feed pages of src/store/feeds.ts (the same skeleton, hydration and presentation,
// the same filters, cursors and order) in asynchronous statements, text queries on the search tsvector, and the
// reads the server's health and metrics need. dataVersion reads the change counter the writers' triggers bump in
// their own transactions (db/postgres/003_feed_changes.sql), so any process's commit moves it.
import type { Pool } from 'pg';
import type { Tag, TagKind } from '../../types.ts';
import { rowToCycle, type CycleRecord, type CycleRow } from '../cycles.ts';
import { rowToEntry, type EntryQuery, type StoredEntry } from '../entries.ts';
import type { FeedReader, StoreHealth } from '../feed-reader.ts';
import type { FeedStats } from '../feed-stats.ts';
import type { FeedCursor, FeedFilter, FeedItem, FeedPage, FeedTag, ShownEntryRule } from '../feeds.ts';
import { TOP } from '../keyset.ts';
import { rowToState, type SourceInfo, type SourceRow, type SourceState } from '../sources.ts';
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
} from '../feed-page.ts';
import { fromStored, isPublished, type StoredTag } from '../tags.ts';
import { inTransaction, type Queryable } from './connect.ts';
import { Params, pgFilter, pgStoryExclusion, type PgFilter } from './feed-sql.ts';
import { matchingCandidates } from './feed-match.ts';
import { planPgWalk } from './feed-walk.ts';

/** The columns rowToEntry reads: never the search vector, which can be large. */
const ENTRY_COLUMNS = `id, source_id, key, guid, url, canonical_url, title, summary, content_html, authors, categories,
  enclosures, language, published_at, entry_updated_at, date_flags, content_hash, first_seen_at, updated_at, story_id`;

const CANDIDATE_COLUMNS =
  'e.id, e.published_at AS "publishedAt", e.story_id AS "storyId", e.source_id AS "sourceId", e.key';

/** What a reader and its snapshots share: the stats memo, so the index page's full scans run once per change. */
interface Shared {
  stats?: { version: string; stats: FeedStats };
}

export class PgFeedReader implements FeedReader {
  constructor(
    private readonly q: Queryable,
    private readonly pool?: Pool,
    private readonly shared: Shared = {},
  ) {}

  async dataVersion(): Promise<string> {
    const { rows } = await this.q.query<{ v: string }>('SELECT coalesce(sum(n), 0)::text AS v FROM feed_changes');
    return rows[0]?.v ?? '0';
  }

  async snapshot<T>(fn: (reader: FeedReader) => Promise<T>): Promise<T> {
    // Inside a snapshot already (or without a pool of its own): the same snapshot.
    if (!this.pool) return fn(this);
    return inTransaction(
      this.pool,
      (client) => fn(new PgFeedReader(client, undefined, this.shared)),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async page(
    filter: FeedFilter,
    opts: { limit: number; before?: FeedCursor; shownEntry: ShownEntryRule },
  ): Promise<FeedPage> {
    const limit = Math.max(1, Math.floor(opts.limit));
    const placed = await this.skeleton(pgFilter(filter), opts.before ?? TOP, limit + 1, opts.shownEntry);
    const more = placed.length > limit;
    if (more) placed.length = limit;
    const items = await this.present(placed);
    const last = placed[placed.length - 1];
    const next = more && last ? { publishedAt: last.entry.publishedAt, id: last.entry.id } : undefined;
    return { items, next };
  }

  async count(filter: FeedFilter, cap = 1000): Promise<number> {
    const stories = new Set<number>();
    for await (const batch of this.walk(pgFilter(filter), TOP)) {
      for (const c of batch) stories.add(c.storyId ?? -c.id);
      if (stories.size >= cap) return cap;
    }
    return stories.size;
  }

  async stats(): Promise<FeedStats> {
    const version = await this.dataVersion();
    if (this.shared.stats?.version !== version) this.shared.stats = { version, stats: await this.readStats() };
    return this.shared.stats.stats;
  }

  async hasTag(kind: TagKind, value: string): Promise<boolean> {
    const { rows } = await this.q.query('SELECT 1 FROM entry_tags WHERE kind = $1 AND value = $2 LIMIT 1', [
      kind,
      value,
    ]);
    return rows.length > 0;
  }

  async sourceInfos(): Promise<SourceInfo[]> {
    const { rows } = await this.q.query<{
      id: string;
      url: string;
      effective_url: string | null;
      title: string | null;
      site_url: string | null;
    }>('SELECT id, url, effective_url, title, site_url FROM sources ORDER BY id');
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      effectiveUrl: r.effective_url ?? undefined,
      title: r.title ?? undefined,
      siteUrl: r.site_url ?? undefined,
    }));
  }

  async sources(): Promise<SourceState[]> {
    const { rows } = await this.q.query<SourceRow>('SELECT * FROM sources ORDER BY id');
    return rows.map(rowToState);
  }

  async lastCycle(): Promise<CycleRecord | undefined> {
    const { rows } = await this.q.query<CycleRow>(
      'SELECT started_at, finished_at, duration_ms, figures FROM worker_cycles ORDER BY id DESC LIMIT 1',
    );
    return rows[0] && rowToCycle(rows[0]);
  }

  async entries(query: EntryQuery = {}): Promise<StoredEntry[]> {
    const p = new Params();
    const where: string[] = [];
    if (query.sourceId) where.push(`source_id = ${p.add(query.sourceId)}`);
    if (query.since) where.push(`published_at >= ${p.add(query.since)}`);
    if (query.until) where.push(`published_at < ${p.add(query.until)}`);
    if (query.ids) where.push(`id = ANY(${p.add(query.ids)}::bigint[])`);
    const sql = `SELECT ${ENTRY_COLUMNS} FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY published_at DESC, id DESC ${query.limit ? `LIMIT ${p.add(query.limit)}` : ''}`;
    const { rows } = await this.q.query<Parameters<typeof rowToEntry>[0]>(sql, p.values);
    return rows.map(rowToEntry);
  }

  async tagSets(ids: readonly number[]): Promise<Map<number, Tag[]>> {
    const out = new Map<number, Tag[]>();
    for (const [id, tags] of await this.storedSets(ids)) out.set(id, tags.map(fromStored));
    return out;
  }

  async health(): Promise<StoreHealth> {
    try {
      const { rows } = await this.q.query<{ ro: string }>("SELECT current_setting('transaction_read_only') AS ro");
      const readOnly = rows[0]?.ro === 'on';
      return { readable: true, writable: !readOnly, readOnly };
    } catch (e) {
      return { readable: false, writable: false, readOnly: false, error: (e as Error).message };
    }
  }

  // --- skeleton (feeds.ts FeedQueryRepo.skeleton, asynchronous) -------------------------------------------------

  private async skeleton(f: PgFilter, start: FeedCursor, n: number, shownEntry: ShownEntryRule): Promise<Placed[]> {
    const stories = new Map<number, MetStory>();
    const placed: Placed[] = [];
    for await (const batch of this.walk(f, start)) {
      await this.meetStories(f, batch, stories, shownEntry);
      if (place(batch, stories, placed, n)) return placed;
    }
    return placed;
  }

  /** Matching candidates in key order, in growing batches; the filter check returns the candidate rows at once. */
  private async *walk(f: PgFilter, start: FeedCursor): AsyncGenerator<Candidate[]> {
    const stream = await planPgWalk(f, this.q);
    let after = start;
    let size = 64;
    for (;;) {
      const keys = await stream(after, size);
      const last = keys[keys.length - 1];
      if (!last) return;
      after = last;
      const rows = await this.matching(
        f,
        keys.map((k) => k.id),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const batch = keys.map((k) => byId.get(k.id)).filter((r): r is Candidate => !!r);
      if (batch.length) yield batch;
      if (keys.length < size) return;
      size = Math.min(size * 2, 2048);
    }
  }

  private async meetStories(
    f: PgFilter,
    batch: Candidate[],
    stories: Map<number, MetStory>,
    shownEntry: ShownEntryRule,
  ): Promise<void> {
    const members = await this.members(unmetStories(batch, stories));
    const ids = [...members.values()].flatMap((m) => m.list.map((x) => x.id));
    const matching = new Set((await this.matching(f, ids)).map((r) => r.id));
    const exclusion = pgStoryExclusion(f);
    const notExcluded = exclusion ? new Set((await this.matching(exclusion, ids)).map((r) => r.id)) : undefined;
    meet(stories, members, matching, notExcluded, shownEntry);
  }

  /** Which of these entries satisfy the whole filter, as candidate rows, in one statement (see feed-match.ts). */
  private matching(f: PgFilter, ids: number[]): Promise<Candidate[]> {
    return matchingCandidates(this.q, f, ids);
  }

  private async members(storyIds: number[]): Promise<Map<number, StoryMembers>> {
    if (!storyIds.length) return new Map();
    const { rows } = await this.q.query<
      Candidate & { storyId: number; uid: string | null; representative: number | null }
    >(
      `SELECT ${CANDIDATE_COLUMNS}, s.uid, s.representative_entry_id AS representative
       FROM entries e LEFT JOIN stories s ON s.id = e.story_id WHERE e.story_id = ANY($1::bigint[])
       ORDER BY e.story_id, e.published_at, e.id`,
      [storyIds],
    );
    return groupMembers(rows);
  }

  // --- hydration and presentation -----------------------------------------------------------------------------

  private async present(placed: Placed[]): Promise<FeedItem[]> {
    // One after the other: inside a snapshot both run on one connection, which takes one statement at a time.
    const entries = await this.entriesById(memberIds(placed));
    const tags = await this.publishedTags(placed.map((p) => p.entry.id));
    return presentItems(placed, entries, tags);
  }

  private async entriesById(ids: number[]): Promise<Map<number, StoredEntry>> {
    if (!ids.length) return new Map();
    const { rows } = await this.q.query<Parameters<typeof rowToEntry>[0]>(
      `SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, rowToEntry(r)]));
  }

  private async storedSets(ids: readonly number[]): Promise<Map<number, StoredTag[]>> {
    const out = new Map<number, StoredTag[]>();
    if (!ids.length) return out;
    const { rows } = await this.q.query<{ entry_id: number; tags: string }>(
      'SELECT entry_id, tags FROM entry_tag_sets WHERE entry_id = ANY($1::bigint[])',
      [ids],
    );
    for (const r of rows) out.set(r.entry_id, JSON.parse(r.tags) as StoredTag[]);
    return out;
  }

  /** TagRepo.publishedOf as a feed item shows tags. */
  private async publishedTags(ids: number[]): Promise<Map<number, FeedTag[]>> {
    const out = new Map<number, FeedTag[]>();
    for (const [id, stored] of await this.storedSets(ids)) {
      const tags = stored.filter(isPublished).map(fromStored);
      if (tags.length)
        out.set(
          id,
          tags.map((t) => ({ kind: t.kind, value: t.value, ...(t.role ? { role: t.role } : {}) })),
        );
    }
    return out;
  }

  /** feed-stats.ts readFeedStats: full scans, cached by stats(). */
  private async readStats(): Promise<FeedStats> {
    const tags = await this.q.query<{ kind: TagKind; value: string; count: number; lastPublishedAt: string }>(
      `SELECT t.kind, t.value, count(DISTINCT coalesce(e.story_id, -e.id)) AS count,
           max(t.published_at) AS "lastPublishedAt"
         FROM entry_tags t JOIN entries e ON e.id = t.entry_id GROUP BY t.kind, t.value ORDER BY t.kind, t.value`,
    );
    const sources = await this.q.query<{ sourceId: string; count: number; lastPublishedAt: string }>(
      `SELECT source_id AS "sourceId", count(DISTINCT coalesce(story_id, -id)) AS count,
           max(published_at) AS "lastPublishedAt"
         FROM entries GROUP BY source_id ORDER BY source_id`,
    );
    const all = await this.q.query<{ count: number; lastPublishedAt: string | null }>(
      `SELECT count(DISTINCT coalesce(story_id, -id)) AS count, max(published_at) AS "lastPublishedAt" FROM entries`,
    );
    const a = all.rows[0];
    return {
      tags: tags.rows,
      sources: sources.rows,
      all: { count: a?.count ?? 0, lastPublishedAt: a?.lastPublishedAt ?? undefined },
    };
  }
}
