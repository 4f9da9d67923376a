// The PostgreSQL store (issue #15), the one entry point of src/store/pg: connect, migrate, and the pieces a fleet of
// fetch workers needs (leases on sources, the fenced batched write of a fetch), plus the SQLite -> PostgreSQL copy.
// Everything is asynchronous. Method names and record types are the SQLite repositories' where they mean the same,
// so that one asynchronous store interface can later put both behind one name.
import type { Pool } from 'pg';
import { connectPool, poolDb, type PgDb, type PgOptions } from './connect.ts';
import { PgEntryRepo } from './entries.ts';
import { storeFetch, type FetchWrite, type FetchWriteResult } from './fetch-write.ts';
import { PgFetchLogRepo } from './fetch-log.ts';
import { migratePg } from './migrate.ts';
import { PgSourceRepo } from './sources.ts';
import { PgTagRepo } from './tags.ts';

export { isPostgresUrl, redactUrl, type PgDb, type PgOptions, type Queryable } from './connect.ts';
export { migratePg, pgMigrations, PG_MIGRATIONS_DIR } from './migrate.ts';
export type { ClaimedSource } from './sources.ts';
export type { FetchWrite, FetchWriteResult } from './fetch-write.ts';
export type { EntryTags } from './tags.ts';
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
  readonly fetchLog: PgFetchLogRepo;

  constructor(readonly pool: Pool) {
    this.db = poolDb(pool);
    this.sources = new PgSourceRepo(this.db);
    this.entries = new PgEntryRepo(this.db);
    this.tags = new PgTagRepo(this.db);
    this.fetchLog = new PgFetchLogRepo(this.db);
  }

  /** Writes one fetched source if `owner` still holds its lease at `now` (see fetch-write.ts). */
  storeFetch(owner: string, now: string, write: FetchWrite): Promise<FetchWriteResult> {
    return storeFetch(this.db, owner, now, write);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Connects and brings the schema up to date (every process may: migrations apply once, under a lock). */
export async function openPgStore(url: string, opts: PgOptions = {}): Promise<PgStore> {
  const pool = await connectPool(url, opts);
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PgStore(pool);
}
