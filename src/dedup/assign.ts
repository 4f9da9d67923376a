// The worker's call per new (or re-linked) entry: gather candidates through the store's index, decide purely, store.
import type { Store, StoredEntry } from '../store/index.ts';
import {
  detectStory,
  languageOf,
  type Candidate,
  type Probe,
  type StoryDecision,
  type StorySettings,
} from './detect.ts';
import { placement, storyRules } from './policy.ts';
import { sketch, type Sketch, type SketchInput, type SketchSettings } from './similarity.ts';
import { compared, decodeSketchKey, encodeSketchKey, type ComparedSketch } from './sketch-key.ts';
import { RecentBuckets } from './recent.ts';
import { StoredUrlFilter } from './url-filter.ts';
import { storyUrl } from './urls.ts';

export interface StoryResult {
  storyId: number;
  decision: StoryDecision;
  /** An editor pinned the entry: detection left it alone. */
  pinned: boolean;
}

/** Puts a newly stored (or edited) entry into a story: what the worker's deps take as `stories`. */
export interface StoryAssigner {
  /** How it sketches entries: prepare threads sketch with the same settings so the main thread need not. */
  sketchSettings?: SketchSettings;
  /** `computed`: the entry's sketch, made on a prepare thread with sketchSettings. */
  assign(entry: StoredEntry, now: string, computed?: Sketch): StoryResult;
}

/** Near candidates verified per entry. */
export const MAX_VERIFIED = 16;

/** `make(store)` once per open store, kept while the store is: detection's in-memory companions of its tables. */
function perStore<T>(make: (store: Store) => T): (store: Store) => T {
  const byStore = new WeakMap<Store, T>();
  return (store) => {
    let value = byStore.get(store);
    if (value === undefined) {
      value = make(store);
      byStore.set(store, value);
    }
    return value;
  };
}

/** The in-memory bucket index (the store's story_keys is its durable copy). */
const recentBuckets = perStore((store) => new RecentBuckets(store.stories));
/** The filter of stored URL keys (see StoredUrlFilter). */
const storedUrls = perStore((store) => new StoredUrlFilter(store.stories));

/** An entry as detection compares it; `sk` when the caller has its sketch already (see RecentBuckets.sketchOf). */
export function probeOf(
  e: { id: number; sourceId: string; publishedAt: string; language?: string } & SketchInput,
  urlKey: string | undefined,
  s: StorySettings,
  sk: Sketch = sketch(e, s.sketch),
): Probe {
  return {
    entryId: e.id,
    sourceId: e.sourceId,
    publishedAt: e.publishedAt,
    language: e.language,
    urlKey,
    sketch: sk,
  };
}

/** A candidate row as the store reads it: where it sits, not its text. */
type CandidateRow = ReturnType<Store['stories']['candidates']>[number];

/**
 * Candidates' sketches: kept from when this process indexed or last verified them, else from their stored keys
 * (story_keys.sketch), else (indexed before keys were stored) made from their text.
 */
function candidateSketches(
  store: Store,
  rows: readonly CandidateRow[],
  s: SketchSettings,
  buckets: RecentBuckets,
  version: number,
): Map<number, ComparedSketch> {
  const out = new Map<number, ComparedSketch>();
  const missing: CandidateRow[] = [];
  for (const r of rows) {
    const hit = buckets.sketches.get(r.id, r.contentHash, s);
    if (hit) out.set(r.id, hit);
    else missing.push(r);
  }
  for (const r of rows) buckets.sketches.confirm(r.id, r.contentHash, s, { language: r.language, version });
  if (!missing.length) return out;
  const ids = missing.map((r) => r.id);
  const keys = store.stories.sketchKeys(ids);
  const unkeyed: CandidateRow[] = [];
  for (const r of missing) {
    const sk = decodeSketchKey(keys.get(r.id), r.contentHash, s.leadWords);
    if (sk) out.set(r.id, buckets.sketches.set(r.id, r.contentHash, s, sk, { language: r.language, version }));
    else unkeyed.push(r);
  }
  const texts = unkeyed.length ? store.stories.sketchTexts(unkeyed.map((r) => r.id)) : new Map();
  for (const r of unkeyed) {
    const text = texts.get(r.id) ?? { title: '', summary: '' };
    const html = () => store.stories.contentHtml(r.id);
    out.set(r.id, buckets.sketchOf({ id: r.id, ...text, contentHtml: html }, r.contentHash, s));
    buckets.sketches.confirm(r.id, r.contentHash, s, { language: r.language, version });
  }
  return out;
}

/**
 * A near candidate that can neither join the probe (text too far apart for any bar) nor close a story to it (a
 * member in another language), as this process last read or wrote its row at this database version: its row need
 * not be read. Unknown, or possibly changed by another connection since: false, and its row is read.
 */
function surelyApart(probe: Probe, id: number, s: StorySettings, buckets: RecentBuckets, version: number): boolean {
  const known = buckets.sketches.current(id, s.sketch, version, probe.sketch.shingles);
  if (!known) return false;
  const lang = languageOf(probe.language);
  const other = languageOf(known.language);
  if (lang && other && lang !== other) return false;
  return known.similarity < Math.min(s.threshold, s.strongThreshold);
}

function candidateOf(
  r: CandidateRow,
  urlKey: string | undefined,
  sketches: Map<number, ComparedSketch>,
  blocked: Set<number>,
): Candidate {
  return {
    entryId: r.id,
    sourceId: r.sourceId,
    publishedAt: r.publishedAt,
    language: r.language,
    urlKey,
    sketch: sketches.get(r.id) as ComparedSketch,
    storyId: r.storyId,
    blocked: blocked.has(r.storyId),
  };
}

