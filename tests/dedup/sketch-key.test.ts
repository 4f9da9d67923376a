import { describe, expect, it } from 'vitest';
import { DEFAULT_SKETCH, decodeSketchKey, encodeSketchKey, sketch } from '../../src/dedup/index.ts';

const TEXTS = [
  {
    title: 'Chile forest fires kill 23, burn 270,000 hectares in 2023',
    summary: 'Forest fires raging in central and southern Chile have killed at least 23 people, authorities said.',
  },
  {
    title: 'Ñuble: incendios dejan 46 muertos; Boric decreta duelo',
    summary: '',
    contentHtml: '<p>Los incendios…</p>',
  },
  { title: 'Breaking', summary: '' },
  { title: '', summary: '' },
];

describe('stored sketch keys (story_keys.sketch)', () => {
  it('give back exactly what comparing reads of the sketch made from the same text', () => {
    for (const t of TEXTS) {
      const sk = sketch({ contentHtml: '', ...t }, DEFAULT_SKETCH);
      const back = decodeSketchKey(encodeSketchKey('h1', DEFAULT_SKETCH.leadWords, sk), 'h1', DEFAULT_SKETCH.leadWords);
      expect(back).toEqual({
        shingles: sk.shingles,
        shingleCount: sk.shingleCount,
        titleWords: sk.titleWords,
        titleNumbers: sk.titleNumbers,
      });
    }
  });

  it('are not used for other text, other settings, or when there is none', () => {
    const sk = sketch({ ...TEXTS[0]!, contentHtml: '' }, DEFAULT_SKETCH);
    const key = encodeSketchKey('h1', 25, sk);
    expect(decodeSketchKey(key, 'h2', 25)).toBeUndefined();
    expect(decodeSketchKey(key, 'h1', 30)).toBeUndefined();
    expect(decodeSketchKey(null, 'h1', 25)).toBeUndefined();
    expect(decodeSketchKey('', 'h1', 25)).toBeUndefined();
    expect(decodeSketchKey(key, 'h1', 25)?.shingleCount).toBe(sk.shingleCount);
  });
});
