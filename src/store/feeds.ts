// Read-only queries behind curated feeds. Every query walks an index in (published_at DESC, id DESC) order and
// stops after one page: the cost depends on the page size, not on how many entries are stored.
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { TagKind } from '../types.ts';
import type { Db } from './db.ts';
import { rowToEntry, type StoredEntry } from './entries.ts';
import { storyUid } from './stories.ts';
import type { TagRepo } from './tags.ts';

/** Terms of one clause; an entry matches the clause when any term matches (countries count as focus only). */
export interface TermSet {
  countries?: string[];
  regions?: string[];
  topics?: string[];
  sources?: string[];
}

export interface FeedFilter {
  /** Clauses are ANDed: e.g. [{countries:[PE], regions:[andes]}, {topics:[strikes]}] = (PE or andes) and strikes. */
  require?: TermSet[];
  /** Full-text queries as users typed them; each must match (escaped into FTS5 syntax here). */
  q?: string[];
  /** An entry matching any of these is left out. */
  exclude?: TermSet & { q?: string[] };
}

/** Position in a feed: the newest matching entry of a story. Pages continue strictly below it. */
export interface FeedCursor {
  publishedAt: string;
  id: number;
}

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
  /** Changes whenever anything a renderer shows changes. */
  fingerprint: string;
}

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

export interface SourceInfo {
  id: string;
  url: string;
  effectiveUrl?: string;
  title?: string;
  siteUrl?: string;
}

interface Key {
  id: number;
  p: string;
}

interface Candidate extends Key {
  story_id: number | null;
  source_id: string;
  key: string;
}

const TOP: Key = { id: Number.MAX_SAFE_INTEGER, p: '\uffff' };
/** Below this many matches a full-text query drives the walk itself; above, it is checked per candidate. */
const SMALL = 2000;