/**
 * Assigns a stored entry to a story. Call inside the source's transaction after store.entries.upsert, for each
 * inserted entry and for each updated one (a no-op unless its link or text moved it elsewhere).
 */
export function assignStory(
  store: Store,
  entry: StoredEntry,
  settings: StorySettings,
  now: string,
  computed?: Sketch,
): StoryResult {
  const stories = store.stories;
  // A new entry (upsert's inserted: in no story yet) has no membership to read, nor an editor's pin.
  const current: ReturnType<typeof stories.membership> =
    entry.storyId === undefined ? {} : stories.membership(entry.id);
  if (current.method === 'editor' && current.storyId !== undefined) {
    return { storyId: current.storyId, decision: { method: 'founder' }, pinned: true };
  }
  // The publisher's canonical hint, when the item gives one, names the article better than its (redirect) link.
  const url = storyUrl(entry.canonicalUrl ?? entry.url);
  const buckets = recentBuckets(store);
  const version = stories.dataVersion();
  const probe = probeOf(entry, url, settings, computed ?? sketch(entry, settings.sketch));
  const at = Math.floor(Date.parse(entry.publishedAt) / 1000);
  const key = encodeSketchKey(entry.contentHash, settings.sketch.leadWords, probe.sketch);
  // Asked before the entry's own key is stored: most new entries' links are new, and then nothing need be looked up.
  const urls = storedUrls(store);
  const urlStored = url !== undefined && urls.mayHold(url, version);
  stories.index(entry.id, url, entry.publishedAt, probe.sketch.bands, key);
  if (url) urls.add(url);
  // Verified again and again while its story is fresh: keep what comparing reads.
  buckets.sketches.set(entry.id, entry.contentHash, settings.sketch, compared(probe.sketch), {
    language: entry.language,
    version,
  });
  buckets.add(entry.id, entry.sourceId, at, probe.sketch.bands);
  const urlIds = url && urlStored ? stories.urlMatchIds(url, entry.id) : [];
  // Near duplicates are looked up even when a URL matched: the entry may link two stories that must become one
  // (arriving earlier, it would have founded the story both joined).
  const w = settings.windowHours * 3600;
  // Most shared buckets first (the highest estimated similarity); each candidate costs a sketch to verify.
  // Same-source entries never merge by similarity (live blogs, follow-ups): not worth a lookup.
  const ranked = [
    ...buckets.near(probe.sketch.bands, at - w, at + w, { entryId: entry.id, sourceId: entry.sourceId }),
  ].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const nearIds = ranked
    .slice(0, MAX_VERIFIED)
    .map(([id]) => id)
    .filter((id) => !surelyApart(probe, id, settings, buckets, version));
  // Both kinds of candidate rows in one read.
  const rows = new Map(stories.candidates([...new Set([...urlIds, ...nearIds])]).map((r) => [r.id, r]));
  const rowsOf = (ids: number[]) => ids.flatMap((id) => rows.get(id) ?? []);
  const urlRows = rowsOf(urlIds).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id - b.id);
  const nearRows = rowsOf(nearIds);
  // An entry with no candidates founds a story: editors' splits matter only when there is something to rejoin.
  const blocked = urlRows.length || nearRows.length ? stories.blockedStories(entry.id, version) : new Set<number>();
  const sketches = candidateSketches(store, [...rows.values()], settings.sketch, buckets, version);
  // URL matches were found by the probe's URL key (story_keys.canonical_url); near ones are compared by text only.
  const byUrl = urlRows.map((r) => candidateOf(r, url, sketches, blocked));
  const near = nearRows.map((r) => candidateOf(r, urlIds.includes(r.id) ? url : undefined, sketches, blocked));
  const storyIds = [...new Set([...byUrl, ...near].filter((c) => !c.blocked).map((c) => c.storyId))];
  const apart = storyIds.length > 1 ? stories.splitApart(storyIds, version) : [];
  const decision = detectStory(probe, byUrl, near, settings, apart);
  const storyId = place(store, entry, current.storyId, decision, now, settings);
  return { storyId, decision, pinned: false };
}

/** Stores the decision for an entry now in `currentStoryId`; returns the entry's story. */
function place(
  store: Store,
  entry: StoredEntry,
  currentStoryId: number | undefined,
  decision: StoryDecision,
  now: string,
  settings: StorySettings,
): number {
  const stories = store.stories;
  const plan = placement(currentStoryId, decision);
  if (plan.action === 'stay') return plan.storyId;
  // Alone in its new story: it is the representative.
  if (plan.action === 'found') return stories.found(entry, now);
  for (const drop of plan.fold) stories.fold(plan.storyId, drop, entry.id, now);
  stories.join(entry.id, plan.storyId, plan.match);
  const rules = storyRules(settings.priorities);
  // Only the entry came in: it competes with the representative alone, not with every member again.
  if (plan.fold.length) stories.refresh(plan.storyId, now, rules);
  else stories.joined(plan.storyId, entry, now, rules);
  if (plan.leaves !== undefined) stories.refresh(plan.leaves, now, rules);
  return plan.storyId;
}

/** assignStory bound to one store and settings, in the shape the worker's deps take (`stories`). */
export function createStoryDetector(store: Store, settings: StorySettings): StoryAssigner {
  return {
    sketchSettings: settings.sketch,
    assign: (entry, now, computed) => assignStory(store, entry, settings, now, computed),
  };
}

/** Story detection off: each new entry founds its own story, and an edited one stays where it is. */
export function createFounderOnlyAssigner(store: Store): StoryAssigner {
  return {
    assign: (entry, now) => {
      const current = store.stories.membership(entry.id).storyId;
      return { storyId: current ?? store.stories.found(entry, now), decision: { method: 'founder' }, pinned: false };
    },
  };
}
