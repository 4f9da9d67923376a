// Story assignment on a shared database with several writers (PostgreSQL, issue #15): the same decision as
// assignStory (probeOf, detectStory, placement, storyRules), with candidates read from the database by URL key and
// LSH bucket inside the source's write transaction, after a lock on each of those keys. Two workers storing two
// copies of one story at once share a key, so the second waits for the first to commit and then reads its copy as a
// candidate (each statement of a READ COMMITTED transaction sees what committed before it). Nothing here reads
// "entries after id N": ids are handed out before commit, so a lower id may become visible after a higher one.
import type { StoredEntry, StoryCandidateRow, StoryRules } from '../store/index.ts';
import { detectStory, type Candidate, type StoryDecision, type StorySettings } from './detect.ts';
import { placement, storyRules } from './policy.ts';
import { MAX_VERIFIED, probeOf, type StoryResult } from './assign.ts';
import { SketchCache } from './sketch-cache.ts';
import { hash32, needsContent, sketch, type Sketch, type SketchSettings } from './similarity.ts';
import { storyUrl } from './urls.ts';

/** A candidate as the lookup returns it: with whether an editor split the probed entry out of its story. */
export type LookedUpCandidate = StoryCandidateRow & { blocked: boolean };

export interface StoryLookup {
  entryId: number;
  sourceId: string;
  urlKey?: string;
  bands: readonly number[];
  /** The near-duplicate window, epoch seconds (inclusive). */
  lo: number;
  hi: number;
  /** Near candidates kept, most shared buckets first. */
  limit: number;
}

/** The story tables inside one write transaction (src/store/pg/stories.ts implements it). */
export interface AsyncStoryTables {
  /** Transaction-level locks on these keys, taken in the order given (sorted: no two writers wait on each other). */
  lockKeys(keys: readonly number[]): Promise<void>;
  /** Records URL keys and band hashes (story_keys) for these entries. */
  index(
    rows: readonly { entryId: number; urlKey?: string; publishedAt: string; bands: readonly number[] }[],
  ): Promise<void>;
  membership(entryId: number): Promise<{ storyId?: number; method?: string }>;
  /** URL matches (any time, oldest first) and near duplicates (other sources, in the window, ranked). */
  lookup(q: StoryLookup): Promise<{ byUrl: LookedUpCandidate[]; near: LookedUpCandidate[] }>;
  contentHtml(entryIds: readonly number[]): Promise<Map<number, string>>;
  splitApart(storyIds: readonly number[]): Promise<[number, number][]>;
  found(entry: StoredEntry, now: string): Promise<number>;
  join(
    entryId: number,
    storyId: number,
    match: { method: 'url' | 'similarity'; matchEntryId: number; score: number },
  ): Promise<void>;
  fold(keep: number, drop: number, via: number, now: string): Promise<void>;
  refresh(storyId: number, now: string, rules: StoryRules): Promise<void>;
}

/** Advisory-lock keys (int4) of the entries' story keys: URL key and every band, sorted, each once. */
export function storyLockKeys(items: readonly { urlKey?: string; bands: readonly number[] }[]): number[] {
  const keys = new Set<number>();
  for (const it of items) {
    if (it.urlKey) keys.add(hash32(`u:${it.urlKey}`) | 0);
    for (const b of it.bands) keys.add(hash32(`b:${b}`) | 0);
  }
  return [...keys].sort((a, b) => a - b);
}

export interface PgStoryAssigner {
  sketchSettings: SketchSettings;
  /**
   * Assigns the entries a source's write stored (inserted and updated, in that order), inside its transaction;
   * `computed`: sketches by entry key made on a prepare thread. Returns how many stories the entries founded.
   */
  assign(
    tables: AsyncStoryTables,
    entries: readonly StoredEntry[],
    now: string,
    computed?: Record<string, Sketch>,
  ): Promise<{ results: StoryResult[]; storiesMade: number }>;
}

