import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateStories, loadPairs } from '../eval/stories.ts';

const baseline = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../eval/stories-baseline.json'), 'utf8')) as {
  precision: number;
  recall: number;
  pairs: number;
};

describe('story detection quality (tests/eval/story-pairs.jsonl)', () => {
  it('has at least 200 labelled pairs of every kind', () => {
    const pairs = loadPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(pairs.map((p) => p.kind));
    for (const k of ['url-variant', 'syndicated', 'syndicated-trimmed', 'same-site-feeds', 'different-event', 'translation', 'live-blog', 'same-headline-other-day'])
      expect(kinds).toContain(k);
  });

  it('does not fall below the recorded precision and recall', () => {
    const r = evaluateStories();
    expect(r.pairs).toBeGreaterThanOrEqual(baseline.pairs);
    expect(r.precision, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(baseline.precision);
    expect(r.recall, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(baseline.recall);
  }, 60_000);
});
