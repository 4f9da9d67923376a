// The packed cache of compared sketches against a reference model (objects in a Map, what the cache was before it
// was packed): the same hits, the same sketches, rows and oldest-first eviction over a random history of sets,
// confirms and lookups, with texts edited (other hashes), settings changed, titles with and without numbers, and
// enough shingles to make its buffer be compacted again and again.
import { describe, expect, it } from 'vitest';
import { ComparedSketchCache, type RowSeen } from '../../src/dedup/sketch-cache.ts';
import { jaccard, type SketchSettings } from '../../src/dedup/similarity.ts';
import type { ComparedSketch } from '../../src/dedup/sketch-key.ts';
import { prng } from '../helpers/prng.ts';

/** The cache as objects in a Map, oldest entry id dropped first. */
class ReferenceCache {
  private readonly byId = new Map<number, { hash: string; s: SketchSettings; sketch: ComparedSketch; row?: RowSeen }>();

  constructor(private readonly max: number) {}

  private hit(id: number, hash: string, s: SketchSettings) {
    const h = this.byId.get(id);
    return h && h.hash === hash && sameSettings(h.s, s) ? h : undefined;
  }

  get(id: number, hash: string, s: SketchSettings): ComparedSketch | undefined {
    return this.hit(id, hash, s)?.sketch;
  }

  set(id: number, hash: string, s: SketchSettings, sketch: ComparedSketch, row?: RowSeen): ComparedSketch {
    if (!this.byId.has(id) && this.byId.size >= this.max) this.byId.delete(this.byId.keys().next().value as number);
    this.byId.set(id, { hash, s, sketch, row });
    return sketch;
  }

  confirm(id: number, hash: string, s: SketchSettings, row: RowSeen): void {
    const h = this.hit(id, hash, s);
    if (h) h.row = row;
  }

  current(id: number, s: SketchSettings, version: number, shingles: Uint32Array) {
    const h = this.byId.get(id);
    if (!h || h.row?.version !== version || !sameSettings(h.s, s)) return undefined;
    return { similarity: jaccard(shingles, h.sketch.shingles), language: h.row.language };
  }
}

const sameSettings = (a: SketchSettings, b: SketchSettings) =>
  a.permutations === b.permutations && a.bands === b.bands && a.leadWords === b.leadWords;

const plain = (sk: ComparedSketch | undefined) =>
  sk && { ...sk, shingles: [...sk.shingles], titleWords: [...sk.titleWords], titleNumbers: [...sk.titleNumbers] };

describe('ComparedSketchCache', () => {
  it('answers as the object cache it replaced over a random history', () => {
    const rand = prng(20261201);
    const int = (n: number) => Math.floor(rand() * n);
    const settings: SketchSettings[] = [
      { permutations: 32, bands: 16, leadWords: 25 },
      { permutations: 32, bands: 16, leadWords: 40 },
    ];
    const words = ['rates', 'bank', '2026', 'day3', 'storm', '45', 'a-b', ''];
    const sketchOf = (): ComparedSketch => {
      const n = int(300);
      const shingles = Uint32Array.from({ length: n }, () => int(2 ** 32)).sort();
      // Now and then a word that cannot be joined with spaces (empty, or holding one): kept as an array.
      const titleWords = Array.from({ length: int(6) }, () => (rand() < 0.02 ? 'two words' : words[int(words.length)]));
      return { shingles, shingleCount: n, titleWords, titleNumbers: titleWords.filter((w) => /\d/.test(w)) };
    };
    const packed = new ComparedSketchCache(500);
    const ref = new ReferenceCache(500);
    let hits = 0;
    let similar = 0;
    for (let step = 0; step < 20_000; step++) {
      const id = int(900);
      const hash = `h${int(3)}`;
      const s = settings[rand() < 0.9 ? 0 : 1];
      const r = rand();
      if (r < 0.4) {
        const sk = sketchOf();
        const row = rand() < 0.7 ? { language: rand() < 0.5 ? 'en' : undefined, version: int(5) } : undefined;
        expect(plain(packed.set(id, hash, s, sk, row))).toEqual(plain(ref.set(id, hash, s, sk, row)));
      } else if (r < 0.55) {
        const row = { language: rand() < 0.5 ? 'fr' : undefined, version: int(5) };
        packed.confirm(id, hash, s, row);
        ref.confirm(id, hash, s, row);
      } else if (r < 0.8) {
        const got = packed.get(id, hash, s);
        expect(plain(got)).toEqual(plain(ref.get(id, hash, s)));
        if (got) hits++;
      } else {
        const version = int(5);
        // Compared with its own sketch now and then: a similarity of 1 and anything between.
        const own = ref.get(id, hash, s);
        const probe = own && rand() < 0.5 ? own.shingles.filter(() => rand() < 0.8) : sketchOf().shingles;
        const got = packed.current(id, s, version, probe);
        expect(got).toEqual(ref.current(id, s, version, probe));
        if (got && got.similarity > 0.5) similar++;
      }
    }
    expect(packed.size).toBe(500);
    expect(hits).toBeGreaterThan(500);
    expect(similar).toBeGreaterThan(20);
  });

  it('hands out sketches that later sets cannot change', () => {
    const cache = new ComparedSketchCache(2);
    const s = { permutations: 32, bands: 16, leadWords: 25 };
    const sk = (v: number): ComparedSketch => ({
      shingles: new Uint32Array(40_000).fill(v),
      shingleCount: 40_000,
      titleWords: [`w${v}`],
      titleNumbers: [],
    });
    cache.set(1, 'a', s, sk(1));
    const first = cache.get(1, 'a', s);
    // Enough shingles to fill its buffer and compact it, and an eviction that reuses the first record.
    for (let v = 2; v < 6; v++) cache.set(v, 'a', s, sk(v));
    expect(cache.get(1, 'a', s)).toBeUndefined();
    expect(first?.shingles.every((x) => x === 1)).toBe(true);
    expect(first?.titleWords).toEqual(['w1']);
    expect(cache.get(5, 'a', s)?.shingles.every((x) => x === 5)).toBe(true);
  });
});
