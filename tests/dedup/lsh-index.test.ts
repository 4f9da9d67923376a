// The compact LSH index against a plain reference (a Map of arrays, what the index was before it was packed into
// typed arrays): the same answers over random adds, re-adds, removals, prunes and lookups, including hot buckets
// longer than a lookup's scan limit, enough keys to make the bucket table grow and be rebuilt, and keys of more bands
// than the index first made room for; answers in the reference's order; bands kept whole (52 bits).
import { describe, expect, it } from 'vitest';
import { LshIndex, type IndexedKey } from '../../src/dedup/index.ts';
import { prng } from '../helpers/prng.ts';

class ReferenceIndex {
  private readonly buckets = new Map<number, number[]>();
  private readonly keys = new Map<number, IndexedKey>();
  get size(): number {
    return this.keys.size;
  }
  add(key: IndexedKey): void {
    if (this.keys.has(key.entryId)) this.remove(key.entryId);
    this.keys.set(key.entryId, key);
    for (const b of key.bands) this.buckets.set(b, [...(this.buckets.get(b) ?? []), key.entryId]);
  }
  remove(entryId: number): void {
    const key = this.keys.get(entryId);
    if (!key) return;
    this.keys.delete(entryId);
    for (const b of key.bands) {
      const ids = (this.buckets.get(b) ?? []).filter((id) => id !== entryId);
      if (ids.length) this.buckets.set(b, ids);
      else this.buckets.delete(b);
    }
  }
  query(bands: readonly number[], lo: number, hi: number, ex: { entryId: number; sourceId?: string }, scan = 64) {
    const shared = new Map<number, number>();
    for (const b of bands) {
      const ids = this.buckets.get(b) ?? [];
      for (let i = ids.length - 1, seen = 0; i >= 0 && seen < scan; i--, seen++) {
        const key = this.keys.get(ids[i])!;
        if (key.entryId === ex.entryId || key.at < lo || key.at > hi || key.sourceId === ex.sourceId) continue;
        shared.set(key.entryId, (shared.get(key.entryId) ?? 0) + 1);
      }
    }
    return shared;
  }
  pruneBefore(cutoff: number): number {
    const old = [...this.keys.values()].filter((k) => k.at < cutoff);
    for (const k of old) this.remove(k.entryId);
    return old.length;
  }
}

describe('LshIndex', () => {
  it('answers as the reference does over a random history with hot buckets, removals and prunes', () => {
    const rand = prng(20261130);
    const int = (n: number) => Math.floor(rand() * n);
    // A few hot bucket hashes shared by many entries (past the scan limit), the rest near-unique 52-bit hashes.
    const hot = Array.from({ length: 6 }, () => int(2 ** 52));
    const band = () => (rand() < 0.15 ? hot[int(hot.length)] : int(2 ** 52));
    const index = new LshIndex();
    const ref = new ReferenceIndex();
    const made: IndexedKey[] = [];
    let queries = 0;
    let nonEmpty = 0;
    for (let step = 0; step < 12_000; step++) {
      const r = rand();
      if (r < 0.6 || made.length === 0) {
        // New entries, or a re-add of an old id with new bands (an edited entry).
        const entryId = rand() < 0.1 && made.length ? made[int(made.length)].entryId : step + 1;
        // Halfway, keys of more bands than the index first made room for come (sketch settings changed).
        const bands = Array.from({ length: step > 6000 && rand() < 0.5 ? 24 : 8 }, band);
        const key = { entryId, sourceId: `s${int(40)}`, at: 1000 + int(5000), bands };
        made.push(key);
        index.add(key);
        ref.add(key);
      } else if (r < 0.7) {
        const id = made[int(made.length)].entryId;
        index.remove(id);
        ref.remove(id);
      } else if (r < 0.705) {
        const cutoff = 1000 + int(2500);
        expect(index.pruneBefore(cutoff)).toBe(ref.pruneBefore(cutoff));
      } else {
        // Bands from a stored entry (hits), with some fresh ones (misses); windows and exclusions vary.
        const like = made[int(made.length)];
        const bands = like.bands.map((b) => (rand() < 0.3 ? int(2 ** 52) : b));
        const lo = 1000 + int(3000);
        const ex = { entryId: like.entryId, sourceId: rand() < 0.5 ? like.sourceId : undefined };
        const scan = rand() < 0.5 ? 64 : 3;
        const hi = lo + int(3000);
        const got = index.query(bands, lo, hi, ex, scan);
        // In the same order too: bands in turn, each bucket newest first (what the detector reads ties in).
        expect([...got]).toEqual([...ref.query(bands, lo, hi, ex, scan)]);
        queries++;
        if (got.size) nonEmpty++;
      }
      expect(index.size).toBe(ref.size);
    }
    expect(queries).toBeGreaterThan(2000);
    expect(nonEmpty).toBeGreaterThan(500);
  });

  it('keeps whole 52-bit bands: bands equal in their low 32 bits only are other buckets', () => {
    const index = new LshIndex();
    const low = 123_456_789;
    index.add({ entryId: 1, sourceId: 'a', at: 10, bands: [2 ** 32 * 5 + low, 2 ** 52 - 1] });
    index.add({ entryId: 2, sourceId: 'b', at: 10, bands: [2 ** 32 * 6 + low, 0] });
    expect([...index.query([2 ** 32 * 5 + low], 0, 20, { entryId: 0 })]).toEqual([[1, 1]]);
    expect([...index.query([2 ** 32 * 6 + low, 0], 0, 20, { entryId: 0 })]).toEqual([[2, 2]]);
    expect([...index.query([2 ** 52 - 1], 0, 20, { entryId: 0 })]).toEqual([[1, 1]]);
    expect([...index.query([low], 0, 20, { entryId: 0 })]).toEqual([]);
  });

  it('refuses a band that is not a 52-bit hash, and leaves the entry as it was', () => {
    const index = new LshIndex();
    index.add({ entryId: 1, sourceId: 'a', at: 10, bands: [7, 8] });
    for (const bad of [2 ** 52, -1, 1.5, NaN])
      expect(() => index.add({ entryId: 1, sourceId: 'a', at: 10, bands: [9, bad] })).toThrow(/52/);
    expect(index.size).toBe(1);
    expect([...index.query([7, 8, 9], 0, 20, { entryId: 0 })]).toEqual([[1, 2]]);
  });
});
