// The worker's call per new (or re-linked) entry: gather candidates through the store's index, decide purely, store.
import type { Store, StoredEntry } from '../store/index.ts';
import type { StoryCandidateRow } from '../store/stories.ts';
import { detectStory, type Candidate, type Probe, type StoryDecision, type StorySettings } from './detect.ts';
import { sketch } from './similarity.ts';
import { canonicalUrl, isArticleUrl } from './urls.ts';

export interface StoryResult {
  storyId: number;
  decision: StoryDecision;
  /** An editor pinned the entry: detection left it alone. */
  pinned: boolean;
}

const HOUR = 3_600_000;

/** The folded URL used for story matching; undefined for links that cannot name one article. */
export function storyUrl(url: string | undefined): string | undefined {
  const c = canonicalUrl(url);
  return c && isArticleUrl(c) ? c : undefined;
}

export function probeOf(e: { id: number; sourceId: string; publishedAt: string; language?: string; title: string; summary: string; contentHtml: string }, url: string | undefined, s: StorySettings): Probe {
  return { entryId: e.id, sourceId: e.sourceId, publishedAt: e.publishedAt, language: e.language, canonicalUrl: url, sketch: sketch(e, s.sketch) };
}

function candidateOf(r: StoryCandidateRow, blocked: Set<number>, s: StorySettings): Candidate {
  return { ...probeOf(r, r.canonicalUrl, s), storyId: r.storyId, blocked: blocked.has(r.storyId) };
}

/**
 * Assigns a stored entry to a story. Call inside the source's transaction after store.entries.upsert, for each
 * inserted entry and for each updated one (a no-op unless its link or text moved it elsewhere).
 */
export function assignStory(store: Store, entry: StoredEntry, settings: StorySettings, now: string): StoryResult {
  const stories = store.stories;
  const current = stories.membership(entry.id);
  if (current.method === 'editor' && current.storyId !== undefined) {
    return { storyId: current.storyId, decision: { method: 'founder' }, pinned: true };
  }
  const url = storyUrl(entry.url);
  const probe = probeOf(entry, url, settings);
  stories.index(entry.id, url, entry.publishedAt, probe.sketch.bands);
  const blocked = stories.blockedStories(entry.id);
  const byUrl = url ? stories.byCanonicalUrl(url, entry.id).map((r) => candidateOf(r, blocked, settings)) : [];
  let near: Candidate[] = [];
  if (!byUrl.some((c) => !c.blocked)) {
    const t = Date.parse(entry.publishedAt);
    const w = settings.windowHours * HOUR;
    near = stories
      // Same-source entries never merge by similarity (live blogs, follow-ups): not worth a sketch.
      .nearCandidates(probe.sketch.bands, new Date(t - w).toISOString(), new Date(t + w).toISOString(), entry.id, { excludeSourceId: entry.sourceId })
      .map((r) => candidateOf(r, blocked, settings));
  }
  const decision = detectStory(probe, byUrl, near, settings);
  const storyId = stories.assign(entry, decision, now, settings.priorities);
  return { storyId, decision, pinned: false };
}

export interface StoryDetector {
  /** Matches the worker's StoryAssigner: `deps.stories.assign(entry, source, now)`. */
  assign(entry: StoredEntry, source: unknown, now: string): StoryResult;
}

/** assignStory bound to one store and settings, in the shape the worker's deps take (`stories`). */
export function createStoryDetector(store: Store, settings: StorySettings): StoryDetector {
  return { assign: (entry, _source, now) => assignStory(store, entry, settings, now) };
}
