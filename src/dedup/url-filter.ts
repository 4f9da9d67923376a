// "No stored entry has this URL key": a Bloom filter over the stored story URL keys (story_keys.canonical_url),
// so that the lookup by URL, a probe of an index as large as the entries table, is skipped for the many new entries
// whose link no stored entry has. It answers "maybe stored" or "surely not", and is kept in step with this
// connection's own writes. Without a filter in step with the store (none built yet, or another connection has
// committed since: SQLite's data_version moved, and it may lack a key that one stored or edited) every key is "maybe
// stored" and the store is asked, until the lookups asked so have cost about what reading every key costs; then it is
// built. That is never much more than twice the cheaper choice (the ski-rental rule): a `wireroom fetch` of a few
// thousand entries over a million stored asks the index a few thousand times instead of reading a million keys
// (about 1.5 s), and a long-running worker builds it early in its life.

/** The part of the store's story repository the filter is built from. */
export interface UrlKeySource {
  /** How many URL keys are stored: the filter is sized from it. */
  urlKeyCount(): number;
  /** Every stored URL key. */
  urlKeys(): Iterable<string>;
}

/** Bits per key the filter is sized for, and bit positions per key: about 1% false "maybe" when full. */
const BITS_PER_KEY = 10;
const PROBES = 7;
/** A lookup by URL costs about this many keys read into a rebuild (13 us against about 1 us a key at 1,000,000). */
const LOOKUP_COST_IN_KEYS = 10;
/** Room for this many times the keys stored at a build (at least MIN_CAPACITY): rebuilt when it fills. */
const HEADROOM = 2;
const MIN_CAPACITY = 4096;

export class StoredUrlFilter {
  private bits = new Uint32Array(0);
  private size = 0;
  private keys = 0;
  private capacity = 0;
  /** The data_version it was built at; undefined: never built, or full. */
  private version: number | undefined;
  /** "Maybe stored" answered for want of a filter in step with the store, since it last was. */
  private unfiltered = 0;
  /** About the keys a build would read: counted in the store before the first build, then as this connection knows. */
  private keysToRead: number | undefined;

  constructor(private readonly source: UrlKeySource) {}

  /**
   * Whether `key` may be stored, as this connection sees the store at `version` (its data_version): false only when
   * surely no stored entry has it.
   */
  mayHold(key: string, version: number): boolean {
    if (version !== this.version) {
      this.keysToRead ??= this.source.urlKeyCount();
      if (++this.unfiltered * LOOKUP_COST_IN_KEYS < this.keysToRead) return true;
      this.build(version);
    }
    return this.test(key);
  }

  /** A key this connection just stored. */
  add(key: string): void {
    if (this.version === undefined) return;
    this.set(key);
    this.keysToRead = ++this.keys;
    if (this.keys > this.capacity) this.version = undefined;
  }

  private build(version: number): void {
    this.capacity = Math.max(MIN_CAPACITY, HEADROOM * this.source.urlKeyCount());
    this.size = this.capacity * BITS_PER_KEY;
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
    this.keys = 0;
    for (const key of this.source.urlKeys()) {
      this.set(key);
      this.keys++;
    }
    this.version = version;
    this.unfiltered = 0;
    this.keysToRead = this.keys;
  }

  private set(key: string): void {
    const [h1, h2] = hashes(key);
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) >>> 0) {
      const bit = h % this.size;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  private test(key: string): boolean {
    const [h1, h2] = hashes(key);
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) >>> 0) {
      const bit = h % this.size;
      if (!((this.bits[bit >>> 5] as number) & (1 << (bit & 31)))) return false;
    }
    return true;
  }
}

const pair: [number, number] = [0, 0];

/** Two independent 32-bit hashes of a string (FNV-1a, and a multiply-xorshift one made odd): double hashing's pair. */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  pair[0] = a >>> 0;
  pair[1] = ((b ^ (b >>> 16)) | 1) >>> 0;
  return pair;
}
