// Sketches of entries by id and text hash, bounded, oldest dropped first: a candidate is verified again and again
// while its story is fresh. Keyed by the text's hash, a cached sketch never stands for other text (an edit, or an
// id a rolled-back transaction left behind). SQLite's detector keeps the compared part only (see RecentBuckets),
// the PostgreSQL assigner whole sketches (it looks its probes up here too).
import type { Sketch, SketchSettings } from './similarity.ts';
import type { ComparedSketch } from './sketch-key.ts';

const MAX_SKETCHES = 20_000;

/** A cached sketch with what it was made from: the text's hash and the settings. */
interface Cached<S> {
  contentHash: string;
  settings: SketchSettings;
  sketch: S;
  /** The entry's row as this process last read or wrote it (SQLite's detector; see `current`). */
  row?: RowSeen;
}

/** An entry's language, and the database version (SQLite's PRAGMA data_version) when its row was read or written. */
export interface RowSeen {
  language?: string;
  version: number;
}

export class SketchCache<S extends ComparedSketch = Sketch> {
  /** One sketch per entry id (of its latest text): a lookup is a number key, not a string built per call. */
  private readonly sketches = new Map<number, Cached<S>>();

  constructor(private readonly max = MAX_SKETCHES) {}

  private static sameSettings(a: SketchSettings, b: SketchSettings): boolean {
    return a.permutations === b.permutations && a.bands === b.bands && a.leadWords === b.leadWords;
  }

  get(id: number, contentHash: string, s: SketchSettings): S | undefined {
    const hit = this.sketches.get(id);
    if (!hit || hit.contentHash !== contentHash || !SketchCache.sameSettings(hit.settings, s)) return undefined;
    return hit.sketch;
  }

  set(id: number, contentHash: string, s: SketchSettings, sk: S, row?: RowSeen): S {
    if (!this.sketches.has(id) && this.sketches.size >= this.max) {
      const oldest = this.sketches.keys().next();
      if (!oldest.done) this.sketches.delete(oldest.value);
    }
    this.sketches.set(id, { contentHash, settings: s, sketch: sk, row });
    return sk;
  }

  /** The cached sketch of `id` (of this text and settings) is its row's as read again at `row.version`. */
  confirm(id: number, contentHash: string, s: SketchSettings, row: RowSeen): void {
    const hit = this.sketches.get(id);
    if (hit && hit.contentHash === contentHash && SketchCache.sameSettings(hit.settings, s)) hit.row = row;
  }

  /**
   * The sketch and language of `id` when its row was read or written at database version `version`: nothing
   * another connection committed since can have changed them, so they stand for the row without reading it.
   */
  current(id: number, s: SketchSettings, version: number): { sketch: S; language?: string } | undefined {
    const hit = this.sketches.get(id);
    if (!hit || hit.row?.version !== version || !SketchCache.sameSettings(hit.settings, s)) return undefined;
    return { sketch: hit.sketch, language: hit.row.language };
  }
}
