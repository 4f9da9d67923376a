// Story policy: which entry represents a story, which story survives a merge, when an entry stays where it is.
// Pure; the store applies these rules with its SQL.
import type { StoryDecision } from './detect.ts';
import type { StoryRules } from '../store/index.ts';

/** Editors' source priorities (SourceConfig.priority): higher wins the representative slot. */
export type Priorities = Readonly<Record<string, number>>;

/** Representative: highest source priority, then earliest published, then first stored. */
export function pickRepresentative<T extends { id: number; sourceId: string; publishedAt: string }>(
  members: readonly T[],
  priorities: Priorities,
): T | undefined {
  return [...members].sort(
    (a, b) =>
      (priorities[b.sourceId] ?? 0) - (priorities[a.sourceId] ?? 0) ||
      a.publishedAt.localeCompare(b.publishedAt) ||
      a.id - b.id,
  )[0];
}

/** Of two stories merged into one, the one created first survives: its uid is the one subscribers saw first. */
export function survivingStory(storyIdA: number, storyIdB: number): { keep: number; drop: number } {
  return storyIdA <= storyIdB ? { keep: storyIdA, drop: storyIdB } : { keep: storyIdB, drop: storyIdA };
}

/** What storing a detection decision does to an entry now in `currentStoryId` (undefined: in none yet). */
export type Placement =
  | { action: 'stay'; storyId: number }
  | { action: 'found' }
  | {
      action: 'join';
      storyId: number;
      /** The match that brings it in, as its membership records it. */
      match: { method: 'url' | 'similarity'; matchEntryId: number; score: number };
      /** Other stories the entry matched, folded into `storyId` first. */
      fold: number[];
      /** The story the entry leaves, unless folded in: it gets a new representative, or goes if left empty. */
      leaves?: number;
    };

/**
 * A founder decision keeps an entry that already has a story where it is; a join moves it, folding in every other
 * story it matched.
 */
export function placement(currentStoryId: number | undefined, decision: StoryDecision): Placement {
  if (decision.method === 'founder') {
    if (currentStoryId === undefined) return { action: 'found' };
    return { action: 'stay', storyId: currentStoryId };
  }
  const target = decision.storyId;
  const fold = decision.merged.filter((id) => id !== target);
  if (currentStoryId === target && !fold.length) return { action: 'stay', storyId: target };
  const leaves =
    currentStoryId !== undefined && currentStoryId !== target && !fold.includes(currentStoryId)
      ? currentStoryId
      : undefined;
  const match = { method: decision.method, matchEntryId: decision.matchEntryId, score: decision.score };
  return { action: 'join', storyId: target, match, fold, leaves };
}

/** The story rules the store applies when it merges, splits or re-picks a representative. */
export function storyRules(priorities: Priorities = {}): StoryRules {
  return { survivor: survivingStory, representative: (members) => pickRepresentative(members, priorities) };
}
