// A worker's final write for one fetched source, in one transaction: first the fence (does this worker still hold
// the source's lease?), then the entries in one statement, their tags batched, the source's fetch state (which ends
// the lease) and a fetch_log row. A worker whose lease ran out or was taken writes nothing and is told so.
import type { Entry, Tag } from '../../types.ts';
import type { UpsertResult } from '../entries.ts';
import type { FetchLogRecord } from '../fetch-log.ts';
import type { FetchRecord } from '../sources.ts';
import type { PgDb } from './connect.ts';
import { PgEntryRepo } from './entries.ts';
import { PgFetchLogRepo } from './fetch-log.ts';
import { PgSourceRepo } from './sources.ts';
import { PgTagRepo } from './tags.ts';

export interface FetchWrite {
  sourceId: string;
  /** The prepared entries, stored in this order (the worker passes them oldest first). */
  entries: readonly Entry[];
  /** Computed tags by entry key (PreparedDocument.tags); absent: tags are not touched. */
  tags?: Record<string, Tag[]>;
  /** The feed was found reusing guids for different links (SourceRepo.markGuidReuse). */
  guidReuse?: boolean;
  record: FetchRecord;
  /** The fetch_log row; its counts come from what the write stored. */
  log: Omit<FetchLogRecord, 'sourceId' | 'newCount' | 'updatedCount' | 'unchangedCount'>;
}

export type FetchWriteResult =
  | { stored: true; result: UpsertResult }
  /** Nothing was written: the lease ran out (holder absent) or another worker holds it now. */
  | { stored: false; holder?: string };

/** `owner` writes what it fetched for `w.sourceId`, if it still holds the lease at `now`. */
export async function storeFetch(db: PgDb, owner: string, now: string, w: FetchWrite): Promise<FetchWriteResult> {
  const strays = w.entries.filter((e) => e.sourceId !== w.sourceId);
  if (strays.length) throw new Error(`${w.sourceId}: the write holds entries of ${strays[0]?.sourceId}`);
  return db.transaction(async (tx) => {
    const sources = new PgSourceRepo(tx);
    const lease = await sources.holdLease(w.sourceId, owner, now);
    // Returning before any write: the transaction commits nothing.
    if (!lease.held) return { stored: false, ...(lease.holder ? { holder: lease.holder } : {}) };
    const result: UpsertResult = w.entries.length
      ? await new PgEntryRepo(tx).upsert(w.entries, w.record.fetchedAt)
      : { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };
    if (w.tags) {
      const tagsOf = (e: Entry) => w.tags?.[e.key] ?? [];
      const tags = new PgTagRepo(tx);
      const item = (e: { id: number; publishedAt: string; key: string } & Entry) => ({
        entryId: e.id,
        publishedAt: e.publishedAt,
        tags: tagsOf(e),
      });
      await tags.replaceMany(result.inserted.map(item), { fresh: true });
      await tags.replaceMany(result.updated.map(item));
    }
    await sources.record(w.sourceId, w.record, { guidReuse: w.guidReuse });
    await new PgFetchLogRepo(tx).add({
      ...w.log,
      sourceId: w.sourceId,
      newCount: result.inserted.length,
      updatedCount: result.updated.length,
      unchangedCount: result.unchanged,
    });
    return { stored: true, result };
  });
}