export function createPgStoryAssigner(settings: StorySettings, cache = new SketchCache()): PgStoryAssigner {
  return {
    sketchSettings: settings.sketch,
    async assign(tables, entries, now, computed) {
      const probes = entries.map((e) => {
        const sk = cache.get(e.id, e.contentHash, settings.sketch) ?? computed?.[e.key] ?? sketch(e, settings.sketch);
        cache.set(e.id, e.contentHash, settings.sketch, sk);
        return { entry: e, urlKey: storyUrl(e.canonicalUrl ?? e.url), sk };
      });
      // Every key of the batch at once, in one order: locks taken entry by entry could wait on each other.
      await tables.lockKeys(storyLockKeys(probes.map((p) => ({ urlKey: p.urlKey, bands: p.sk.bands }))));
      // Pinned entries (an editor placed them) are left alone, as assignStory leaves them: not even indexed.
      const pinned = new Map<number, number>();
      for (const p of probes) {
        if (p.entry.storyId === undefined) continue;
        const m = await tables.membership(p.entry.id);
        if (m.method === 'editor' && m.storyId !== undefined) pinned.set(p.entry.id, m.storyId);
      }
      // One source's batch: its entries never match each other by similarity, and one without a story yet is no URL
      // candidate, so indexing them all first decides as indexing each just before its lookup.
      const open = probes.filter((p) => !pinned.has(p.entry.id));
      await tables.index(
        open.map((p) => ({
          entryId: p.entry.id,
          urlKey: p.urlKey,
          publishedAt: p.entry.publishedAt,
          bands: p.sk.bands,
        })),
      );
      const results: StoryResult[] = [];
      let storiesMade = 0;
      for (const p of probes) {
        const e = p.entry;
        const pinnedIn = pinned.get(e.id);
        if (pinnedIn !== undefined) {
          results.push({ storyId: pinnedIn, decision: { method: 'founder' }, pinned: true });
          continue;
        }
        // An edited entry's story is read at its turn: a fold by an entry before it may have moved it.
        const current = e.storyId === undefined ? undefined : (await tables.membership(e.id)).storyId;
        const decision = await decide(tables, e, p.urlKey, p.sk, settings, cache);
        const storyId = await place(tables, e, current, decision, now, settings);
        if (e.storyId === undefined && decision.method === 'founder') storiesMade++;
        results.push({ storyId, decision, pinned: false });
      }
      return { results, storiesMade };
    },
  };
}

async function decide(
  tables: AsyncStoryTables,
  e: StoredEntry,
  urlKey: string | undefined,
  sk: Sketch,
  settings: StorySettings,
  cache: SketchCache,
): Promise<StoryDecision> {
  const probe = probeOf(e, urlKey, settings, sk);
  const at = Math.floor(Date.parse(e.publishedAt) / 1000);
  const w = settings.windowHours * 3600;
  const { byUrl, near } = await tables.lookup({
    entryId: e.id,
    sourceId: e.sourceId,
    urlKey,
    bands: sk.bands,
    lo: at - w,
    hi: at + w,
    limit: MAX_VERIFIED,
  });
  if (!byUrl.length && !near.length) return { method: 'founder' };
  const sketches = await candidateSketches(tables, [...byUrl, ...near], settings.sketch, cache);
  const candidate = (r: LookedUpCandidate): Candidate => ({
    entryId: r.id,
    sourceId: r.sourceId,
    publishedAt: r.publishedAt,
    language: r.language,
    urlKey: r.urlKey,
    sketch: sketches.get(r.id) as Sketch,
    storyId: r.storyId,
    blocked: r.blocked,
  });
  const urlCandidates = byUrl.map(candidate);
  const nearCandidates = near.map(candidate);
  const storyIds = [...new Set([...urlCandidates, ...nearCandidates].filter((c) => !c.blocked).map((c) => c.storyId))];
  const apart = storyIds.length > 1 ? await tables.splitApart(storyIds) : [];
  return detectStory(probe, urlCandidates, nearCandidates, settings, apart);
}

/** Candidates' sketches: cached, or made from the row; the HTML of those whose summary is short read in one query. */
async function candidateSketches(
  tables: AsyncStoryTables,
  rows: readonly LookedUpCandidate[],
  s: SketchSettings,
  cache: SketchCache,
): Promise<Map<number, Sketch>> {
  const out = new Map<number, Sketch>();
  const missing = rows.filter((r) => {
    const hit = cache.get(r.id, r.contentHash, s);
    if (hit) out.set(r.id, hit);
    return !hit;
  });
  const html = await tables.contentHtml([...new Set(missing.filter((r) => needsContent(r.summary)).map((r) => r.id))]);
  for (const r of missing) {
    if (out.has(r.id)) continue;
    const sk = sketch({ title: r.title, summary: r.summary, contentHtml: html.get(r.id) ?? '' }, s);
    out.set(r.id, cache.set(r.id, r.contentHash, s, sk));
  }
  return out;
}

/** assign.ts's place, asynchronous: stores the decision for an entry now in `currentStoryId`. */
async function place(
  tables: AsyncStoryTables,
  entry: StoredEntry,
  currentStoryId: number | undefined,
  decision: StoryDecision,
  now: string,
  settings: StorySettings,
): Promise<number> {
  const plan = placement(currentStoryId, decision);
  if (plan.action === 'stay') return plan.storyId;
  if (plan.action === 'found') return tables.found(entry, now);
  for (const drop of plan.fold) await tables.fold(plan.storyId, drop, entry.id, now);
  await tables.join(entry.id, plan.storyId, plan.match);
  const rules = storyRules(settings.priorities);
  await tables.refresh(plan.storyId, now, rules);
  if (plan.leaves !== undefined) await tables.refresh(plan.leaves, now, rules);
  return plan.storyId;
}
