// Sketches of entries by id and text hash, bounded, oldest dropped first: a candidate is verified again and again
// while its story is fresh. Keyed by the text's hash, a cached sketch never stands for other text (an edit, or an
// id a rolled-back transaction left behind). SQLite's detector keeps the compared part only (see RecentBuckets),
// the PostgreSQL assigner whole sketches (it looks its probes up here too).
import type { Sketch, SketchSettings } from './similarity.ts';
import type { ComparedSketch } from './sketch-key.ts';

const MAX_SKETCHES = 20_000;

export class SketchCache<S extends ComparedSketch = Sketch> {
  private readonly sketches = new Map<string, S>();

  constructor(private readonly max = MAX_SKETCHES) {}

  private static key(id: number, contentHash: string, s: SketchSettings): string {
    return `${id}@${contentHash}/${s.permutations}.${s.bands}.${s.leadWords}`;
  }

  get(id: number, contentHash: string, s: SketchSettings): S | undefined {
    return this.sketches.get(SketchCache.key(id, contentHash, s));
  }

  set(id: number, contentHash: string, s: SketchSettings, sk: S): S {
    const key = SketchCache.key(id, contentHash, s);
    if (!this.sketches.has(key) && this.sketches.size >= this.max) {
      const oldest = this.sketches.keys().next();
      if (!oldest.done) this.sketches.delete(oldest.value);
    }
    this.sketches.set(key, sk);
    return sk;
  }
}
