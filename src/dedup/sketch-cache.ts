// Sketches of entries by id and text hash, bounded, oldest dropped first: a candidate is verified again and again
// while its story is fresh. Keyed by the text's hash, a cached sketch never stands for other text (an edit, or an
// id a rolled-back transaction left behind). The PostgreSQL assigner's cache; RecentBuckets keeps the same kind.
import type { Sketch, SketchSettings } from './similarity.ts';

const MAX_SKETCHES = 20_000;

export class SketchCache {
  private readonly sketches = new Map<string, Sketch>();

  constructor(private readonly max = MAX_SKETCHES) {}

  private static key(id: number, contentHash: string, s: SketchSettings): string {
    return `${id}@${contentHash}/${s.permutations}.${s.bands}.${s.leadWords}`;
  }

  get(id: number, contentHash: string, s: SketchSettings): Sketch | undefined {
    return this.sketches.get(SketchCache.key(id, contentHash, s));
  }

  set(id: number, contentHash: string, s: SketchSettings, sk: Sketch): Sketch {
    const key = SketchCache.key(id, contentHash, s);
    if (!this.sketches.has(key) && this.sketches.size >= this.max) {
      const oldest = this.sketches.keys().next();
      if (!oldest.done) this.sketches.delete(oldest.value);
    }
    this.sketches.set(key, sk);
    return sk;
  }
}
