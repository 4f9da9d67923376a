// The only code that touches SQLite. Each table group has its repository; Store bundles them.
import type Database from 'better-sqlite3';
import { AccountRepo } from './accounts.ts';
import { CycleRepo } from './cycles.ts';
import { openDatabase, type Db } from './db.ts';
import { EntryRepo } from './entries.ts';
import { FeedQueryRepo } from './feeds.ts';
import { FetchLogRepo } from './fetch-log.ts';
import { JobRepo } from './jobs.ts';
import { closeSnapshotConnections } from './sqlite-reader.ts';
import { SourceRepo } from './sources.ts';
import { StoryRepo } from './stories.ts';
import { TagVersionRepo } from './tag-versions.ts';
import { TagRepo } from './tags.ts';

export { StoreError, openDatabase, migrate, type Db } from './db.ts';
export {
  backupDatabase,
  restoreDatabase,
  DatabaseInUseError,
  type BackupResult,
  type BackupProgress,
  type RestoreResult,
} from './backup.ts';
export type { StoredEntry, TaggableEntry, UpsertResult, EntryQuery } from './entries.ts';
export type { SourceState, SourceStatus, FetchRecord, SourceInfo } from './sources.ts';
export type { FetchLogRecord } from './fetch-log.ts';
export type { CycleRecord } from './cycles.ts';
export {
  JOB_KINDS,
  JOB_ORIGINS,
  JOB_MESSAGE_MAX,
  FINISHED_JOB_STATES,
  jobMessage,
  type JobRepo,
  type JobKind,
  type JobState,
  type JobOrigin,
  type JobRecord,
  type JobEnd,
  type NewJob,
} from './jobs.ts';
export type {
  AccountRepo,
  AccountRole,
  AuditRecord,
  LoginAttempt,
  NewAuditRecord,
  SessionRecord,
  TokenRecord,
  UserRecord,
} from './accounts.ts';
export {
  call,
  isAccountStore,
  promised,
  runSteps,
  sqliteAccountStore,
  type AccountSteps,
  type AccountStore,
  type Async,
} from './account-store.ts';
export type { StoryCandidateRow, StoryMember, StoryMemberRef, StoryRules } from './stories.ts';
export { applyOverrides, manualTag, type TagOverride, type OverrideAction } from './tags.ts';
export {
  ftsQuery,
  type FeedFilter,
  type FeedCursor,
  type FeedItem,
  type FeedPage,
  type FeedTag,
  type TermSet,
  type AlsoReported,
  type TagStat,
  type SourceStat,
  type ShownEntryRule,
} from './feeds.ts';

export type { FeedReader, FeedStats, StoreHealth } from './feed-reader.ts';
export { SqliteFeedReader, sqliteFeedReader } from './sqlite-reader.ts';
export { openFeedReader, type OpenedReader, type StoreSetting } from './open-reader.ts';

/** The PostgreSQL store (issue #15, src/store/pg), loaded only when asked for: SQLite users never load pg. */
export const loadPostgresStore = () => import('./pg/index.ts');
export type { ClaimedSource, FetchWriteResult, PgStore, StoryEdited, StoryEditMissing } from './pg/index.ts';
/** Prints a postgres:// address without its password (connect.ts imports only pg's types). */
export { redactUrl } from './pg/connect.ts';

export class Store {
  readonly sources: SourceRepo;
  readonly entries: EntryRepo;
  readonly fetchLog: FetchLogRepo;
  readonly stories: StoryRepo;
  readonly feeds: FeedQueryRepo;
  readonly tags: TagRepo;
  readonly tagVersions: TagVersionRepo;
  readonly accounts: AccountRepo;
  readonly cycles: CycleRepo;
  readonly jobs: JobRepo;
  /** One transaction function for every call: db.transaction(fn) builds four wrapped functions each time. */
  private readonly tx: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(
    readonly db: Db,
    readonly file: string,
  ) {
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.sources = new SourceRepo(db);
    this.entries = new EntryRepo(db);
    this.fetchLog = new FetchLogRepo(db);
    this.stories = new StoryRepo(db);
    this.tags = new TagRepo(db);
    this.tagVersions = new TagVersionRepo(db);
    this.feeds = new FeedQueryRepo(db, this.tags);
    this.accounts = new AccountRepo(db);
    this.cycles = new CycleRepo(db);
    this.jobs = new JobRepo(db);
  }

  /**
   * Runs fn in one transaction (IMMEDIATE: takes the write lock up front, so a busy database fails early); inside
   * another, in a savepoint that rolls back alone if fn throws. Full-text index writes wait for the end of the
   * outermost one (see EntryRepo.withDeferredIndex).
   */
  transaction<T>(fn: () => T): T {
    return this.entries.withDeferredIndex((f) => this.tx.immediate(f) as T, fn);
  }

  close(): void {
    closeSnapshotConnections(this);
    if (this.db.open) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Another process may hold the database; the WAL is still consistent.
      }
      this.db.close();
    }
  }
}

export function openStore(file: string, opts: { readonly?: boolean } = {}): Store {
  return new Store(openDatabase(file, opts), file);
}
