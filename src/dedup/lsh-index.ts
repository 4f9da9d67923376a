// An in-memory LSH bucket index over recent entries. The durable copy is story_keys (each entry's band hashes);
// this is a cache of it, so a lookup costs a few map reads instead of database seeks, and an insert costs nothing
// at commit time. Pure data structure: the store feeds it, the detector queries it.
//
// Stored in typed arrays rather than a Map of arrays: with a Map, each of an entry's 16 buckets cost a boxed 52-bit
// key, a map slot and a small array, ~1.9 KB an entry, so the worker's memory grew with every entry a cycle stored
// (110 MB at 60,000). Here an entry costs its slot with its bands, one posting per band and its share of the bucket
// table. Each slot's bands were an array of boxed numbers and the table was rebuilt to a third full: 96 MB of the
// worker's heap at 60,000 entries; packed, and rebuilt to at most half full, a cold cycle of 3,000 sources peaks
// 54 MB lower (#14).

export interface IndexedKey {
  entryId: number;
  sourceId: string;
  /** Publication time, epoch seconds. */
  at: number;
  bands: readonly number[];
}

const EMPTY = -1;
/** The bucket table is rebuilt when live and dead keys fill this share of it... */
const MAX_LOAD = 0.7;
/** ...into a table that its live keys fill to at most this share (a power of two: between a quarter and a half). */
const REBUILT_LOAD = 0.5;

/** Open addressing over band hashes (below 2^52, so exact as doubles): each key heads a list of postings. */
class BucketTable {
  keys: Float64Array;
  heads: Int32Array;
  /** Slots holding a key, with or without postings left: an emptied bucket stays until the next rebuild. */
  used = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.heads = new Int32Array(capacity).fill(EMPTY);
    this.keys.fill(-1);
  }

  get capacity(): number {
    return this.keys.length;
  }

  /** The table slot of `band`, or of the empty slot where it would go. */
  slotOf(band: number): number {
    const mask = this.capacity - 1;
    // Band hashes are uniform: their low 32 bits spread as well as any mix of them would.
    let i = ((band % 4294967296) >>> 0) & mask;
    for (;;) {
      const k = this.keys[i];
      if (k === band || k === -1) return i;
      i = (i + 1) & mask;
    }
  }
}

export class LshIndex {
  private table = new BucketTable(1024);
  // Postings: one per (entry, band), chained newest first from the bucket's head.
  private postEntry = new Int32Array(4096);
  private postNext = new Int32Array(4096);
  private postTop = 0;
  private freePost = EMPTY;
  // Entry slots: what a lookup filters on.
  private slotId = new Float64Array(256);
  private slotAt = new Float64Array(256);
  private slotSource = new Int32Array(256);
  /** Each slot's bands (kept to unlink its postings when the entry leaves): `stride` places a slot, `slotBandCount` used. */
  private slotBands = new Float64Array(256 * 16);
  private slotBandCount = new Uint8Array(256);
  private stride = 16;
  private slotTop = 0;
  private readonly freeSlots: number[] = [];
  /** Entry id -> its slot. */
  private readonly entries = new Map<number, number>();
  /** Source ids interned: a slot holds a number. */
  private readonly sourceIndex = new Map<string, number>();

  get size(): number {
    return this.entries.size;
  }

  has(entryId: number): boolean {
    return this.entries.has(entryId);
  }

  add(key: IndexedKey): void {
    if (this.entries.has(key.entryId)) this.remove(key.entryId);
    const slot = this.newSlot();
    this.slotId[slot] = key.entryId;
    this.slotAt[slot] = key.at;
    this.slotSource[slot] = this.sourceNumber(key.sourceId);
    this.keepBands(slot, key.bands);
    this.entries.set(key.entryId, slot);
    for (const b of key.bands) {
      if ((this.table.used + 1) / this.table.capacity > MAX_LOAD) this.rebuild();
      const i = this.table.slotOf(b);
      if (this.table.keys[i] === -1) {
        this.table.keys[i] = b;
        this.table.used++;
      }
      const p = this.newPosting();
      this.postEntry[p] = slot;
      this.postNext[p] = this.table.heads[i];
      this.table.heads[i] = p;
    }
  }

