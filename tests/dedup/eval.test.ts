// Story detection quality gates over tests/eval/story-pairs.jsonl and story-groups.jsonl, beside the recorded
// baseline (written only by `node --import tsx tests/eval/stories.ts --record`).
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORY_SETTINGS, storyUrl } from '../../src/dedup/index.ts';
import { evaluateClusters, evaluateStories, loadBaseline, loadGroups, loadPairs } from '../eval/stories.ts';

const baseline = loadBaseline();

describe('story detection quality (tests/eval/story-pairs.jsonl)', () => {
  it('has labelled pairs of every kind, hard near misses and positives that share no URL', () => {
    const pairs = loadPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(400);
    const kinds = new Set(pairs.map((p) => p.kind));
    const expected = [
      'url-variant',
      'syndicated',
      'syndicated-trimmed',
      'same-site-feeds',
      'different-event',
      'translation',
      'live-blog',
      'same-headline-other-day',
      'near-miss-template',
      'near-miss-follow-up',
      'near-miss-angle',
      'rewrite-no-url',
      'headline-changed',
      'trimmed-no-url',
    ];
    for (const k of expected) expect(kinds).toContain(k);
    const nearMisses = pairs.filter((p) => !p.same && p.kind.startsWith('near-miss-'));
    expect(nearMisses.length).toBeGreaterThanOrEqual(60);
    // Positives no URL can decide: copies rewritten, re-headlined or trimmed by another outlet.
    const rewritten = ['rewrite-no-url', 'headline-changed', 'trimmed-no-url'];
    const urlless = pairs.filter((p) => p.same && rewritten.includes(p.kind));
    expect(urlless.length).toBeGreaterThanOrEqual(40);
    for (const p of urlless) expect(storyUrl(p.a.url), p.id).not.toBe(storyUrl(p.b.url));
    const languages = new Set([...nearMisses, ...urlless].map((p) => p.a.language));
    for (const l of ['en', 'es', 'pt', 'fr', 'de']) expect(languages).toContain(l);
    const groups = loadGroups();
    expect(groups.length).toBeGreaterThanOrEqual(10);
    for (const g of groups) expect(new Set(g.entries.map((e) => e.source)).size, g.id).toBeGreaterThanOrEqual(3);
  });

  it('does not fall below the recorded precision and recall', () => {
    const r = evaluateStories();
    expect(r.pairs).toBeGreaterThanOrEqual(baseline.pairs);
    expect(r.precision, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(baseline.precision);
    expect(r.recall, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(baseline.recall);
  }, 60_000);

  // The set can tell: a detector that merges more (or less) readily scores worse here, so the gate above would fail.
  it('catches a looser similarity threshold (precision) and a tighter one (recall)', () => {
    const loose = evaluateStories({ ...DEFAULT_STORY_SETTINGS, threshold: 0.2 });
    expect(loose.precision).toBeLessThan(baseline.precision);
    const tight = evaluateStories({ ...DEFAULT_STORY_SETTINGS, threshold: 0.4 });
    expect(tight.recall).toBeLessThan(baseline.recall);
  }, 60_000);
});

describe('stories do not depend on the order entries arrive in', () => {
  it('gives identical stories in six orders (by date, reversed, four seeded shuffles)', () => {
    const r = evaluateClusters(DEFAULT_STORY_SETTINGS, { orders: 6 });
    expect(r.orders).toBe(6);
    expect(r.entries).toBeGreaterThanOrEqual(baseline.clusterEntries);
    const first = new Set((r.clusterings[0] ?? []).map((c) => c.join(' ')));
    r.clusterings.slice(1).forEach((run, n) => {
      const other = run.map((c) => c.join(' ')).filter((c) => !first.has(c));
      expect(other, `order ${n + 1} made stories the first order did not`).toEqual([]);
    });
    expect(r.differingOrders).toBe(0);
    expect(r.precision).toBeGreaterThanOrEqual(baseline.clusterPrecision);
    expect(r.recall).toBeGreaterThanOrEqual(baseline.clusterRecall);
  }, 120_000);
});
