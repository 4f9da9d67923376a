// An in-memory LSH bucket index over recent entries. The durable copy is story_keys (each entry's band hashes);
// this is a cache of it, so a lookup costs a few map reads instead of database seeks, and an insert costs nothing
// at commit time. Pure data structure: the store feeds it, the detector queries it.

export interface IndexedKey {
  entryId: number;
  sourceId: string;
  /** Publication time, epoch seconds. */
  at: number;
  bands: readonly number[];
}

export class LshIndex {
  private readonly buckets = new Map<number, number[]>();
  private readonly keys = new Map<number, IndexedKey>();

  get size(): number {
    return this.keys.size;
  }

  has(entryId: number): boolean {
    return this.keys.has(entryId);
  }

  add(key: IndexedKey): void {
    if (this.keys.has(key.entryId)) this.remove(key.entryId);
    this.keys.set(key.entryId, key);
    for (const b of key.bands) {
      const ids = this.buckets.get(b);
      if (ids) ids.push(key.entryId);
      else this.buckets.set(b, [key.entryId]);
    }
  }

  remove(entryId: number): void {
    const key = this.keys.get(entryId);
    if (!key) return;
    this.keys.delete(entryId);
    for (const b of key.bands) {
      const ids = this.buckets.get(b);
      if (!ids) continue;
      const i = ids.indexOf(entryId);
      if (i >= 0) ids.splice(i, 1);
      if (!ids.length) this.buckets.delete(b);
    }
  }

  /**
   * Entries sharing at least one bucket with `bands`, published within [lo, hi], other than the excluded entry and
   * source, with how many buckets they share.
   * Each bucket is read from its newest entries back, at most `scanPerBucket` of them: a flood of near-identical
   * entries (one site's boilerplate) cannot make a lookup slow.
   */
  query(
    bands: readonly number[],
    lo: number,
    hi: number,
    exclude: { entryId: number; sourceId?: string },
    scanPerBucket = 64,
  ): Map<number, number> {
    const shared = new Map<number, number>();
    for (const b of bands) {
      const ids = this.buckets.get(b);
      if (!ids) continue;
      for (let i = ids.length - 1, seen = 0; i >= 0 && seen < scanPerBucket; i--, seen++) {
        const id = ids[i];
        if (id === exclude.entryId) continue;
        const key = this.keys.get(id);
        if (!key || key.at < lo || key.at > hi || key.sourceId === exclude.sourceId) continue;
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    return shared;
  }

  /** Drops entries published before `cutoff` (epoch seconds); returns how many. */
  pruneBefore(cutoff: number): number {
    let n = 0;
    for (const [id, key] of this.keys) {
      if (key.at < cutoff) {
        this.remove(id);
        n++;
      }
    }
    return n;
  }
}
