// An in-memory LSH bucket index over recent entries. The durable copy is story_keys (each entry's band hashes);
// this is a cache of it, so a lookup costs a few map reads instead of database seeks, and an insert costs nothing
// at commit time. Pure data structure: the store feeds it, the detector queries it.
//
// Stored in typed arrays rather than a Map of arrays: with a Map, each of an entry's 16 buckets cost a boxed 52-bit
// key, a map slot and a small array, ~1.9 KB an entry, so the worker's memory grew with every entry a cycle stored
// (110 MB at 60,000). Here an entry costs its slot (id, time, source) and one posting per band. A posting is its
// band's 52 bits and the next posting of its list, packed into 10 bytes (a band as a double and a 4-byte link took
// 12); postings live in chunks of a fixed number of slots, so the index grows by a chunk and never copies itself
// (doubling arrays left up to half their room unused, and held the old and the new copy while growing). Lists hang
// off a chained hash table on a band's low bits with one or two postings a place, walked comparing whole bands:
// an open-addressing table of one place a bucket, kept at most 70% full, took 4-11 bytes a posting. 60,000 entries
// of 16 bands: 21.3 MB of typed arrays and 1.9 MB of heap -> about 13 MB (#14).

export interface IndexedKey {
  entryId: number;
  sourceId: string;
  /** Publication time, epoch seconds. */
  at: number;
  bands: readonly number[];
}

/** No posting: a list's end or an empty place (28 bits: a posting number is at most this less one). */
const END = 0x0fffffff;
const TWO_32 = 4294967296;
/** Band hashes are 52 bits (similarity.ts bandHashes: 20 + 32): the high 20 share a word with a link's low 12. */
const HIGH_BITS = 20;
/** Slots per postings chunk (2^12). */
const CHUNK_SHIFT = 12;
const CHUNK_SLOTS = 1 << CHUNK_SHIFT;
/** The hash table doubles when its lists average more than this many postings a place. */
const MAX_CHAIN = 2;
const EMPTY_SLOT = -1;

export class LshIndex {
  /** A place per band hash's low bits: the newest posting of the list there (bands of several buckets mixed). */
  private heads = new Uint32Array(1024).fill(END);
  private postings = 0;
  // Entry slots: what a lookup filters on. A free slot's time is NaN.
  private slotId = new Float64Array(256);
  private slotAt = new Float64Array(256);
  private slotSource = new Int32Array(256);
  private slotBandCount = new Uint8Array(256);
  /** Room for 2^strideShift bands a slot: posting `(slot << strideShift) + k` is the slot's k-th band. */
  private strideShift = 4;
  /**
   * Per chunk of CHUNK_SLOTS slots, two words a posting: the band's low 32 bits, then its high 20 bits above the low 12
   * bits of the next posting in its list...
   */
  private words: Int32Array[] = [];
  /** ...and a half-word a posting: the next posting's bits above those 12. */
  private nextHigh: Uint16Array[] = [];
  private slotTop = 0;
  private readonly freeSlots: number[] = [];
  /** Entry id -> slot: open addressing (linear probing) over slot numbers, keyed by slotId; EMPTY_SLOT when free. */
  private idTable = new Int32Array(1024).fill(EMPTY_SLOT);
  private idBits = 10;
  private count = 0;
  /** Source ids interned: a slot holds a number. */
  private readonly sourceIndex = new Map<string, number>();

  get size(): number {
    return this.count;
  }

  has(entryId: number): boolean {
    return this.idTable[this.idPlace(entryId)] !== EMPTY_SLOT;
  }

  add(key: IndexedKey): void {
    if (key.bands.length > 255) throw new Error(`an LSH key of ${key.bands.length} bands (at most 255)`);
    for (const band of key.bands)
      if (!(Number.isInteger(band) && band >= 0 && band < 2 ** (32 + HIGH_BITS)))
        throw new Error(`an LSH band hash outside 0..2^52: ${band}`);
    if (this.has(key.entryId)) this.remove(key.entryId);
    while (key.bands.length > 1 << this.strideShift) this.widen(this.strideShift + 1);
    const slot = this.newSlot();
    this.slotId[slot] = key.entryId;
    this.slotAt[slot] = key.at;
    this.slotSource[slot] = this.sourceNumber(key.sourceId);
    this.slotBandCount[slot] = key.bands.length;
    this.keepId(slot);
    const first = slot << this.strideShift;
    for (let k = 0; k < key.bands.length; k++) {
      const band = key.bands[k] as number;
      if (this.postings + 1 > this.heads.length * MAX_CHAIN) this.growTable();
      const p = first + k;
      const low = (band % TWO_32) | 0;
      const high = Math.floor(band / TWO_32);
      const i = placeHash(low, high) & (this.heads.length - 1);
      this.setPosting(p, low, high, this.heads[i] as number);
      this.heads[i] = p;
      this.postings++;
    }
  }

