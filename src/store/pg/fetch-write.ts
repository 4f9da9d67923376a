// A worker's final write for one fetched source, in one transaction: first the fence (does this worker still hold
// the source's lease?), then the entries in one statement, their tags batched, the source's fetch state (which ends
// the lease) and a fetch_log row. A worker whose lease ran out or was taken writes nothing and is told so.
import type { Entry, Tag } from '../../types.ts';
import type { StoredEntry, UpsertResult } from '../entries.ts';
import type { FetchLogRecord } from '../fetch-log.ts';
import type { FetchRecord } from '../sources.ts';
import type { TagVersion } from '../tag-versions.ts';
import type { PgDb, Queryable } from './connect.ts';
import { PgEntryRepo } from './entries.ts';
import { FETCH_LOG_COLUMNS, fetchLogValues } from './fetch-log.ts';
import { PgSourceRepo, RECORD_SET, recordParams } from './sources.ts';
import { PgStoryRepo } from './stories.ts';
import { PgTagRepo } from './tags.ts';
import { PgTagVersionRepo } from './tag-versions.ts';

export interface FetchWrite {
  sourceId: string;
  /** The prepared entries, stored in this order (the worker passes them oldest first). */
  entries: readonly Entry[];
  /** Computed tags by entry key (PreparedDocument.tags); absent: tags are not touched. */
  tags?: Record<string, Tag[]>;
  /** What the tags were made with (src/tag/version.ts), recorded when some entry's tags are stored. */
  tagVersion?: TagVersion;
  /** The feed was found reusing guids for different links (SourceRepo.markGuidReuse). */
  guidReuse?: boolean;
  record: FetchRecord;
  /**
   * Puts the entries written into stories, in the same transaction (src/dedup/assign-pg.ts); returns how many
   * stories they founded. It may run more than once: a write that meets a deadlock is run again whole.
   */
  stories?: (tables: PgStoryRepo, written: UpsertResult) => Promise<number>;
  /** The fetch_log row; its counts come from what the write stored. */
  log: Omit<FetchLogRecord, 'sourceId' | 'newCount' | 'updatedCount' | 'unchangedCount'>;
}

export type FetchWriteResult =
  | { stored: true; result: UpsertResult; storiesMade?: number }
  /** Nothing was written: the lease ran out (holder absent) or another worker holds it now. */
  | { stored: false; holder?: string };

/**
 * The fetch state and the fetch_log row in one statement. With `lease`, only if that worker still holds the lease
 * (the UPDATE locks the row and judges the lease on its latest version): a write with nothing else to store (a 304,
 * an error) is this one statement, with no transaction around it.
 */
async function recordFetch(
  q: Queryable,
  w: FetchWrite,
  result: UpsertResult,
  lease?: { owner: string; now: string },
): Promise<boolean> {
  const record = recordParams(w.sourceId, w.record, { guidReuse: w.guidReuse });
  const log = fetchLogValues({
    ...w.log,
    sourceId: w.sourceId,
    newCount: result.inserted.length,
    updatedCount: result.updated.length,
    unchangedCount: result.unchanged,
  });
  // The log row's source id comes from the UPDATE (no row when the fence refused); its other values follow $17.
  const rest = log.slice(1);
  const at = record.length;
  const fence = lease ? ` AND lease_owner = $${at + rest.length + 1} AND lease_until > $${at + rest.length + 2}` : '';
  const { rowCount } = await q.query(
    `WITH recorded AS (UPDATE sources SET ${RECORD_SET} WHERE id = $1${fence} RETURNING id)
     INSERT INTO fetch_log (${FETCH_LOG_COLUMNS})
     SELECT recorded.id, ${rest.map((_, i) => `$${at + i + 1}`).join(', ')} FROM recorded`,
    [...record, ...rest, ...(lease ? [lease.owner, lease.now] : [])],
  );
  return (rowCount ?? 0) > 0;
}

const NOTHING: UpsertResult = { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };

/** `owner` writes what it fetched for `w.sourceId`, if it still holds the lease at `now`. */
export async function storeFetch(db: PgDb, owner: string, now: string, w: FetchWrite): Promise<FetchWriteResult> {
  const strays = w.entries.filter((e) => e.sourceId !== w.sourceId);
  if (strays.length) throw new Error(`${w.sourceId}: the write holds entries of ${strays[0]?.sourceId}`);
  if (!w.entries.length) {
    if (await recordFetch(db, w, NOTHING, { owner, now })) return { stored: true, result: NOTHING };
    return refused(await new PgSourceRepo(db).holdLease(w.sourceId, owner, now));
  }
  return retried(() => write(db, owner, now, w));
}

/**
 * Two writers' story updates can meet in a deadlock (each holding rows the other folds) or find a story another just
 * merged away (a foreign key error): PostgreSQL rolls one back, and it runs again from the start, seeing the other's
 * commit.
 */
async function retried<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (n >= attempts || !(code === '40P01' || code === '40001' || code === '23503')) throw err;
    }
  }
}

async function write(db: PgDb, owner: string, now: string, w: FetchWrite): Promise<FetchWriteResult> {
  return db.transaction(async (tx) => {
    const sources = new PgSourceRepo(tx);
    const lease = await sources.holdLease(w.sourceId, owner, now);
    // Returning before any write: the transaction commits nothing.
    if (!lease.held) return refused(lease);
    const result = await new PgEntryRepo(tx).upsert(w.entries, w.record.fetchedAt);
    if (w.tags) {
      const tags = new PgTagRepo(tx);
      const item = (e: StoredEntry) => ({ entryId: e.id, publishedAt: e.publishedAt, tags: w.tags?.[e.key] ?? [] });
      await tags.replaceMany(result.inserted.map(item), { fresh: true });
      await tags.replaceMany(result.updated.map(item));
    }
    const storiesMade = w.stories ? await w.stories(new PgStoryRepo(tx), result) : undefined;
    await recordFetch(tx, w, result);
    // What these tags were made with, so that a retag after an edit knows which entries it can change. Last: it
    // locks the version's row, which every worker's write touches, until the commit.
    if (w.tags && w.tagVersion && (result.inserted.length || result.updated.length))
      await new PgTagVersionRepo(tx).touch(w.tagVersion);
    return { stored: true, result, ...(storiesMade !== undefined ? { storiesMade } : {}) };
  });
}

function refused(lease: { holder?: string }): FetchWriteResult {
  return { stored: false, ...(lease.holder ? { holder: lease.holder } : {}) };
}
