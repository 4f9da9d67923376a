// Story detection quality, through the real store on a real SQLite file in a temp folder.
// - Pairs (tests/eval/story-pairs.jsonl): each pair is ingested in publication order, and "same" means both
//   entries end in one story. Every pair runs inside a savepoint of one database that is rolled back afterwards, so
//   pairs never see each other (many reuse one article) and the eval needs one database, not one per pair.
// - Clusters: every distinct entry of the pairs plus the story groups (tests/eval/story-groups.jsonl) go into one
//   database in several seeded shuffled orders; the stories must be identical whatever the order.
// `node --import tsx tests/eval/stories.ts` prints the figures and every miss; `--record` writes the baseline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assignKeys,
  assignStory,
  comparePair,
  DEFAULT_STORY_SETTINGS,
  probeOf,
  storyUrl,
  type StorySettings,
} from '../../src/dedup/index.ts';
import { openStore, type Store, type StoredEntry } from '../../src/store/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { prng } from '../helpers/prng.ts';

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

/** Three or more entries that are one story (copies from several sources), for the cluster eval. */
export interface StoryGroup {
  id: string;
  kind: string;
  entries: PairEntry[];
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

export interface ClusterEval {
  entries: number;
  /** Gold stories of two or more entries. */
  goldStories: number;
  orders: number;
  /** Orders whose stories differ from the first order's. */
  differingOrders: number;
  /**
   * Pairwise over entries. Precision: pairs put in one story that are one gold story / those plus pairs put in one
   * story that a labelled negative pair keeps apart (their gold stories hold its two entries); a pair of gold stories
   * no label relates counts neither way (`unlabelledTogether`). Recall: pairs of one gold story put in one story.
   */
  precision: number;
  recall: number;
  unlabelledTogether: number;
  /** Each order's stories as sorted lists of entry labels (pair-or-group id + position), sorted. */
  clusterings: string[][][];
}

export interface StoriesBaseline {
  precision: number;
  recall: number;
  pairs: number;
  clusterPrecision: number;
  clusterRecall: number;
  clusterEntries: number;
  recorded: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAIRS_FILE = path.join(here, 'story-pairs.jsonl');
export const GROUPS_FILE = path.join(here, 'story-groups.jsonl');
export const BASELINE_FILE = path.join(here, 'stories-baseline.json');

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export const loadPairs = (file = PAIRS_FILE): LabelledPair[] => readJsonl<LabelledPair>(file);
export const loadGroups = (file = GROUPS_FILE): StoryGroup[] => readJsonl<StoryGroup>(file);
export const loadBaseline = (file = BASELINE_FILE): StoriesBaseline =>
  JSON.parse(readFileSync(file, 'utf8')) as StoriesBaseline;

export function toEntry(p: PairEntry, guid?: string): Entry {
  const e: Entry = {
    sourceId: p.source,
    key: '',
    guid,
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

const NOW = '2024-01-01T00:00:00.000Z';

/** A store on a file in a fresh temp folder, with every source the entries name; `done` closes and removes it. */
function tempStore(sourceIds: Iterable<string>): { store: Store; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-story-eval-'));
  const store = openStore(path.join(dir, 'eval.sqlite'));
  // Nothing here needs to survive a crash: skip the fsyncs.
  store.db.pragma('synchronous = OFF');
  const sources: SourceConfig[] = [...new Set(sourceIds)].map((id) => ({
    id,
    url: `https://${id}.example/feed`,
    enabled: true,
    topics: [],
    trusted: true,
  }));
  store.sources.sync(sources, NOW);
  return {
    store,
    done: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the worker does with one new entry of a source's fetch. */
function ingest(store: Store, e: Entry, settings: StorySettings): StoredEntry | undefined {
  return store.transaction(() => {
    const r = store.entries.upsert([e], NOW);
    for (const x of r.inserted) assignStory(store, x, settings, NOW);
    return r.inserted[0];
  });
}

/** Ingests both entries of the pair (publication order) inside a savepoint rolled back afterwards. */
function sameStory(store: Store, pair: LabelledPair, settings: StorySettings): boolean {
  const ordered = [pair.a, pair.b].sort((x, y) => x.published.localeCompare(y.published));
  store.db.exec('SAVEPOINT pair');
  try {
    const stored = ordered.map((p) => ingest(store, toEntry(p), settings));
    const [x, y] = stored.map((e) => (e ? store.stories.membership(e.id).storyId : undefined));
    return stored.length === 2 && x !== undefined && x === y;
  } finally {
    store.db.exec('ROLLBACK TO pair');
    store.db.exec('RELEASE pair');
  }
}

function describe(pair: LabelledPair, settings: StorySettings): string {
  const mk = (p: PairEntry, id: number) => {
    const e = { id, sourceId: p.source, publishedAt: p.published, language: p.language, title: p.title };
    return probeOf({ ...e, summary: p.summary, contentHtml: p.content ?? '' }, storyUrl(p.url), settings);
  };
  const a = mk(pair.a, 1);
  const b = mk(pair.b, 2);
  if (a.urlKey && a.urlKey === b.urlKey) return 'same URL';
  return comparePair(a, b, settings).reason;
}

export function evaluateStories(settings: StorySettings = DEFAULT_STORY_SETTINGS, pairs = loadPairs()): StoryEval {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: PairMiss[] = [];
  const { store, done } = tempStore(pairs.flatMap((p) => [p.a.source, p.b.source]));
  try {
    for (const pair of pairs) {
      const got = sameStory(store, pair, settings);
      if (got && pair.same) tp++;
      else if (got) fp++;
      else if (pair.same) fn++;
      if (got === pair.same) continue;
      misses.push({ id: pair.id, kind: pair.kind, expected: pair.same, reason: describe(pair, settings) });
    }
  } finally {
    done();
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

// ---- clusters ----

export interface ClusterItem {
  label: string;
  entry: PairEntry;
  gold: number;
}

export interface ClusterSet {
  items: ClusterItem[];
  /** Gold stories a labelled negative pair keeps apart, as "lo,hi". */
  apart: Set<string>;
}

/**
 * Every distinct entry of the pairs and groups, with its gold story: entries joined by a positive pair or listed
 * in one group are one story; any other two are taken as different stories.
 */
export function clusterItems(pairs = loadPairs(), groups = loadGroups()): ClusterSet {
  const index = new Map<string, number>();
  const items: { label: string; entry: PairEntry }[] = [];
  const parent: number[] = [];
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  const union = (i: number, j: number) => {
    const ri = find(i);
    const rj = find(j);
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  };
  const add = (label: string, e: PairEntry): number => {
    const key = JSON.stringify([e.source, e.url, e.title, e.summary, e.content, e.published, e.language]);
    let i = index.get(key);
    if (i === undefined) {
      i = items.length;
      index.set(key, i);
      items.push({ label, entry: e });
      parent.push(i);
    }
    return i;
  };
  const negatives: [number, number][] = [];
  for (const p of pairs) {
    const a = add(`${p.id}/a`, p.a);
    const b = add(`${p.id}/b`, p.b);
    if (p.same) union(a, b);
    else negatives.push([a, b]);
  }
  for (const g of groups) {
    const ids = g.entries.map((e, n) => add(`${g.id}/${n}`, e));
    for (const i of ids.slice(1)) union(ids[0] ?? i, i);
  }
  const apart = new Set(negatives.map(([a, b]) => pairKey(find(a), find(b))));
  return { items: items.map((it, i) => ({ ...it, gold: find(i) })), apart };
}

const pairKey = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);

/** Fisher-Yates with the given PRNG. */
export function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

/** Ingests the items one by one in this order; returns the stories as sorted lists of item indexes. */
function clusterOnce(items: readonly ClusterItem[], order: readonly number[], settings: StorySettings): number[][] {
  const { store, done } = tempStore(items.map((it) => it.entry.source));
  try {
    const storyOf = new Map<number, number>();
    for (const i of order) {
      const item = items[i];
      if (!item) continue;
      // A guid per item: two different items of one source never collide as one entry's edits.
      const e = ingest(store, toEntry(item.entry, `eval-${i}`), settings);
      if (e) storyOf.set(i, e.id);
    }
    const byStory = new Map<number, number[]>();
    for (const [i, entryId] of storyOf) {
      const sid = store.stories.membership(entryId).storyId ?? -entryId;
      byStory.set(sid, [...(byStory.get(sid) ?? []), i]);
    }
    return [...byStory.values()].map((c) => c.sort((a, b) => a - b)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  } finally {
    done();
  }
}

const pairsIn = (n: number) => (n * (n - 1)) / 2;

export function evaluateClusters(
  settings: StorySettings = DEFAULT_STORY_SETTINGS,
  opts: { orders?: number; seed?: number; set?: ClusterSet } = {},
): ClusterEval {
  const { items, apart } = opts.set ?? clusterItems();
  const rand = prng(opts.seed ?? 20261130);
  const natural = items.map((_, i) => i);
  // Publication order, its reverse, then seeded shuffles.
  const published = (i: number) => items[i]?.entry.published ?? '';
  const byDate = [...natural].sort((a, b) => published(a).localeCompare(published(b)) || a - b);
  const orders = [byDate, [...byDate].reverse()];
  while (orders.length < (opts.orders ?? 6)) orders.push(shuffled(natural, rand));
  const runs = orders.map((o) => clusterOnce(items, o, settings));
  const show = (run: number[][]) => run.map((c) => c.map((i) => items[i]?.label ?? String(i)));
  const key = (run: number[][]) => JSON.stringify(run);
  const first = key(runs[0] ?? []);
  // Figures from the first order; the others must not differ at all.
  const score = scoreClusters(items, apart, runs[0] ?? []);
  return {
    entries: items.length,
    goldStories: score.goldStories,
    orders: runs.length,
    differingOrders: runs.filter((r) => key(r) !== first).length,
    precision: score.precision,
    recall: score.recall,
    unlabelledTogether: score.unlabelledTogether,
    clusterings: runs.map(show),
  };
}

/** Pairwise precision and recall of predicted stories (lists of item indexes), as ClusterEval defines them. */
export function scoreClusters(
  items: readonly ClusterItem[],
  apart: ReadonlySet<string>,
  predicted: readonly (readonly number[])[],
): { precision: number; recall: number; unlabelledTogether: number; goldStories: number } {
  let wrong = 0;
  let unlabelled = 0;
  let correct = 0;
  for (const c of predicted) {
    const byGold = new Map<number, number>();
    for (const i of c) byGold.set(items[i]?.gold ?? -1, (byGold.get(items[i]?.gold ?? -1) ?? 0) + 1);
    const golds = [...byGold];
    golds.forEach(([g, n], k) => {
      correct += pairsIn(n);
      for (const [h, m] of golds.slice(k + 1)) {
        if (apart.has(pairKey(g, h))) wrong += n * m;
        else unlabelled += n * m;
      }
    });
  }
  const goldSizes = new Map<number, number>();
  for (const it of items) goldSizes.set(it.gold, (goldSizes.get(it.gold) ?? 0) + 1);
  const goldPairs = [...goldSizes.values()].reduce((s, n) => s + pairsIn(n), 0);
  return {
    precision: correct + wrong ? correct / (correct + wrong) : 1,
    recall: goldPairs ? correct / goldPairs : 1,
    unlabelledTogether: unlabelled,
    goldStories: [...goldSizes.values()].filter((n) => n > 1).length,
  };
}

// `node --import tsx tests/eval/stories.ts [--record]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = evaluateStories();
  console.log(
    `stories: ${r.pairs} pairs, precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)} ` +
      `(tp ${r.truePositives}, fp ${r.falsePositives}, fn ${r.falseNegatives})`,
  );
  for (const m of r.misses) console.log(`  ${m.expected ? 'missed' : 'false merge'} ${m.id} [${m.kind}]: ${m.reason}`);
  const c = evaluateClusters();
  console.log(
    `clusters: ${c.entries} entries, ${c.goldStories} gold stories of 2+, ${c.orders} orders, ` +
      `${c.differingOrders} differ from the first; precision ${c.precision.toFixed(4)}, ` +
      `recall ${c.recall.toFixed(4)} (${c.unlabelledTogether} pairs together without a label)`,
  );
  if (c.differingOrders) {
    const base = new Set((c.clusterings[0] ?? []).map((x) => x.join(' ')));
    c.clusterings.slice(1).forEach((run, n) => {
      const diff = run.map((x) => x.join(' ')).filter((x) => !base.has(x));
      if (!diff.length) return;
      console.log(`  order ${n + 1}: ${diff.length} stories not in order 0, e.g. ${diff.slice(0, 3).join(' | ')}`);
    });
  }
  if (process.argv.includes('--record')) {
    // Rounded down: a recorded figure above the measured one would fail the gate at once.
    const floor4 = (x: number) => Math.floor(x * 10_000) / 10_000;
    const baseline: StoriesBaseline = {
      precision: floor4(r.precision),
      recall: floor4(r.recall),
      pairs: r.pairs,
      clusterPrecision: floor4(c.precision),
      clusterRecall: floor4(c.recall),
      clusterEntries: c.entries,
      recorded: new Date().toISOString().slice(0, 10),
    };
    writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
    console.log(`recorded ${path.relative(process.cwd(), BASELINE_FILE)}`);
  }
}