  remove(entryId: number): void {
    const place = this.idPlace(entryId);
    const slot = this.idTable[place] as number;
    if (slot === EMPTY_SLOT) return;
    this.dropId(place);
    const first = slot << this.strideShift;
    const mask = this.heads.length - 1;
    for (let p = first; p < first + (this.slotBandCount[slot] as number); p++) {
      const i = placeHash(this.lowOf(p), this.highOf(p)) & mask;
      let prev = END;
      for (let q = this.heads[i] as number; q !== END; prev = q, q = this.nextOf(q)) {
        if (q !== p) continue;
        if (prev !== END) this.setNext(prev, this.nextOf(q));
        else this.heads[i] = this.nextOf(q);
        this.postings--;
        break;
      }
    }
    this.slotId[slot] = NaN;
    this.slotAt[slot] = NaN;
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
    const mask = this.heads.length - 1;
    const shift = this.strideShift;
    // The posting accessors, inlined: a hot bucket's list is walked 64 postings at a time.
    const chunkShift = shift + CHUNK_SHIFT;
    const local = (CHUNK_SLOTS << shift) - 1;
    for (const b of bands) {
      const low = (b % TWO_32) | 0;
      const high = Math.floor(b / TWO_32);
      let seen = 0;
      for (let p = this.heads[placeHash(low, high) & mask] as number; p !== END && seen < scanPerBucket;) {
        const c = p >>> chunkShift;
        const l = p & local;
        const w = this.words[c] as Int32Array;
        const hiNext = w[2 * l + 1] as number;
        const q = p;
        p = (((this.nextHigh[c] as Uint16Array)[l] as number) << 12) | (hiNext & 0xfff);
        // Other bands share the place: only this band's postings count, and count towards the scan limit.
        if (w[2 * l] !== low || hiNext >>> 12 !== high) continue;
        seen++;
        const slot = q >>> shift;
        const id = this.slotId[slot] as number;
        if (id === exclude.entryId) continue;
        const at = this.slotAt[slot] as number;
        if (at < lo || at > hi || this.slotSource[slot] === excludedSource) continue;
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    return shared;
  }

  /** Drops entries published before `cutoff` (epoch seconds); returns how many. */
  pruneBefore(cutoff: number): number {
    let n = 0;
    for (let slot = 0; slot < this.slotTop; slot++) {
      // A free slot's time is NaN: never before anything.
      if ((this.slotAt[slot] as number) < cutoff) {
        this.remove(this.slotId[slot] as number);
        n++;
      }
    }
    return n;
  }

  // Postings ---------------------------------------------------------------------------------------------------

  private lowOf(p: number): number {
    const l = p & ((CHUNK_SLOTS << this.strideShift) - 1);
    return (this.words[p >>> (this.strideShift + CHUNK_SHIFT)] as Int32Array)[2 * l] as number;
  }

  private highOf(p: number): number {
    const l = p & ((CHUNK_SLOTS << this.strideShift) - 1);
    return ((this.words[p >>> (this.strideShift + CHUNK_SHIFT)] as Int32Array)[2 * l + 1] as number) >>> 12;
  }

  private nextOf(p: number): number {
    const c = p >>> (this.strideShift + CHUNK_SHIFT);
    const l = p & ((CHUNK_SLOTS << this.strideShift) - 1);
    const low12 = ((this.words[c] as Int32Array)[2 * l + 1] as number) & 0xfff;
    return (((this.nextHigh[c] as Uint16Array)[l] as number) << 12) | low12;
  }

  private setNext(p: number, next: number): void {
    const c = p >>> (this.strideShift + CHUNK_SHIFT);
    const l = p & ((CHUNK_SLOTS << this.strideShift) - 1);
    const w = this.words[c] as Int32Array;
    w[2 * l + 1] = ((w[2 * l + 1] as number) & 0xfffff000) | (next & 0xfff);
    (this.nextHigh[c] as Uint16Array)[l] = next >>> 12;
  }

  private setPosting(p: number, low: number, high: number, next: number): void {
    const c = p >>> (this.strideShift + CHUNK_SHIFT);
    const l = p & ((CHUNK_SLOTS << this.strideShift) - 1);
    const w = this.words[c] as Int32Array;
    w[2 * l] = low;
    w[2 * l + 1] = ((high << 12) | (next & 0xfff)) >>> 0;
    (this.nextHigh[c] as Uint16Array)[l] = next >>> 12;
  }

  /** Twice the places: each list splits in two (a band's low bits pick which), postings kept in order. */
  private growTable(): void {
    const old = this.heads;
    const size = old.length * 2;
    const heads = new Uint32Array(size).fill(END);
    for (let i = 0; i < old.length; i++) {
      let tailA = END;
      let tailB = END;
      for (let p = old[i] as number; p !== END;) {
        const next = this.nextOf(p);
        const j = placeHash(this.lowOf(p), this.highOf(p)) & (size - 1);
        if (j === i) {
          if (tailA === END) heads[i] = p;
          else this.setNext(tailA, p);
          tailA = p;
        } else {
          if (tailB === END) heads[j] = p;
          else this.setNext(tailB, p);
          tailB = p;
        }
        p = next;
      }
      if (tailA !== END) this.setNext(tailA, END);
      if (tailB !== END) this.setNext(tailB, END);
    }
    this.heads = heads;
  }

  /** Room for more bands a slot (new sketch settings): every posting moves to its new number, lists kept. */
  private widen(shift: number): void {
    const old = this.strideShift;
    const moved = (p: number) => (p === END ? END : ((p >>> old) << shift) | (p & ((1 << old) - 1)));
    const oldWords = this.words;
    const oldHigh = this.nextHigh;
    this.words = oldWords.map(() => new Int32Array((CHUNK_SLOTS << shift) * 2));
    this.nextHigh = oldHigh.map(() => new Uint16Array(CHUNK_SLOTS << shift));
    this.strideShift = shift;
    for (let c = 0; c < oldWords.length; c++) {
      const w = oldWords[c] as Int32Array;
      const h = oldHigh[c] as Uint16Array;
      for (let s = c * CHUNK_SLOTS; s < Math.min((c + 1) * CHUNK_SLOTS, this.slotTop); s++) {
        for (let k = 0; k < (this.slotBandCount[s] as number); k++) {
          const l = ((s & (CHUNK_SLOTS - 1)) << old) + k;
          const next = ((h[l] as number) << 12) | ((w[2 * l + 1] as number) & 0xfff);
          this.setPosting((s << shift) + k, w[2 * l] as number, (w[2 * l + 1] as number) >>> 12, moved(next));
        }
      }
    }
    for (let i = 0; i < this.heads.length; i++) this.heads[i] = moved(this.heads[i] as number);
  }

  // Slots and ids ----------------------------------------------------------------------------------------------

  private newSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    const slot = this.slotTop;
    if ((slot + 1) << this.strideShift > END) throw new Error(`the LSH index is full (${slot} entries)`);
    if (slot === this.slotId.length) {
      const cap = this.slotId.length * 2;
      this.slotId = grow(this.slotId, new Float64Array(cap));
      this.slotAt = grow(this.slotAt, new Float64Array(cap));
      this.slotSource = grow(this.slotSource, new Int32Array(cap));
      this.slotBandCount = grow(this.slotBandCount, new Uint8Array(cap));
    }
    if (slot >>> CHUNK_SHIFT === this.words.length) {
      this.words.push(new Int32Array((CHUNK_SLOTS << this.strideShift) * 2));
      this.nextHigh.push(new Uint16Array(CHUNK_SLOTS << this.strideShift));
    }
    return this.slotTop++;
  }

  /** The id table's place of `entryId`: its slot's, or the empty place where probing for it ended. */
  private idPlace(entryId: number): number {
    const mask = this.idTable.length - 1;
    for (let i = this.idHash(entryId); ; i = (i + 1) & mask) {
      const slot = this.idTable[i] as number;
      if (slot === EMPTY_SLOT || this.slotId[slot] === entryId) return i;
    }
  }

  /** Fibonacci hashing of the id's two 32-bit halves: consecutive ids spread over the table. */
  private idHash(entryId: number): number {
    const h = Math.imul((entryId >>> 0) ^ Math.imul(Math.floor(entryId / TWO_32) | 0, 0x85ebca6b), 0x9e3779b1);
    return h >>> (32 - this.idBits);
  }

  private keepId(slot: number): void {
    if ((this.count + 1) * 2 > this.idTable.length) {
      const old = this.idTable;
      this.idBits++;
      this.idTable = new Int32Array(old.length * 2).fill(EMPTY_SLOT);
      for (const s of old) if (s !== EMPTY_SLOT) this.idTable[this.idPlace(this.slotId[s] as number)] = s;
    }
    this.idTable[this.idPlace(this.slotId[slot] as number)] = slot;
    this.count++;
  }

  /** Empties a place of the id table, moving back the entries after it that probing would otherwise not reach. */
  private dropId(place: number): void {
    const mask = this.idTable.length - 1;
    let hole = place;
    for (let j = (place + 1) & mask; ; j = (j + 1) & mask) {
      const slot = this.idTable[j] as number;
      if (slot === EMPTY_SLOT) break;
      const home = this.idHash(this.slotId[slot] as number);
      // It may fill the hole when its home is not within (hole, j], cyclically.
      const reachable = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!reachable) {
        this.idTable[hole] = slot;
        hole = j;
      }
    }
    this.idTable[hole] = EMPTY_SLOT;
    this.count--;
  }

  private sourceNumber(sourceId: string): number {
    let n = this.sourceIndex.get(sourceId);
    if (n === undefined) {
      n = this.sourceIndex.size;
      this.sourceIndex.set(sourceId, n);
    }
    return n;
  }
}

/**
 * A band's place in the bucket table, from both its halves mixed: bands from the sketcher are uniform in their low
 * bits, but a band made otherwise (a test's, a future sketcher's) need not be, and lists on raw low bits would pile up.
 */
function placeHash(low: number, high: number): number {
  const h = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 15);
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