  remove(entryId: number): void {
    const slot = this.entries.get(entryId);
    if (slot === undefined) return;
    this.entries.delete(entryId);
    const first = slot * this.stride;
    for (let k = first; k < first + this.slotBandCount[slot]; k++) {
      const i = this.table.slotOf(this.slotBands[k]);
      let prev = EMPTY;
      for (let p = this.table.heads[i]; p !== EMPTY; prev = p, p = this.postNext[p]) {
        if (this.postEntry[p] !== slot) continue;
        if (prev === EMPTY) this.table.heads[i] = this.postNext[p];
        else this.postNext[prev] = this.postNext[p];
        this.postNext[p] = this.freePost;
        this.freePost = p;
        break;
      }
    }
    this.freeSlots.push(slot);
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
    const excludedSource = exclude.sourceId === undefined ? -2 : (this.sourceIndex.get(exclude.sourceId) ?? -2);
    for (const b of bands) {
      const i = this.table.slotOf(b);
      if (this.table.keys[i] !== b) continue;
      for (let p = this.table.heads[i], seen = 0; p !== EMPTY && seen < scanPerBucket; p = this.postNext[p], seen++) {
        const slot = this.postEntry[p];
        const id = this.slotId[slot];
        if (id === exclude.entryId) continue;
        const at = this.slotAt[slot];
        if (at < lo || at > hi || this.slotSource[slot] === excludedSource) continue;
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    return shared;
  }

  /** Drops entries published before `cutoff` (epoch seconds); returns how many. */
  pruneBefore(cutoff: number): number {
    let n = 0;
    for (const [id, slot] of this.entries) {
      if (this.slotAt[slot] < cutoff) {
        this.remove(id);
        n++;
      }
    }
    return n;
  }

  private sourceNumber(sourceId: string): number {
    let n = this.sourceIndex.get(sourceId);
    if (n === undefined) {
      n = this.sourceIndex.size;
      this.sourceIndex.set(sourceId, n);
    }
    return n;
  }

  private newSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    if (this.slotTop === this.slotId.length) {
      const cap = this.slotId.length * 2;
      this.slotId = grow(this.slotId, new Float64Array(cap));
      this.slotAt = grow(this.slotAt, new Float64Array(cap));
      this.slotSource = grow(this.slotSource, new Int32Array(cap));
      this.slotBands = grow(this.slotBands, new Float64Array(cap * this.stride));
      this.slotBandCount = grow(this.slotBandCount, new Uint8Array(cap));
    }
    return this.slotTop++;
  }

  /** Keeps a slot's bands; more bands than a slot has room for (new sketch settings) widen every slot first. */
  private keepBands(slot: number, bands: readonly number[]): void {
    if (bands.length > 255) throw new Error(`an LSH key of ${bands.length} bands (at most 255)`);
    if (bands.length > this.stride) this.widen(bands.length);
    this.slotBands.set(bands, slot * this.stride);
    this.slotBandCount[slot] = bands.length;
  }

  private widen(stride: number): void {
    const wider = new Float64Array(this.slotId.length * stride);
    for (let s = 0; s < this.slotTop; s++)
      wider.set(this.slotBands.subarray(s * this.stride, s * this.stride + this.slotBandCount[s]), s * stride);
    this.slotBands = wider;
    this.stride = stride;
  }

  private newPosting(): number {
    if (this.freePost !== EMPTY) {
      const p = this.freePost;
      this.freePost = this.postNext[p];
      return p;
    }
    if (this.postTop === this.postEntry.length) {
      const cap = this.postEntry.length * 2;
      this.postEntry = grow(this.postEntry, new Int32Array(cap));
      this.postNext = grow(this.postNext, new Int32Array(cap));
    }
    return this.postTop++;
  }

  /** A new table sized for the buckets that still have postings (emptied ones are dropped), lists kept in order. */
  private rebuild(): void {
    const old = this.table;
    // Counted afresh: the table must have room for every bucket it takes, or a probe would never end.
    let live = 0;
    for (let i = 0; i < old.capacity; i++) if (old.heads[i] !== EMPTY) live++;
    let capacity = 1024;
    while ((live + 1) / capacity > REBUILT_LOAD) capacity *= 2;
    const next = new BucketTable(capacity);
    for (let i = 0; i < old.capacity; i++) {
      if (old.heads[i] === EMPTY) continue;
      const j = next.slotOf(old.keys[i]);
      next.keys[j] = old.keys[i];
      next.heads[j] = old.heads[i];
      next.used++;
    }
    this.table = next;
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
