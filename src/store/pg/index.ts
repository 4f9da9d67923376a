// The PostgreSQL store (issue #15), the one entry point of src/store/pg: connect, migrate, and the pieces a fleet of
// fetch workers needs (leases on sources, the fenced batched write of a fetch), plus the SQLite -> PostgreSQL copy.
// Everything is asynchronous. Method names and record types are the SQLite repositories' where they mean the same,
// so that one asynchronous store interface can later put both behind one name.
import type { Pool } from 'pg';
import { PgAccountStore } from './accounts.ts';
import { connectPool, poolDb, type PgDb, type PgOptions } from './connect.ts';
import { PgEntryRepo } from './entries.ts';
import { storeFetch, type FetchWrite, type FetchWriteResult } from './fetch-write.ts';
import { PgFetchLogRepo } from './fetch-log.ts';
import { migratePg } from './migrate.ts';
import { claimNamedSources } from './claim-named.ts';
import { pruneExpired, type PruneCutoffs, type PruneResult } from './retention.ts';
import { PgReads } from './reads.ts';
import { recordCycle } from './cycles.ts';
import type { OverrideChange } from './overrides.ts';
import { entriesAfter, writeRetagBatch, type RetagWrite } from './retag.ts';
import { readTagView, type TagView } from './tag-view.ts';
import { mergeStoriesPg, splitStoryPg, type StoryEdited, type StoryEditMissing } from './story-edit.ts';
import type { NewAuditRecord } from '../accounts.ts';
import type { StoryRules } from '../stories.ts';
import type { CycleRecord } from '../cycles.ts';
import type { StoredEntry } from '../entries.ts';
import type { Tag } from '../../types.ts';
import { PgSourceRepo } from './sources.ts';
import { PgTagRepo } from './tags.ts';
import { PgTagVersionRepo } from './tag-versions.ts';
import { PgConsoleReads } from './console-reads.ts';
import { PgEntryPages } from './entry-pages.ts';
import { PgFeedReader } from './feeds.ts';
import { correctTagsPg, type TagsCorrected } from './tag-correct.ts';
import { dashboardPagePg, type DashboardPage } from './dashboard.ts';
import { PgJobRepo } from './jobs.ts';
import type { DashboardQuery, ListedSourceRow } from '../sources.ts';

export { isPostgresUrl, redactUrl, type PgDb, type PgOptions, type Queryable } from './connect.ts';
export { migratePg, pgMigrations, PG_MIGRATIONS_DIR } from './migrate.ts';
export { holdInUse, IN_USE_LOCK, type InUse } from './in-use.ts';
export { PgJobRepo, JOB_HEARTBEAT_MS } from './jobs.ts';
export type { ClaimedSource } from './sources.ts';
export type { FetchWrite, FetchWriteResult } from './fetch-write.ts';
export type { PruneCutoffs, PruneResult } from './retention.ts';
export type { EntryTags } from './tags.ts';
export {
  backupPg,
  findPgTool,
  restorePg,
  PgInUseError,
  PgToolMissingError,
  type PgBackupResult,
  type PgRestoreResult,
} from './dump.ts';
export type { RetagWrite } from './retag.ts';
export type { TagView } from './tag-view.ts';
export type { StoryEdited, StoryEditMissing } from './story-edit.ts';
export type { TagsCorrected } from './tag-correct.ts';
export type { RecentStory } from '../stories.ts';
export {
  copySqliteToPg,
  verifySqliteCopy,
  CopyError,
  type CopyOptions,
  type CopyReport,
  type TableCheck,
} from './copy.ts';

export class PgStore {
  readonly db: PgDb;
  readonly sources: PgSourceRepo;
  readonly entries: PgEntryRepo;
  readonly tags: PgTagRepo;
  /** The tagging versions stored entries may be tagged under, which a retag compares with the current one. */
  readonly tagVersions: PgTagVersionRepo;
  readonly fetchLog: PgFetchLogRepo;
  /** What the editors' commands read (and their audit rows). */
  readonly reads: PgReads;
  /** Users, tokens, sessions, login attempts and the audit log, as SQLite's behind one AccountStore. */
  readonly accounts: PgAccountStore;
  /** The feeds' reads (pages, data version, source infos), on the pool. */
  readonly feeds: PgFeedReader;
  /** The console's and API's other reads: failing streaks, stories, jobs (see console-reads.ts). */
  readonly console: PgConsoleReads;
  /** The console's entry lists and review queue (see entry-pages.ts). */
  readonly entryPages: PgEntryPages;
  /** Opened read-only (`wireroom serve`): every transaction of the pool refuses writes. */
  readonly readOnly: boolean;
  /** The background jobs of the console (src/worker/jobs.ts), with heartbeats (see jobs.ts). */
  readonly jobs: PgJobRepo;

