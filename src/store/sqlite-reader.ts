// FeedReader on SQLite: the synchronous repositories behind promises that are already settled, so a cached feed
// costs what it did before. A snapshot reads on a read-only connection of its own inside one transaction: the
// main connection may be the worker's (`wireroom run`), whose writes must not land inside a reader's transaction
// held open across awaits.
import Database from 'better-sqlite3';
import { accessSync, constants, statfsSync } from 'node:fs';
import path from 'node:path';
import type { Store } from './index.ts';
import type { FeedReader, StoreHealth } from './feed-reader.ts';
import { FeedQueryRepo } from './feeds.ts';
import { SourceRepo } from './sources.ts';
import { TagRepo } from './tags.ts';

/** The repositories a reader reads from: the store's own, or a snapshot connection's. */
interface Repos {
  feeds: FeedQueryRepo;
  sources: SourceRepo;
  tags: TagRepo;
}

/** A snapshot connection with its repositories (statements prepared once, reused by later snapshots). */
interface SnapshotConnection extends Repos {
  db: Database.Database;
}

/** Snapshot connections kept open for reuse: as many as pages rendered at once, which is a few. */
const IDLE_MAX = 4;

export class SqliteFeedReader implements FeedReader {
  private readonly idle: SnapshotConnection[] = [];
  /** False once a snapshot connection could not be opened (an in-memory database): snapshots then re-check. */
  private ownConnections: boolean;

  constructor(
    private readonly store: Store,
    private readonly repos: Repos = store,
  ) {
    this.ownConnections = store.file !== ':memory:' && store.file !== '';
  }

  dataVersion(): Promise<string> {
    return Promise.resolve(this.store.feeds.dataVersion());
  }

  page(...args: Parameters<FeedQueryRepo['page']>) {
    return settle(() => this.repos.feeds.page(...args));
  }

  count(...args: Parameters<FeedQueryRepo['count']>) {
    return settle(() => this.repos.feeds.count(...args));
  }

  stats() {
    return settle(() => this.repos.feeds.stats());
  }

  hasTag(...args: Parameters<FeedQueryRepo['hasTag']>) {
    return settle(() => this.repos.feeds.hasTag(...args));
  }

  sourceInfos() {
    return settle(() => this.repos.sources.infos());
  }

  sources() {
    return settle(() => this.repos.sources.list());
  }

  lastCycle() {
    return settle(() => this.store.cycles.last());
  }

  entries(...args: Parameters<Store['entries']['list']>) {
    return settle(() => this.store.entries.list(...args));
  }

  tagSets(ids: readonly number[]) {
    return settle(() => this.repos.tags.setsOf(ids));
  }

  health(): Promise<StoreHealth> {
    return settle(() => sqliteHealth(this.store));
  }

  async snapshot<T>(fn: (reader: FeedReader) => Promise<T>): Promise<T> {
    const conn = this.ownConnections ? this.connection() : undefined;
    if (!conn) return this.recheckedSnapshot(fn);
    conn.db.prepare('BEGIN').run();
    try {
      return await fn(new SqliteFeedReader(this.store, conn));
    } finally {
      conn.db.prepare('COMMIT').run();
      if (this.idle.length < IDLE_MAX) this.idle.push(conn);
      else conn.db.close();
    }
  }

  /** Closes the snapshot connections (the store itself is its owner's to close). */
  close(): void {
    for (const c of this.idle.splice(0)) c.db.close();
  }

  private connection(): SnapshotConnection | undefined {
    const reused = this.idle.pop();
    if (reused) return reused;
    try {
      // No quick_check or migration: the store's own connection did both when it opened this file.
      const db = new Database(this.store.file, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      db.pragma('cache_size = -16384');
      const tags = new TagRepo(db);
      return { db, tags, sources: new SourceRepo(db), feeds: new FeedQueryRepo(db, tags) };
    } catch {
      this.ownConnections = false;
      return undefined;
    }
  }

  /**
   * Without a connection of its own (an in-memory database has no file to open twice), fn runs on the store's
   * connection and runs again while the data changed under it, up to three times.
   */
  private async recheckedSnapshot<T>(fn: (reader: FeedReader) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const before = this.store.feeds.dataVersion();
      const out = await fn(this);
      if (attempt >= 3 || this.store.feeds.dataVersion() === before) return out;
    }
  }
}

/** A promise of fn's value, or of its error (a synchronous throw becomes a rejection, as a network store's). */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e as Error);
  }
}

/** A query on the connection, then (read-write only) whether the file, its folder and its disk take writes. */
export function sqliteHealth(store: Store): StoreHealth {
  const readOnly = store.db.readonly;
  try {
    store.db.prepare('SELECT 1').get();
  } catch (e) {
    return { readable: false, writable: false, readOnly, error: (e as Error).message };
  }
  if (store.file === ':memory:') return { readable: true, writable: !readOnly, readOnly };
  const dir = path.dirname(store.file);
  const free = freeSpace(dir);
  if (readOnly) return { readable: true, writable: false, readOnly, ...free };
  try {
    // SQLite writes the database, and its -wal and -shm beside it in the folder.
    accessSync(store.file, constants.W_OK);
    accessSync(dir, constants.W_OK);
    if (free.freeBytes === 0) throw new Error(`no space left on the disk of ${dir}`);
    return { readable: true, writable: true, readOnly, ...free };
  } catch (e) {
    return { readable: true, writable: false, readOnly, ...free, error: (e as Error).message };
  }
}

/** Free bytes on the disk of `dir`, when the platform can tell. */
function freeSpace(dir: string): { freeBytes?: number } {
  try {
    const fs = statfsSync(dir);
    return { freeBytes: fs.bavail * fs.bsize };
  } catch {
    return {};
  }
}

const readers = new WeakMap<Store, SqliteFeedReader>();

/** The store's reader, made once per store (its snapshot connections are reused). */
export function sqliteFeedReader(store: Store): SqliteFeedReader {
  let reader = readers.get(store);
  if (!reader) {
    reader = new SqliteFeedReader(store);
    readers.set(store, reader);
  }
  return reader;
}

/** Called by Store.close: a reader's snapshot connections go with their store. */
export function closeSnapshotConnections(store: Store): void {
  readers.get(store)?.close();
}
