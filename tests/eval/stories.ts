// Pairwise evaluation of story detection over tests/eval/story-pairs.jsonl, through the real store: each pair is
// ingested (in publication order) into a fresh in-memory database, and "same" means both entries end in one story.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignKeys, assignStory, comparePair, DEFAULT_STORY_SETTINGS, probeOf, storyUrl, type StorySettings } from '../../src/dedup/index.ts';
import { openStore, type StoredEntry } from '../../src/store/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';

export interface PairEntry {
  source: string;
  title: string;
  summary: string;
  content?: string;
  url?: string;
  language?: string;
  published: string;
}

export interface LabelledPair {
  id: string;
  kind: string;
  same: boolean;
  a: PairEntry;
  b: PairEntry;
}

export interface PairMiss {
  id: string;
  kind: string;
  expected: boolean;
  reason: string;
}

export interface StoryEval {
  precision: number;
  recall: number;
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  misses: PairMiss[];
}

export const PAIRS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'story-pairs.jsonl');

export function loadPairs(file = PAIRS_FILE): LabelledPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPair);
}

function toEntry(p: PairEntry): Entry {
  const e: Entry = {
    sourceId: p.source,
    key: '',
    url: p.url,
    title: p.title,
    summary: p.summary,
    contentHtml: p.content ?? '',
    authors: [],
    categories: [],
    enclosures: [],
    language: p.language,
    publishedAt: p.published,
    dateFlags: [],
  };
  return assignKeys([e], { guidReuse: false }).entries[0]!;
}

/** Ingests both entries of a pair into a fresh store; true when they end in one story. */
export function sameStory(pair: LabelledPair, settings: StorySettings): boolean {
  const store = openStore(':memory:');
  try {
    const ordered = [pair.a, pair.b].sort((x, y) => x.published.localeCompare(y.published));
    const now = '2024-01-01T00:00:00.000Z';
    const sources: SourceConfig[] = [...new Set(ordered.map((e) => e.source))].map((id) => ({
      id,
      url: `https://${id}.example/feed`,
      enabled: true,
      topics: [],
      trusted: true,
    }));
    store.sources.sync(sources, now);
    const stored: StoredEntry[] = [];
    for (const p of ordered) {
      store.transaction(() => {
        const r = store.entries.upsert([toEntry(p)], now);
        for (const e of r.inserted) {
          assignStory(store, e, settings, now);
          stored.push(e);
        }
      });
    }
    const [x, y] = stored.map((e) => store.stories.membership(e.id).storyId);
    return stored.length === 2 && x !== undefined && x === y;
  } finally {
    store.close();
  }
}

function describe(pair: LabelledPair, settings: StorySettings): string {
  const mk = (p: PairEntry, id: number) =>
    probeOf({ id, sourceId: p.source, publishedAt: p.published, language: p.language, title: p.title, summary: p.summary, contentHtml: p.content ?? '' }, storyUrl(p.url), settings);
  const a = mk(pair.a, 1);
  const b = mk(pair.b, 2);
  if (a.canonicalUrl && a.canonicalUrl === b.canonicalUrl) return 'same URL';
  return comparePair(a, b, settings).reason;
}

export function evaluateStories(settings: StorySettings = DEFAULT_STORY_SETTINGS, pairs = loadPairs()): StoryEval {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: PairMiss[] = [];
  for (const pair of pairs) {
    const got = sameStory(pair, settings);
    if (got && pair.same) tp++;
    else if (got) fp++;
    else if (pair.same) fn++;
    if (got !== pair.same) misses.push({ id: pair.id, kind: pair.kind, expected: pair.same, reason: describe(pair, settings) });
  }
  return {
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    pairs: pairs.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    misses,
  };
}

// `node --import tsx tests/eval/stories.ts` prints the figures and every miss.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = evaluateStories();
  console.log(`stories: ${r.pairs} pairs, precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)} (tp ${r.truePositives}, fp ${r.falsePositives}, fn ${r.falseNegatives})`);
  for (const m of r.misses) console.log(`  ${m.expected ? 'missed' : 'false merge'} ${m.id} [${m.kind}]: ${m.reason}`);
}