  constructor(
    readonly pool: Pool,
    opts: { readOnly?: boolean } = {},
  ) {
    this.db = poolDb(pool);
    this.sources = new PgSourceRepo(this.db);
    this.entries = new PgEntryRepo(this.db);
    this.tags = new PgTagRepo(this.db);
    this.tagVersions = new PgTagVersionRepo(this.db);
    this.fetchLog = new PgFetchLogRepo(this.db);
    this.reads = new PgReads(this.db);
    this.accounts = new PgAccountStore(this.db);
    this.feeds = new PgFeedReader(this.db, pool);
    this.console = new PgConsoleReads(this.db);
    this.entryPages = new PgEntryPages(this.db, this.feeds);
    this.readOnly = !!opts.readOnly;
    this.jobs = new PgJobRepo(this.db);
  }

  /** The console's sources dashboard: SourceRepo.dashboardPage's page, sources.yaml's list sent with the query. */
  dashboardPage(listed: readonly ListedSourceRow[], query: DashboardQuery): Promise<DashboardPage> {
    return dashboardPagePg(this.db, listed, query);
  }

  /** Writes one fetched source if `owner` still holds its lease at `now` (see fetch-write.ts). */
  storeFetch(owner: string, now: string, write: FetchWrite): Promise<FetchWriteResult> {
    return storeFetch(this.db, owner, now, write);
  }

  /** Leases these sources now, due or not, in this order (`wireroom fetch`; see claim-named.ts). */
  claimNamed(owner: string, now: string, ids: readonly string[], limit: number, leaseSeconds: number, perHost: number) {
    return claimNamedSources(this.db, owner, now, ids, limit, leaseSeconds, perHost);
  }

  /** An editor's tag correction on the entry's whole story with its audit row, in one transaction (tag-correct.ts). */
  correctTags(
    entryId: number,
    changes: readonly OverrideChange[],
    at: string,
    audit: (c: { entryIds: number[]; before: Tag[]; after: Tag[] }) => NewAuditRecord,
  ): Promise<TagsCorrected | undefined> {
    return correctTagsPg(this.db, entryId, changes, at, audit);
  }

  /** An editor's story merge with its audit row, in one transaction (as StoryRepo.merge; see story-edit.ts). */
  mergeStories(
    entryA: number,
    entryB: number,
    now: string,
    rules: StoryRules,
    audit: (before: Record<number, string>, uid: string | undefined) => NewAuditRecord,
  ): Promise<StoryEdited | StoryEditMissing> {
    return mergeStoriesPg(this.db, entryA, entryB, now, rules, audit);
  }

  /** An editor's story split with its audit row, in one transaction (as StoryRepo.split; see story-edit.ts). */
  splitStory(
    entryId: number,
    now: string,
    rules: StoryRules,
    audit: (before: string, uid: string | undefined) => NewAuditRecord,
  ): Promise<StoryEdited | StoryEditMissing> {
    return splitStoryPg(this.db, entryId, now, rules, audit);
  }

  /** `rules test`'s read: the most recent `limit` entries since `since`, their tags and overrides, on one snapshot. */
  tagView(q: { since?: string; limit: number }): Promise<TagView> {
    return readTagView(this.pool, q);
  }

  /** Retag's read: up to `size` entries after id `afterId`, published since `since`, in id order (see retag.ts). */
  entriesAfter(afterId: number, since: string | undefined, size: number): Promise<StoredEntry[]> {
    return entriesAfter(this.db, afterId, since, size);
  }

  /** Retag's write of one batch, in one transaction that locks the batch's entries first (see retag.ts). */
  retagBatch(
    batch: readonly StoredEntry[],
    tags: readonly (readonly Tag[])[],
    tagAgain: (entries: StoredEntry[]) => Promise<Tag[][]>,
  ): Promise<RetagWrite> {
    return writeRetagBatch(this.db, batch, tags, tagAgain);
  }

  /** A worker's finished cycle, for /healthz (as CycleRepo.record). */
  recordCycle(c: CycleRecord): Promise<void> {
    return recordCycle(this.db, c);
  }

  /** Retention, by one process of the fleet at a time (see retention.ts). */
  prune(cutoffs: PruneCutoffs): Promise<PruneResult> {
    return pruneExpired(this.pool, cutoffs);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Connects and brings the schema up to date (every process may: migrations apply once, under a lock). */
export async function openPgStore(url: string, opts: PgOptions = {}): Promise<PgStore> {
  // A read-only pool cannot migrate: the migrations go first, on a connection of their own.
  if (opts.readOnly) await (await openPgStore(url, { max: 1 })).close();
  const pool = await connectPool(url, opts);
  try {
    if (!opts.readOnly) await migratePg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PgStore(pool, { readOnly: opts.readOnly });
}
