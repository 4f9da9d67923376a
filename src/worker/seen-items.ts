// What the worker remembers between cycles of the items it stored (dedup/seen.ts): per source, the fingerprints of
// the last document stored from it, 8 bytes an item. In memory only: after a restart the first cycle prepares every
// item again, as before.
export class SeenItems {
  private readonly bySource = new Map<string, Float64Array>();

  /** The source's last stored document's fingerprints (none yet: an empty list). */
  of(sourceId: string): Float64Array {
    return this.bySource.get(sourceId) ?? EMPTY;
  }

  /** Once the document's entries are committed: its items are the ones seen. */
  remember(sourceId: string, fingerprints: Float64Array): void {
    this.bySource.set(sourceId, fingerprints);
  }

  /** Sources no longer configured need not be remembered. */
  keepOnly(sourceIds: ReadonlySet<string>): void {
    for (const id of this.bySource.keys()) if (!sourceIds.has(id)) this.bySource.delete(id);
  }
}

const EMPTY = new Float64Array(0);
