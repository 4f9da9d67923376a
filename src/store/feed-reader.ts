// The one asynchronous read interface the feed server, the static export and `wireroom items` use (issue #15):
// a SQLite implementation (sqlite-reader.ts, over the synchronous repositories) and a PostgreSQL one
// (pg/feeds.ts) stand behind it, and callers never see which. Record types are the SQLite repositories' own.
import type { Tag, TagKind } from '../types.ts';
import type { CycleRecord } from './cycles.ts';
import type { EntryQuery, StoredEntry } from './entries.ts';
import type { FeedStats } from './feed-stats.ts';
import type { FeedCursor, FeedFilter, FeedPage, ShownEntryRule } from './feeds.ts';
import type { SourceInfo, SourceState } from './sources.ts';

export type { FeedStats } from './feed-stats.ts';

/** Whether the database answers and could take writes (what /healthz reports). */
export interface StoreHealth {
  /** A query answers. */
  readable: boolean;
  /** This process could write: false on a read-only connection (`wireroom serve` on SQLite), which is no failure. */
  writable: boolean;
  readOnly: boolean;
  /** Free space on the database's disk, when it can be told (SQLite only: a server's disk is its own). */
  freeBytes?: number;
  error?: string;
}

export interface FeedReader {
  /**
   * Changes whenever anything a feed shows may have changed, whichever process wrote it. Cheap (one statement at
   * most), so every request may ask; the response cache keys on it.
   */
  dataVersion(): Promise<string>;
  /** One page of a feed (FeedQueryRepo.page): one item per story, newest first, keyset-paged. */
  page(filter: FeedFilter, opts: { limit: number; before?: FeedCursor; shownEntry: ShownEntryRule }): Promise<FeedPage>;
  /** How many items (stories) match, counting up to `cap`. */
  count(filter: FeedFilter, cap?: number): Promise<number>;
  /** Item counts and newest entry per tag, per source and overall; cached until the data changes. */
  stats(): Promise<FeedStats>;
  hasTag(kind: TagKind, value: string): Promise<boolean>;
  /** Every source's id, URLs and titles (feed labels). */
  sourceInfos(): Promise<SourceInfo[]>;
  /** Every source with its fetch state (health: overdue sources). */
  sources(): Promise<SourceState[]>;
  /** The worker's most recently finished cycle, from any process. */
  lastCycle(): Promise<CycleRecord | undefined>;
  /** Entries newest first (EntryRepo.list), for `wireroom items`. */
  entries(q?: EntryQuery): Promise<StoredEntry[]>;
  /** Every stored tag (with reasons) of these entries, by entry id. */
  tagSets(ids: readonly number[]): Promise<Map<number, Tag[]>>;
  health(): Promise<StoreHealth>;
  /**
   * Runs fn with a reader on one read snapshot: every read inside sees the same data while other processes commit.
   * For a page read in several statements, or an export of many pages.
   */
  snapshot<T>(fn: (reader: FeedReader) => Promise<T>): Promise<T>;
}
