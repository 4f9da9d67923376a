// Keeps an in-memory LSH index in step with one store's story_keys: loaded lazily for the time windows asked
// about, caught up with entries other processes stored, and bounded in size.
import type { Store } from '../store/index.ts';
import { LshIndex } from './lsh-index.ts';
import { needsContent, sketch, type SketchInput, type SketchSettings } from './similarity.ts';
import { ComparedSketchCache } from './sketch-cache.ts';
import { compared, type ComparedSketch } from './sketch-key.ts';

const DAY = 86_400;
const CATCH_UP_MS = 1000;

/** What sketchOf reads: `contentHtml` may be a reader, called only when the sketch is made and needs the HTML. */
export type SketchSource = Omit<SketchInput, 'contentHtml'> & { id: number; contentHtml: string | (() => string) };

/** The HTML a sketch of `e` reads: a stored candidate's is read only when its summary is too short. */
function htmlOf(e: SketchSource): string {
  if (typeof e.contentHtml === 'string') return e.contentHtml;
  return needsContent(e.summary) ? e.contentHtml() : '';
}

/** The part of the store's story repository the buckets are loaded from. */
export type StoryKeySource = Pick<Store['stories'], 'keysBetween' | 'keyIdsAfter' | 'keysOf' | 'maxKeyId'>;

export class RecentBuckets {
  private readonly index = new LshIndex();
  /** Every entry published at or after this (epoch seconds) is loaded. */
  private loadedFrom = Infinity;
  /** story_keys rows up to this entry id have been seen. */
  private lastId = 0;
  /** Other processes' new entries are picked up at most this often; this process's own are added at once. */
  private lastCatchUp = 0;

  constructor(
    private readonly stories: StoryKeySource,
    private readonly maxEntries = 250_000,
  ) {}

  /** Entries sharing buckets with `bands`, published in [lo, hi] (epoch seconds), with the count shared; never the
   * excluded entry, nor any entry of the excluded source. */
  near(
    bands: readonly number[],
    lo: number,
    hi: number,
    exclude: { entryId: number; sourceId?: string },
  ): Map<number, number> {
    if (this.loadedFrom === Infinity) this.lastId = this.stories.maxKeyId();
    if (lo < this.loadedFrom) {
      for (const k of this.stories.keysBetween(
        lo,
        this.loadedFrom === Infinity ? Number.MAX_SAFE_INTEGER : this.loadedFrom,
      ))
        this.index.add(k);
      this.loadedFrom = lo;
    }
    this.catchUp();
    if (this.index.size > this.maxEntries) {
      // Keep the two weeks before the newest window; older windows are reloaded if an old entry ever asks.
      const cutoff = hi - 14 * DAY;
      this.index.pruneBefore(cutoff);
      this.loadedFrom = Math.max(this.loadedFrom, cutoff);
    }
    return this.index.query(bands, lo, hi, exclude);
  }

  /** Candidates' compared sketches by id and text hash (see assign.ts candidateSketches). */
  readonly sketches = new ComparedSketchCache();

  /**
   * A candidate's sketch made from its text, as the store reads it back, for one with no stored sketch key (indexed
   * before keys were stored); kept (see `sketches`). Its HTML is read only when its summary is too short.
   */
  sketchOf(e: SketchSource, contentHash: string, settings: SketchSettings): ComparedSketch {
    const hit = this.sketches.get(e.id, contentHash, settings);
    if (hit) return hit;
    const sk = sketch({ title: e.title, summary: e.summary, contentHtml: htmlOf(e) }, settings);
    return this.sketches.set(e.id, contentHash, settings, compared(sk));
  }

  /** An entry this process just indexed: visible to the next lookup at once, even inside its transaction. */
  add(entryId: number, sourceId: string, at: number, bands: readonly number[]): void {
    this.index.add({ entryId, sourceId, at, bands });
  }

  private catchUp(): void {
    const now = Date.now();
    if (now - this.lastCatchUp < CATCH_UP_MS) return;
    this.lastCatchUp = now;
    // Most are this process's own, added as they were stored: only the others' keys are read (and parsed) whole;
    // re-adding one of its own would unlink and relink its buckets.
    const ids = this.stories.keyIdsAfter(this.lastId);
    for (const k of this.stories.keysOf(ids.filter((id) => !this.index.has(id)))) this.index.add(k);
    for (const id of ids) if (id > this.lastId) this.lastId = id;
  }
}
