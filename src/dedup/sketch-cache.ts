// Sketches of entries by id and text hash, bounded, oldest dropped first: a candidate is verified again and again
// while its story is fresh. Keyed by the text's hash, a cached sketch never stands for other text (an edit, or an
// id a rolled-back transaction left behind). SQLite's detector keeps the compared part only (see RecentBuckets),
// the PostgreSQL assigner whole sketches (it looks its probes up here too).
import type { Sketch, SketchSettings } from './similarity.ts';
import type { ComparedSketch } from './sketch-key.ts';

const MAX_SKETCHES = 20_000;

export class SketchCache<S extends ComparedSketch = Sketch> {
  // By entry id, with the text hash and settings it stands for: a lookup builds no string key.
  private readonly sketches = new Map<number, { hash: string; settings: SketchSettings; sk: S }>();

  constructor(private readonly max = MAX_SKETCHES) {}

  get(id: number, contentHash: string, s: SketchSettings): S | undefined {
    const hit = this.sketches.get(id);
    return hit && hit.hash === contentHash && sameSettings(hit.settings, s) ? hit.sk : undefined;
  }

  /** Keeps `sk` as the sketch of this entry's text; an earlier one of other text goes. */
  set(id: number, contentHash: string, s: SketchSettings, sk: S): S {
    if (!this.sketches.has(id) && this.sketches.size >= this.max) {
      const oldest = this.sketches.keys().next();
      if (!oldest.done) this.sketches.delete(oldest.value);
    }
    this.sketches.set(id, { hash: contentHash, settings: s, sk });
    return sk;
  }
}

const sameSettings = (a: SketchSettings, b: SketchSettings) =>
  a === b || (a.permutations === b.permutations && a.bands === b.bands && a.leadWords === b.leadWords);
