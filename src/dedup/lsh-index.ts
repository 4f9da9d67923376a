// An in-memory LSH bucket index over recent entries. The durable copy is story_keys (each entry's band hashes);
// this is a cache of it, so a lookup costs a few map reads instead of database seeks, and an insert costs nothing
// at commit time. Pure data structure: the store feeds it, the detector queries it.
//
// Stored in typed arrays rather than a Map of arrays: with a Map, each of an entry's 16 buckets cost a boxed 52-bit
// key, a map slot and a small array, ~1.9 KB an entry, so the worker's memory grew with every entry a cycle stored
// (110 MB at 60,000). Here an entry costs its slot with its bands, one posting per band and its share of the bucket
// table. Each slot's bands were an array of boxed numbers and the table was rebuilt to a third full: 96 MB of the
// worker's heap at 60,000 entries; packed, and rebuilt to at most half full, a cold cycle of 3,000 sources peaks
// 54 MB lower (#14). A posting is its band's place in the slot's bands (no entry number of its own), and the bucket
// table holds only the head of each list (its band is read through the head): 3,000 sources store 60,000 entries,
// whose index took 42 MB of the worker's memory (and 36 MB more while the table was rebuilt); now about half (#14).

export interface IndexedKey {
  entryId: number;
  sourceId: string;
  /** Publication time, epoch seconds. */
  at: number;
  bands: readonly number[];
}

const EMPTY = -1;
/** A bucket whose postings all left: probing goes on past it, and a new bucket may take its place. */
const EMPTIED = -2;
/** The bucket table is rebuilt when live and emptied buckets fill this share of it... */
const MAX_LOAD = 0.7;
/** ...into a table that its live buckets fill to at most this share (a power of two: between a quarter and a half). */
const REBUILT_LOAD = 0.5;

export class LshIndex {
  /**
   * Open addressing over band hashes: each place holds the first posting of a bucket (its band is that posting's),
   * EMPTY or EMPTIED. Band hashes are below 2^52, so exact as doubles.
   */
  private heads = new Int32Array(1024).fill(EMPTY);
  /** Places in `heads` that are not EMPTY: an emptied bucket counts until the next rebuild. */
  private used = 0;
  // Entry slots: what a lookup filters on.
  private slotId = new Float64Array(256);
  private slotAt = new Float64Array(256);
  private slotSource = new Int32Array(256);
  /**
   * Each slot's bands, `stride` places a slot (`slotBandCount` used). Place `slot * stride + k` is also the posting of
   * the slot's k-th band: `postNext` there chains its bucket, newest first.
   */
  private slotBands = new Float64Array(256 * 16);
  private postNext = new Int32Array(256 * 16);
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
    const first = slot * this.stride;
    for (let k = 0; k < key.bands.length; k++) {
      if ((this.used + 1) / this.heads.length > MAX_LOAD) this.rebuild();
      const p = first + k;
      const i = this.placeFor(this.slotBands[p]);
      const head = this.heads[i];
      if (head === EMPTY) this.used++;
      this.postNext[p] = head >= 0 ? head : EMPTY;
      this.heads[i] = p;
    }
  }

  remove(entryId: number): void {
    const slot = this.entries.get(entryId);
    if (slot === undefined) return;
    this.entries.delete(entryId);
    const first = slot * this.stride;
    for (let p = first; p < first + this.slotBandCount[slot]; p++) {
      const i = this.placeOf(this.slotBands[p]);
      if (i < 0) continue;
      let prev = EMPTY;
      for (let q = this.heads[i]; q !== EMPTY; prev = q, q = this.postNext[q]) {
        if (q !== p) continue;
        if (prev !== EMPTY) this.postNext[prev] = this.postNext[q];
        else this.heads[i] = this.postNext[q] === EMPTY ? EMPTIED : this.postNext[q];
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
      const i = this.placeOf(b);
      if (i < 0) continue;
      for (let p = this.heads[i], seen = 0; p !== EMPTY && seen < scanPerBucket; p = this.postNext[p], seen++) {
        const slot = Math.floor(p / this.stride);
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

  /** The place of `band`'s bucket (with postings), or -1. */
  private placeOf(band: number): number {
    const mask = this.heads.length - 1;
    // Band hashes are uniform: their low 32 bits spread as well as any mix of them would.
    for (let i = ((band % 4294967296) >>> 0) & mask; ; i = (i + 1) & mask) {
      const head = this.heads[i];
      if (head === EMPTY) return -1;
      if (head >= 0 && this.slotBands[head] === band) return i;
    }
  }

  /** The place of `band`'s bucket, or the place a new bucket for it takes: the first emptied one on the way, if any. */
  private placeFor(band: number): number {
    const mask = this.heads.length - 1;
    let emptied = -1;
    for (let i = ((band % 4294967296) >>> 0) & mask; ; i = (i + 1) & mask) {
      const head = this.heads[i];
      if (head === EMPTY) return emptied >= 0 ? emptied : i;
      if (head === EMPTIED) {
        if (emptied < 0) emptied = i;
      } else if (this.slotBands[head] === band) return i;
    }
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
      this.postNext = grow(this.postNext, new Int32Array(cap * this.stride));
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

  /** Wider slots move every posting: each list is carried over, in order, to its postings' new places. */
  private widen(stride: number): void {
    const old = this.stride;
    const moved = (p: number) => (p < 0 ? p : Math.floor(p / old) * stride + (p % old));
    const bands = new Float64Array(this.slotId.length * stride);
    const next = new Int32Array(this.slotId.length * stride);
    for (let s = 0; s < this.slotTop; s++) {
      for (let k = 0; k < this.slotBandCount[s]; k++) {
        bands[s * stride + k] = this.slotBands[s * old + k];
        next[s * stride + k] = moved(this.postNext[s * old + k]);
      }
    }
    for (let i = 0; i < this.heads.length; i++) this.heads[i] = moved(this.heads[i]);
    this.slotBands = bands;
    this.postNext = next;
    this.stride = stride;
  }

  /** A new table sized for the buckets that still have postings (emptied ones are dropped), lists kept in order. */
  private rebuild(): void {
    const old = this.heads;
    // Counted afresh: the table must have room for every bucket it takes, or a probe would never end.
    let live = 0;
    for (let i = 0; i < old.length; i++) if (old[i] >= 0) live++;
    let capacity = 1024;
    while ((live + 1) / capacity > REBUILT_LOAD) capacity *= 2;
    this.heads = new Int32Array(capacity).fill(EMPTY);
    this.used = 0;
    for (let i = 0; i < old.length; i++) {
      const head = old[i];
      if (head < 0) continue;
      this.heads[this.placeFor(this.slotBands[head])] = head;
      this.used++;
    }
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
