// What the worker remembers between cycles of the items it stored (dedup/seen.ts): per source, the fingerprints of
// the last document stored from it, 8 bytes an item. In memory only: after a restart the first cycle prepares every
// item again, as before. Each source's memory holds only while this worker is the one that last fetched the source
// (its last fetch time, as recorded, is the one this worker wrote): after a `wireroom fetch` from another process, or
// another worker of a fleet, stored rows may have changed under it, and it is dropped.
interface Remembered {
  fingerprints: Float64Array;
  /** The fetch time this worker recorded for the source last. */
  fetchedAt: string;
}

export class SeenItems {
  private readonly bySource = new Map<string, Remembered>();

  /** The source's last stored document's fingerprints, if this worker fetched the source last (else none). */
  of(sourceId: string, lastFetchAt: string | undefined): Float64Array {
    const r = this.bySource.get(sourceId);
    if (!r) return EMPTY;
    if (r.fetchedAt === lastFetchAt) return r.fingerprints;
    this.bySource.delete(sourceId);
    return EMPTY;
  }

  /** Once a document's entries are committed (with the fetch recorded at `fetchedAt`): its items are the ones seen. */
  remember(sourceId: string, fingerprints: Float64Array, fetchedAt: string): void {
    this.bySource.set(sourceId, { fingerprints, fetchedAt });
  }

  /** A fetch that stored no document (not modified, an error) was still this worker's: what it remembers holds. */
  fetched(sourceId: string, fetchedAt: string): void {
    const r = this.bySource.get(sourceId);
    if (r) r.fetchedAt = fetchedAt;
  }

  /** Sources no longer configured need not be remembered. */
  keepOnly(sourceIds: ReadonlySet<string>): void {
    for (const id of this.bySource.keys()) if (!sourceIds.has(id)) this.bySource.delete(id);
  }
}

const EMPTY = new Float64Array(0);
