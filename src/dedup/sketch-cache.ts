// Sketches of entries by id and text hash, bounded, oldest dropped first: a candidate is verified again and again
// while its story is fresh. Keyed by the text's hash, a cached sketch never stands for other text (an edit, or an
// id a rolled-back transaction left behind). SQLite's detector keeps the compared part only (see RecentBuckets),
// the PostgreSQL assigner whole sketches (it looks its probes up here too). SQLite's detector keeps them packed
// (ComparedSketchCache): as objects, each of 20,000 cost about 1.3 KB (a typed array and its buffer, a word array
// and its strings, three small objects), 26 MB of the cycle's live heap, and more again in the collector's room (#14).
import { jaccard, type Sketch, type SketchSettings } from './similarity.ts';
import type { ComparedSketch } from './sketch-key.ts';

const MAX_SKETCHES = 20_000;

/** A cached sketch with what it was made from: the text's hash and the settings. */
interface Cached {
  contentHash: string;
  settings: SketchSettings;
  sketch: Sketch;
}

/** An entry's language, and the database version (SQLite's PRAGMA data_version) when its row was read or written. */
export interface RowSeen {
  language?: string;
  version: number;
}

const sameSettings = (a: SketchSettings, b: SketchSettings): boolean =>
  a.permutations === b.permutations && a.bands === b.bands && a.leadWords === b.leadWords;

/** Whole sketches as objects, for the PostgreSQL assigner. */
export class SketchCache {
  /** One sketch per entry id (of its latest text): a lookup is a number key, not a string built per call. */
  private readonly sketches = new Map<number, Cached>();

  constructor(private readonly max = MAX_SKETCHES) {}

  get(id: number, contentHash: string, s: SketchSettings): Sketch | undefined {
    const hit = this.sketches.get(id);
    if (!hit || hit.contentHash !== contentHash || !sameSettings(hit.settings, s)) return undefined;
    return hit.sketch;
  }

  set(id: number, contentHash: string, s: SketchSettings, sk: Sketch): Sketch {
    if (!this.sketches.has(id) && this.sketches.size >= this.max) {
      const oldest = this.sketches.keys().next();
      if (!oldest.done) this.sketches.delete(oldest.value);
    }
    this.sketches.set(id, { contentHash, settings: s, sketch: sk });
    return sk;
  }
}

/** Title words as one string when they can be split back exactly (none empty, none with a space), else as they are. */
type PackedWords = string | string[];

function packWords(ws: string[]): PackedWords {
  if (ws.length === 0) return '';
  return ws.every((w) => w !== '' && !w.includes(' ')) ? ws.join(' ') : ws;
}

function unpackWords(p: PackedWords): string[] {
  if (typeof p !== 'string') return [...p];
  return p === '' ? [] : p.split(' ');
}

/**
 * SketchCache's behaviour for compared sketches (same hits, same oldest-first eviction), held in a few arrays instead
 * of objects: one record per entry id, every record's shingles in one shared buffer, title words as one string. A
 * lookup hands out a fresh sketch (its own copy of the shingles), so nothing the cache does later can change it. Each
 * record also keeps its entry's row as this process last read or wrote it (`confirm`, `current`).
 */
export class ComparedSketchCache {
  /** Entry id -> its record, oldest first (a record overwritten for the same id keeps its place, as in a Map). */
  private readonly records = new Map<number, number>();
  private readonly hashes: string[] = [];
  private readonly settings: SketchSettings[] = [];
  private readonly titleWords: PackedWords[] = [];
  private readonly titleNumbers: PackedWords[] = [];
  private readonly languages: (string | undefined)[] = [];
  /** PRAGMA data_version when the row was read or written; NaN: no row seen. */
  private readonly versions: Float64Array;
  private readonly shingleCounts: Float64Array;
  private readonly starts: Float64Array;
  private readonly lengths: Float64Array;
  /** Every record's shingles, appended; what replaced or dropped records left is reclaimed when it fills. */
  private arena = new Uint32Array(1 << 16);
  private arenaTop = 0;

