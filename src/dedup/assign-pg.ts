// Story assignment on a shared database with several writers (PostgreSQL, issue #15): the same decision as
// assignStory (probeOf, detectStory, placement, storyRules), with candidates read from the database by URL key and
// LSH bucket inside the source's write transaction, after a lock on each of those keys. Two workers storing two
// copies of one story at once share a key, so the second waits for the first to commit and then reads its copy as a
// candidate (each statement of a READ COMMITTED transaction sees what committed before it). Nothing here reads
// "entries after id N": ids are handed out before commit, so a lower id may become visible after a higher one.
import type { StoredEntry, StoryCandidateRow, StoryRules } from '../store/index.ts';
import { detectStory, type Candidate, type Probe, type StoryDecision, type StorySettings } from './detect.ts';
import { placement, storyRules, type Placement } from './policy.ts';
import { MAX_VERIFIED, probeOf, type StoryResult } from './assign.ts';
import { SketchCache } from './sketch-cache.ts';
import { hash32, needsContent, sketch, type Sketch, type SketchSettings } from './similarity.ts';
import { storyUrl } from './urls.ts';

/** A candidate as the lookup returns it: with whether an editor split the probed entry out of its story. */
export type LookedUpCandidate = StoryCandidateRow & { blocked: boolean };

export interface StoryLookup {
  entryId: number;
  urlKey?: string;
  bands: readonly number[];
  /** The near-duplicate window, epoch seconds (inclusive). */
  lo: number;
  hi: number;
}

export interface LookedUp {
  /** URL matches, any time, oldest first. */
  byUrl: LookedUpCandidate[];
  /** Near duplicates from other sources in the window, most shared buckets first. */
  near: LookedUpCandidate[];
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
  /** Candidates for several entries of one source in one query, by entry id; `limit` near ones each. */
  lookupMany(sourceId: string, queries: readonly StoryLookup[], limit: number): Promise<Map<number, LookedUp>>;
  contentHtml(entryIds: readonly number[]): Promise<Map<number, string>>;
  splitApart(storyIds: readonly number[]): Promise<[number, number][]>;
  /** Each entry starts a story of its own (story ids in the order given); story id by entry id. */
  foundMany(entries: readonly StoredEntry[], now: string): Promise<Map<number, number>>;
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

interface Pending {
  entry: StoredEntry;
  urlKey?: string;
  sk: Sketch;
}

/**
 * Round trips per source, not per entry: the locks, the keys, the lookups of all entries and the new stories are
 * one statement each; an entry that joins a story writes its own (a few statements). Entries are decided in order,
 * as assignStory would decide them one by one: when an entry's placement could change what a later one finds (a fold
 * moved stories, or an entry of the batch with the same URL now has a story), the rest are looked up again.
 */
export function createPgStoryAssigner(settings: StorySettings, cache = new SketchCache()): PgStoryAssigner {
  return {
    sketchSettings: settings.sketch,
    async assign(tables, entries, now, computed) {
      const probes: Pending[] = entries.map((e) => {
        const sk = cache.get(e.id, e.contentHash, settings.sketch) ?? computed?.[e.key] ?? sketch(e, settings.sketch);
        cache.set(e.id, e.contentHash, settings.sketch, sk);
        return { entry: e, urlKey: storyUrl(e.canonicalUrl ?? e.url), sk };
      });
      // Every key of the batch at once, in one order: locks taken entry by entry could wait on each other.
      await tables.lockKeys(storyLockKeys(probes.map((p) => ({ urlKey: p.urlKey, bands: p.sk.bands }))));
      // Pinned entries (an editor placed them) are left alone, as assignStory leaves them: not even indexed.
      const results = new Map<number, StoryResult>();
      for (const p of probes) {
        if (p.entry.storyId === undefined) continue;
        const m = await tables.membership(p.entry.id);
        if (m.method === 'editor' && m.storyId !== undefined)
          results.set(p.entry.id, { storyId: m.storyId, decision: { method: 'founder' }, pinned: true });
      }
      // One source's batch: its entries never match each other by similarity, and one without a story yet is no URL
      // candidate, so indexing them all first decides as indexing each just before its lookup.
      const open = probes.filter((p) => !results.has(p.entry.id));
      await tables.index(
        open.map((p) => ({
          entryId: p.entry.id,
          urlKey: p.urlKey,
          publishedAt: p.entry.publishedAt,
          bands: p.sk.bands,
        })),
      );
      const w = settings.windowHours * 3600;
      const sourceId = entries[0]?.sourceId ?? '';
      let founders: Pending[] = [];
      const flush = async () => {
        if (!founders.length) return;
        const ids = await tables.foundMany(
          founders.map((p) => p.entry),
          now,
        );
        for (const p of founders) {
          const storyId = ids.get(p.entry.id);
          if (storyId === undefined) throw new Error(`entry ${p.entry.id}: no story founded`);
          results.set(p.entry.id, { storyId, decision: { method: 'founder' }, pinned: false });
        }
        founders = [];
      };
      let looked = new Map<number, LookedUp>();
      let stale = true;
      /** Entries placed since the last lookup. */
      const placed: Pending[] = [];
      let storiesMade = 0;
      for (const [j, p] of open.entries()) {
        const e = p.entry;
        if (p.urlKey && placed.some((q) => q.urlKey === p.urlKey)) stale = true;
        if (stale) {
          await flush();
          const queries = open.slice(j).map((q) => {
            const at = Math.floor(Date.parse(q.entry.publishedAt) / 1000);
            return { entryId: q.entry.id, urlKey: q.urlKey, bands: q.sk.bands, lo: at - w, hi: at + w };
          });
          looked = await tables.lookupMany(sourceId, queries, MAX_VERIFIED);
          placed.length = 0;
          stale = false;
        }
        // An edited entry's story is read at its turn: a fold by an entry before it may have moved it.
        const current = e.storyId === undefined ? undefined : (await tables.membership(e.id)).storyId;
        const probe = probeOf(e, p.urlKey, settings, p.sk);
        const decision = await decide(tables, probe, looked.get(e.id), settings, cache);
        const plan = placement(current, decision);
        if (plan.action === 'found') {
          founders.push(p);
          storiesMade++;
        } else {
          const storyId = await place(tables, e, plan, now, settings);
          results.set(e.id, { storyId, decision, pinned: false });
          if (plan.action === 'join' && plan.fold.length) stale = true;
        }
        placed.push(p);
      }
      await flush();
      return {
        results: entries.map((e) => results.get(e.id) as StoryResult),
        storiesMade,
      };
    },
  };
}

async function decide(
  tables: AsyncStoryTables,
  probe: Probe,
  found: LookedUp | undefined,
  settings: StorySettings,
  cache: SketchCache,
): Promise<StoryDecision> {
  const byUrl = found?.byUrl ?? [];
  const near = found?.near ?? [];
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

/** assign.ts's place, asynchronous, for a plan other than founding: stores it, returns the entry's story. */
async function place(
  tables: AsyncStoryTables,
  entry: StoredEntry,
  plan: Exclude<Placement, { action: 'found' }>,
  now: string,
  settings: StorySettings,
): Promise<number> {
  if (plan.action === 'stay') return plan.storyId;
  for (const drop of plan.fold) await tables.fold(plan.storyId, drop, entry.id, now);
  await tables.join(entry.id, plan.storyId, plan.match);
  const rules = storyRules(settings.priorities);
  await tables.refresh(plan.storyId, now, rules);
  if (plan.leaves !== undefined) await tables.refresh(plan.leaves, now, rules);
  return plan.storyId;
}