/** Turns user input into a safe FTS5 query: quoted terms (ANDed), "phrases", trailing * for prefixes. */
export function ftsQuery(input: string): string | undefined {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    let text = m[1] ?? m[2]!;
    const prefix = m[2] !== undefined && text.endsWith('*');
    if (prefix) text = text.replace(/\*+$/, '');
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    parts.push(`"${text.replace(/"/g, '""')}"${prefix ? '*' : ''}`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

function nonEmpty(t: TermSet | undefined): boolean {
  return !!t && !!(t.countries?.length || t.regions?.length || t.topics?.length || t.sources?.length);
}

/** A stream of (published_at, id) keys, newest first, fetched page by page. */
type Stream = (after: Key, n: number) => Key[];

export class FeedQueryRepo {
  private readonly cache = new Map<string, Statement>();
  private statsMemo?: {
    version: string;
    tags: TagStat[];
    sources: SourceStat[];
    all: { count: number; lastPublishedAt?: string };
  };

  constructor(
    private readonly db: Db,
    private readonly tagRepo: TagRepo,
  ) {}

  private stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /**
   * Changes whenever anything in the database may have changed: this connection's writes (total_changes) or
   * another process's commits (data_version). O(1), so every request can ask.
   */
  dataVersion(): string {
    const r = this.stmt(
      'SELECT (SELECT data_version FROM pragma_data_version()) AS dv, total_changes() AS tc',
    ).get() as { dv: number; tc: number };
    return `${r.dv}.${r.tc}`;
  }

  /**
   * One page of a feed: one item per story, newest first. An item is placed by the entry it shows (the story's
   * representative when that matches the filter, else its earliest matching entry), so the published date every
   * format shows never goes up down the feed, and the cursor is that entry's key: no story repeats or goes
   * missing across pages. A late copy joining an old story does not lift it above newer stories.
   */
  page(filter: FeedFilter, opts: { limit: number; before?: FeedCursor }): FeedPage {
    const limit = Math.max(1, Math.floor(opts.limit));
    const f = this.compile(filter);
    const start: Key = opts.before ? { p: opts.before.publishedAt, id: opts.before.id } : TOP;
    // Excluded tags and words apply to whole stories: "no strikes" must not let a strike in through an untagged
    // copy. Excluded sources apply per entry: another source's report of the story may still be shown.
    const content = f.exclude ? { ...f.exclude, sources: [] } : undefined;
    const wholeStory = nonEmpty(content) || !!f.exQ;
    /** Per story met so far: its members and the entry that places it (undefined when the story is excluded). */
    const stories = new Map<number, { uid: string | null; members: Candidate[]; shown?: number }>();
    const chosen: { uid?: string | null; cand: Candidate; members: Candidate[] }[] = [];
    for (const batch of this.walk(f, start)) {
      const fresh = [
        ...new Set(batch.map((c) => c.story_id).filter((s): s is number => s !== null && !stories.has(s))),
      ];
      const members = this.members(fresh);
      const memberIds = [...members.values()].flatMap((m) => m.list.map((x) => x.id));
      const memberMatches = this.check(f, memberIds);
      const notExcluded = wholeStory ? this.check({ require: [], exclude: content, exQ: f.exQ }, memberIds) : undefined;
      for (const [sid, m] of members) {
        const excluded = notExcluded && m.list.some((x) => !notExcluded.has(x.id));
        stories.set(sid, {
          uid: m.uid,
          members: m.list,
          shown: excluded ? undefined : shownEntry(m.list, memberMatches, m.rep),
        });
      }
      for (const c of batch) {
        if (c.story_id === null) chosen.push({ cand: c, members: [c] });
        else {
          const st = stories.get(c.story_id);
          // Any other member is passed over: the story's place is its shown entry's (above: an earlier page).
          if (!st || st.shown !== c.id) continue;
          chosen.push({ uid: st.uid, cand: c, members: st.members });
        }
        if (chosen.length > limit) break;
      }
      if (chosen.length > limit) break;
    }
    const more = chosen.length > limit;
    if (more) chosen.length = limit;

    const allIds = [...new Set(chosen.flatMap((c) => c.members.map((m) => m.id)))];
    const entries = this.entries(allIds);
    const tags = this.tags(chosen.map((c) => c.cand.id));
    const items: FeedItem[] = chosen.map((c) => ({
      storyUid: c.uid ?? storyUid(c.cand.source_id, c.cand.key),
      entry: entries.get(c.cand.id)!,
      tags: tags.get(c.cand.id) ?? [],
      also: c.members
        .filter((m) => m.id !== c.cand.id)
        .map((m) => entries.get(m.id)!)
        .sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id - b.id))
        .map((e) => ({
          entryId: e.id,
          sourceId: e.sourceId,
          title: e.title,
          url: e.url,
          publishedAt: e.publishedAt,
          changedAt: e.changedAt,
        })),
      sortKey: { publishedAt: c.cand.p, id: c.cand.id },
    }));
    const last = items[items.length - 1];
    return { items, next: more && last ? last.sortKey : undefined, fingerprint: fingerprint(items, more) };
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
    const f = this.compile(filter);
    const stories = new Set<number>();
    for (const batch of this.walk(f, TOP)) {
      for (const c of batch) stories.add(c.story_id ?? -c.id);
      if (stories.size >= cap) return cap;
    }
    return stories.size;
  }

  /** Item counts (stories: feeds publish one item per story) and newest entry per tag and per source; cached until
   * the data changes. */
  stats(): { tags: TagStat[]; sources: SourceStat[]; all: { count: number; lastPublishedAt?: string } } {
    const version = this.dataVersion();
    if (this.statsMemo?.version === version) return this.statsMemo;
    const tags = this.stmt(
      `SELECT t.kind, t.value, count(DISTINCT coalesce(e.story_id, -e.id)) AS count, max(t.published_at) AS lastPublishedAt
       FROM entry_tags t JOIN entries e ON e.id = t.entry_id GROUP BY t.kind, t.value ORDER BY t.kind, t.value`,
    ).all() as TagStat[];
    const sources = this.stmt(
      `SELECT source_id AS sourceId, count(DISTINCT coalesce(story_id, -id)) AS count, max(published_at) AS lastPublishedAt
       FROM entries GROUP BY source_id ORDER BY source_id`,
    ).all() as SourceStat[];
    // Stories carried by several sources count once: not the sum of the sources' counts.
    const all = this.stmt(
      'SELECT count(DISTINCT coalesce(story_id, -id)) AS count, max(published_at) AS lastPublishedAt FROM entries',
    ).get() as { count: number; lastPublishedAt: string | null };
    this.statsMemo = {
      version,
      tags,
      sources,
      all: { count: all.count, lastPublishedAt: all.lastPublishedAt ?? undefined },
    };
    return this.statsMemo;
  }

  hasTag(kind: TagKind, value: string): boolean {
    return !!this.stmt('SELECT 1 FROM entry_tags WHERE kind = ? AND value = ? LIMIT 1').get(kind, value);
  }

  sources(): SourceInfo[] {
    return (
      this.stmt('SELECT id, url, effective_url, title, site_url FROM sources ORDER BY id').all() as {
        id: string;
        url: string;
        effective_url: string | null;
        title: string | null;
        site_url: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      url: r.url,
      effectiveUrl: r.effective_url ?? undefined,
      title: r.title ?? undefined,
      siteUrl: r.site_url ?? undefined,
    }));
  }

  // --- internals -------------------------------------------------------------------------------------------

  private compile(filter: FeedFilter): Compiled {
    const q = (filter.q ?? []).map(ftsQuery).filter((s): s is string => !!s);
    const exQ = (filter.exclude?.q ?? []).map(ftsQuery).filter((s): s is string => !!s);
    return {
      require: (filter.require ?? []).filter(nonEmpty),
      q: q.length ? q.join(' ') : undefined,
      exclude: filter.exclude,
      exQ: exQ.length ? exQ.join(' OR ') : undefined,
    };
  }

  /** Yields matching candidates (full filter checked) in key order, in batches. */
  private *walk(f: Compiled, start: Key): Generator<Candidate[]> {
    const driver = this.driver(f);
    let after = start;
    let size = 64;
    for (;;) {
      const keys = driver(after, size);
      if (!keys.length) return;
      after = keys[keys.length - 1]!;
      const ok = this.check(
        f,
        keys.map((k) => k.id),
      );
      const rows = this.candidates(keys.filter((k) => ok.has(k.id)).map((k) => k.id));
      if (rows.length) yield rows;
      if (keys.length < size) return;
      size = Math.min(size * 2, 2048);
    }
  }

  /** Picks the most selective index to walk: the clause or full-text query with the fewest (capped) matches. */
  private driver(f: Compiled): Stream {
    const options: { est: number; stream: Stream }[] = [];
    for (const clause of f.require) {
      const streams = this.clauseStreams(clause);
      options.push({ est: streams.reduce((n, s) => n + s.est, 0), stream: merge(streams.map((s) => s.stream)) });
    }
    if (f.q) {
      const est = (
        this.stmt(
          `SELECT count(*) AS n FROM (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? LIMIT ${SMALL + 1})`,
        ).get(f.q) as { n: number }
      ).n;
      if (est <= SMALL) {
        const q = f.q;
        const sql = `SELECT e.id, e.published_at AS p FROM entries e WHERE e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)
          AND (e.published_at, e.id) < (?, ?) ORDER BY e.published_at DESC, e.id DESC LIMIT ?`;
        options.push({ est, stream: (a, n) => this.stmt(sql).all(q, a.p, a.id, n) as Key[] });
      }
    }
    options.sort((a, b) => a.est - b.est);
    if (options[0]) return options[0].stream;
    const sql =
      'SELECT id, published_at AS p FROM entries WHERE (published_at, id) < (?, ?) ORDER BY published_at DESC, id DESC LIMIT ?';
    return (a, n) => this.stmt(sql).all(a.p, a.id, n) as Key[];
  }

  private clauseStreams(t: TermSet): { est: number; stream: Stream }[] {
    const out: { est: number; stream: Stream }[] = [];
    const tag = (kind: TagKind, value: string) => {
      const sql = `SELECT entry_id AS id, published_at AS p FROM entry_tags WHERE kind = ? AND value = ?
        AND (published_at, entry_id) < (?, ?) ORDER BY published_at DESC, entry_id DESC LIMIT ?`;
      const est = (
        this.stmt(
          `SELECT count(*) AS n FROM (SELECT 1 FROM entry_tags WHERE kind = ? AND value = ? LIMIT ${SMALL + 1})`,
        ).get(kind, value) as { n: number }
      ).n;
      out.push({ est, stream: (a, n) => this.stmt(sql).all(kind, value, a.p, a.id, n) as Key[] });
    };
    for (const v of t.countries ?? []) tag('country', v);
    for (const v of t.regions ?? []) tag('region', v);
    for (const v of t.topics ?? []) tag('topic', v);
    for (const s of t.sources ?? []) {
      const sql = `SELECT id, published_at AS p FROM entries WHERE source_id = ? AND (published_at, id) < (?, ?)
        ORDER BY published_at DESC, id DESC LIMIT ?`;
      const est = (
        this.stmt(`SELECT count(*) AS n FROM (SELECT 1 FROM entries WHERE source_id = ? LIMIT ${SMALL + 1})`).get(
          s,
        ) as { n: number }
      ).n;
      out.push({ est, stream: (a, n) => this.stmt(sql).all(s, a.p, a.id, n) as Key[] });
    }
    return out;
  }

  /** Which of these entry ids satisfy the whole filter (point lookups on primary keys, one statement). */
  private check(f: Compiled, ids: number[]): Set<number> {
    if (!ids.length) return new Set();
    const where: string[] = [];
    const params: unknown[] = [JSON.stringify(ids)];
    const termSql = (t: TermSet): string => {
      const ors: string[] = [];
      const tagIn = (kind: TagKind, values: string[]) => {
        params.push(JSON.stringify(values));
        ors.push(`EXISTS (${this.tagRepo.hasAnySql(kind, 'e.id')})`);
      };
      if (t.countries?.length) tagIn('country', t.countries);
      if (t.regions?.length) tagIn('region', t.regions);
      if (t.topics?.length) tagIn('topic', t.topics);
      if (t.sources?.length) {
        params.push(JSON.stringify(t.sources));
        ors.push('e.source_id IN (SELECT value FROM json_each(?))');
      }
      return ors.length ? `(${ors.join(' OR ')})` : '0';
    };
    for (const c of f.require) where.push(termSql(c));
    if (f.q) {
      where.push('EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? AND rowid = e.id)');
      params.push(f.q);
    }
    if (nonEmpty(f.exclude)) where.push(`NOT ${termSql(f.exclude!)}`);
    if (f.exQ) {
      where.push('NOT EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? AND rowid = e.id)');
      params.push(f.exQ);
    }
    const sql = `SELECT e.id FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))${where.map((w) => ` AND ${w}`).join('')}`;
    return new Set((this.stmt(sql).all(...params) as { id: number }[]).map((r) => r.id));
  }

  /** Rows in the order of `ids`. */
  private candidates(ids: number[]): Candidate[] {
    if (!ids.length) return [];
    const rows = this.stmt(
      'SELECT id, published_at AS p, story_id, source_id, key FROM entries WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids)) as Candidate[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is Candidate => !!r);
  }

  /** Each story's members with its uid and representative, in one statement. */
  private members(storyIds: number[]): Map<number, { uid: string | null; rep: number | null; list: Candidate[] }> {
    const out = new Map<number, { uid: string | null; rep: number | null; list: Candidate[] }>();
    if (!storyIds.length) return out;
    const rows = this.stmt(
      `SELECT e.id, e.published_at AS p, e.story_id, e.source_id, e.key, s.uid, s.representative_entry_id AS rep
       FROM entries e LEFT JOIN stories s ON s.id = e.story_id WHERE e.story_id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(storyIds)) as (Candidate & { uid: string | null; rep: number | null })[];
    for (const { uid, rep, ...c } of rows) {
      let m = out.get(c.story_id!);
      if (!m) out.set(c.story_id!, (m = { uid, rep, list: [] }));
      m.list.push(c);
    }
    return out;
  }

  private entries(ids: number[]): Map<number, StoredEntry> {
    if (!ids.length) return new Map();
    const rows = this.stmt('SELECT * FROM entries WHERE id IN (SELECT value FROM json_each(?))').all(
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
}

interface Compiled {
  require: TermSet[];
  q?: string;
  exclude?: TermSet;
  exQ?: string;
}

/**
 * The entry a story's item shows, and so where the story sits in the feed: its representative when that matches
 * the filter, else its earliest matching member. Undefined when no member matches.
 */
function shownEntry(
  members: readonly Candidate[],
  matches: ReadonlySet<number>,
  rep: number | null,
): number | undefined {
  if (rep !== null && matches.has(rep) && members.some((m) => m.id === rep)) return rep;
  let best: Candidate | undefined;
  for (const m of members)
    if (matches.has(m.id) && (!best || m.p < best.p || (m.p === best.p && m.id < best.id))) best = m;
  return best?.id;
}

/** k-way merge of key streams, newest first, without duplicates (an entry can carry several of the tags). */
function merge(streams: Stream[]): Stream {
  if (streams.length === 1) return streams[0]!;
  return (after, n) => {
    const all = new Map<number, Key>();
    for (const s of streams) for (const k of s(after, n)) all.set(k.id, k);
    return [...all.values()].sort((a, b) => (a.p < b.p ? 1 : a.p > b.p ? -1 : b.id - a.id)).slice(0, n);
  };
}

function fingerprint(items: FeedItem[], more: boolean): string {
  const h = createHash('sha1');
  h.update(more ? '1' : '0');
  for (const it of items) {
    h.update(`\u0001${it.storyUid}\u0000${it.entry.id}\u0000${it.entry.changedAt}\u0000${it.sortKey.publishedAt}`);
    for (const t of it.tags) h.update(`\u0002${t.kind}:${t.value}:${t.role ?? ''}`);
    for (const a of it.also) h.update(`\u0003${a.entryId}:${a.sourceId}:${a.title}:${a.url ?? ''}`);
  }
  return h.digest('base64url');
}