  constructor(private readonly max = MAX_SKETCHES) {
    this.versions = new Float64Array(max);
    this.shingleCounts = new Float64Array(max);
    this.starts = new Float64Array(max);
    this.lengths = new Float64Array(max);
  }

  get size(): number {
    return this.records.size;
  }

  get(id: number, contentHash: string, s: SketchSettings): ComparedSketch | undefined {
    const r = this.records.get(id);
    if (r === undefined || this.hashes[r] !== contentHash || !this.sameSettingsAt(r, s)) return undefined;
    return this.sketchAt(r);
  }

  set(id: number, contentHash: string, s: SketchSettings, sk: ComparedSketch, row?: RowSeen): ComparedSketch {
    let r = this.records.get(id);
    if (r === undefined) {
      r = this.records.size < this.max ? this.records.size : this.dropOldest();
      this.records.set(id, r);
    }
    this.hashes[r] = contentHash;
    this.settings[r] = s;
    this.titleWords[r] = packWords(sk.titleWords);
    this.titleNumbers[r] = packWords(sk.titleNumbers);
    this.shingleCounts[r] = sk.shingleCount;
    this.keepShingles(r, sk.shingles);
    this.languages[r] = row?.language;
    this.versions[r] = row ? row.version : NaN;
    return sk;
  }

  /** The cached sketch of `id` (of this text and settings) is its row's as read again at `row.version`. */
  confirm(id: number, contentHash: string, s: SketchSettings, row: RowSeen): void {
    const r = this.records.get(id);
    if (r === undefined || this.hashes[r] !== contentHash || !this.sameSettingsAt(r, s)) return;
    this.languages[r] = row.language;
    this.versions[r] = row.version;
  }

  /**
   * The similarity (Jaccard of shingles) of `shingles` to the sketch of `id`, and its language, when its row was read
   * or written at database version `version`: nothing another connection committed since can have changed them, so
   * they stand for the row without reading it. Compared where the cache keeps them: nothing is copied.
   */
  current(
    id: number,
    s: SketchSettings,
    version: number,
    shingles: Uint32Array,
  ): { similarity: number; language?: string } | undefined {
    const r = this.records.get(id);
    if (r === undefined || this.versions[r] !== version || !this.sameSettingsAt(r, s)) return undefined;
    const start = this.starts[r] as number;
    const kept = this.arena.subarray(start, start + (this.lengths[r] as number));
    return { similarity: jaccard(shingles, kept), language: this.languages[r] };
  }

  private sameSettingsAt(r: number, s: SketchSettings): boolean {
    return sameSettings(this.settings[r] as SketchSettings, s);
  }

  private sketchAt(r: number): ComparedSketch {
    const start = this.starts[r] as number;
    return {
      shingles: this.arena.slice(start, start + (this.lengths[r] as number)),
      shingleCount: this.shingleCounts[r] as number,
      titleWords: unpackWords(this.titleWords[r] as PackedWords),
      titleNumbers: unpackWords(this.titleNumbers[r] as PackedWords),
    };
  }

  /** Drops the oldest id; its record is the one to reuse. */
  private dropOldest(): number {
    const [id, r] = this.records.entries().next().value as [number, number];
    this.records.delete(id);
    this.lengths[r] = 0;
    return r;
  }

  private keepShingles(r: number, shingles: Uint32Array): void {
    this.lengths[r] = 0;
    if (this.arenaTop + shingles.length > this.arena.length) this.compact(shingles.length);
    this.arena.set(shingles, this.arenaTop);
    this.starts[r] = this.arenaTop;
    this.lengths[r] = shingles.length;
    this.arenaTop += shingles.length;
  }

  /** A new buffer with the records' shingles only, with room for `more` and half as much again as they take. */
  private compact(more: number): void {
    let live = more;
    for (const r of this.records.values()) live += this.lengths[r] as number;
    const next = new Uint32Array(Math.max(1 << 16, Math.ceil(live * 1.5)));
    let top = 0;
    for (const r of this.records.values()) {
      const start = this.starts[r] as number;
      const length = this.lengths[r] as number;
      next.set(this.arena.subarray(start, start + length), top);
      this.starts[r] = top;
      top += length;
    }
    this.arena = next;
    this.arenaTop = top;
  }
}
