// Which story a new entry joins: the pure decision over candidates the store found. No I/O.
import type { SourceConfig } from '../types.ts';
import type { Priorities } from './policy.ts';
import {
  DEFAULT_SKETCH,
  jaccard,
  numbersConflict,
  titleSimilarity,
  type Sketch,
  type SketchSettings,
} from './similarity.ts';
import type { ComparedSketch } from './sketch-key.ts';

export interface StorySettings {
  /** Near duplicates are looked for this far before and after the entry's publication time. */
  windowHours: number;
  /** Estimated Jaccard of title + lead shingles that makes two entries one story when titles agree. */
  threshold: number;
  /** Titles must share this much (overlap of content words) unless the text is a near copy (strongThreshold). */
  titleGuard: number;
  /** Text so alike that an edited headline does not matter. */
  strongThreshold: number;
  /** Past this gap the bar rises: a report on another day of a running event is another story. */
  sameDayHours: number;
  /** A sketch of fewer shingles (a bare headline) only matches an identical one on the same day. */
  minShingles: number;
  /** Editors' source priorities (SourceConfig.priority): higher wins the representative slot. */
  priorities: Priorities;
  sketch: SketchSettings;
}

export const DEFAULT_STORY_SETTINGS: StorySettings = {
  windowHours: 72,
  threshold: 0.3,
  titleGuard: 0.1,
  strongThreshold: 0.5,
  sameDayHours: 30,
  minShingles: 8,
  priorities: {},
  sketch: DEFAULT_SKETCH,
};

/** Story settings with the editors' source priorities from config/sources.yaml. */
export function storySettings(sources: readonly SourceConfig[], overrides: Partial<StorySettings> = {}): StorySettings {
  const priorities: Record<string, number> = {};
  for (const src of sources) if (src.priority) priorities[src.id] = src.priority;
  return { ...DEFAULT_STORY_SETTINGS, ...overrides, priorities: { ...priorities, ...overrides.priorities } };
}

/** An entry as detection sees it. */
export interface Probe {
  entryId: number;
  sourceId: string;
  publishedAt: string;
  language?: string;
  /** The URL key it matches on (see storyUrl). */
  urlKey?: string;
  sketch: Sketch;
}

/** An entry as a comparison reads it: a probe, or a candidate with only the compared part of its sketch. */
export type Compared = Omit<Probe, 'sketch'> & { sketch: ComparedSketch };

export interface Candidate extends Compared {
  storyId: number;
  /** An editor split the new entry out of this story: never join it again automatically. */
  blocked: boolean;
}

/**
 * `storyId` is where the entry goes; `merged` are other stories it also matched, folded into `storyId` (the story
 * created first, so the published id subscribers saw first survives). Folding every matched story makes stories the
 * connected groups of matching entries, whatever order they arrived in.
 */
export type StoryDecision =
  | { method: 'founder' }
  | { method: 'url'; storyId: number; matchEntryId: number; score: 1; merged: number[] }
  | { method: 'similarity'; storyId: number; matchEntryId: number; score: number; merged: number[] };

/** Why a pair did or did not match, for `stories show` and the eval. */
export interface PairVerdict {
  same: boolean;
  score: number;
  reason: string;
}

const HOUR = 3_600_000;

/** Language tags seen (a handful in practice): each pair compared reads two, and a detection several pairs. */
const languages = new Map<string, string | undefined>();

export function languageOf(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  let lang = languages.get(tag);
  if (lang === undefined) {
    lang = tag.toLowerCase().split(/[-_]/)[0];
    if (languages.size >= 256) languages.clear();
    languages.set(tag, lang);
  }
  return lang;
}

/** The similarity rule for two entries from different sources with different URLs. */
export function comparePair(a: Compared, b: Compared, s: StorySettings): PairVerdict {
  return judgePair(a, b, s, true);
}

const verdict = (same: boolean, score: number, reason: string | false): PairVerdict => ({
  same,
  score,
  reason: reason || '',
});

/** comparePair; with `explain` false the reason is left empty: detection compares many pairs and reads none. */
function judgePair(a: Compared, b: Compared, s: StorySettings, explain: boolean): PairVerdict {
  if (a.sourceId === b.sourceId) return verdict(false, 0, explain && 'same source (live-blog updates, follow-ups)');
  const la = languageOf(a.language);
  const lb = languageOf(b.language);
  if (la && lb && la !== lb) return verdict(false, 0, explain && `different languages (${la}, ${lb})`);
  const gapHours = Math.abs(Date.parse(a.publishedAt) - Date.parse(b.publishedAt)) / HOUR;
  if (!(gapHours <= s.windowHours)) return verdict(false, 0, explain && `${gapHours.toFixed(0)} h apart`);
  const score = jaccard(a.sketch.shingles, b.sketch.shingles);
  const thin = Math.min(a.sketch.shingleCount, b.sketch.shingleCount) < s.minShingles;
  if (thin) {
    const ok = score >= s.strongThreshold && gapHours <= s.sameDayHours;
    return verdict(
      ok,
      score,
      explain && `headline only: similarity ${score.toFixed(2)}, ${gapHours.toFixed(0)} h apart`,
    );
  }
  // A running event (strike day 1, day 2) repeats its background: on another day only a near copy counts.
  const bar = gapHours > s.sameDayHours ? s.strongThreshold : s.threshold;
  if (score < bar) return verdict(false, score, explain && `similarity ${score.toFixed(2)} < ${bar}`);
  const [na, nb] = [a.sketch.titleNumbers, b.sketch.titleNumbers];
  if (numbersConflict(na, nb) && score < s.strongThreshold)
    return verdict(false, score, explain && `titles differ in numbers (${na.join(',')} / ${nb.join(',')})`);
  const titles = titleSimilarity(a.sketch.titleWords, b.sketch.titleWords);
  if (titles < s.titleGuard && score < s.strongThreshold)
    return verdict(false, score, explain && `titles share ${titles.toFixed(2)} < ${s.titleGuard}`);
  return verdict(true, score, explain && `similarity ${score.toFixed(2)}, titles ${titles.toFixed(2)}`);
}

/**
 * URL match first (the same article, whatever the text says), then the most similar near duplicate, else the entry
 * founds its own story. Candidates from blocked stories (editor split) are skipped. Every other story the entry
 * matches is merged in too, unless an editor's split keeps two of them apart (`apart`: pairs of story ids).
 */
export function detectStory(
  probe: Probe,
  urlMatches: Candidate[],
  nearCandidates: Candidate[],
  s: StorySettings,
  apart: ReadonlyArray<readonly [number, number]> = [],
): StoryDecision {
  // A translation is its own story unless an editor merges it, even when it names the original's URL: a story
  // with a member in another known language is closed to the entry (whichever member the match went through).
  const lang = languageOf(probe.language);
  const otherLanguage = new Set(
    [...urlMatches, ...nearCandidates]
      .filter((c) => lang && languageOf(c.language) && languageOf(c.language) !== lang)
      .map((c) => c.storyId),
  );
  const open = (c: Candidate) => !c.blocked && !otherLanguage.has(c.storyId) && c.entryId !== probe.entryId;
  const byUrl = urlMatches
    .filter((c) => open(c) && c.urlKey === probe.urlKey)
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.entryId - b.entryId);
  const similar: { c: Candidate; score: number }[] = [];
  for (const c of nearCandidates) {
    if (!open(c)) continue;
    const v = judgePair(probe, c, s, false);
    if (v.same) similar.push({ c, score: v.score });
  }
  similar.sort((a, b) => b.score - a.score || a.c.entryId - b.c.entryId);
  const first = byUrl[0];
  const best = similar[0];
  if (!first && !best) return { method: 'founder' };
  // Stories joined in order of match strength; one an editor split apart from a story already taken stays out.
  const taken: number[] = [];
  for (const c of [...byUrl, ...similar.map((m) => m.c)]) {
    if (taken.includes(c.storyId)) continue;
    const sid = c.storyId;
    if (apart.some(([x, y]) => (x === sid && taken.includes(y)) || (y === sid && taken.includes(x)))) continue;
    taken.push(c.storyId);
  }
  const storyId = Math.min(...taken);
  const merged = taken.filter((id) => id !== storyId).sort((a, b) => a - b);
  if (first) return { method: 'url', storyId, matchEntryId: first.entryId, score: 1, merged };
  if (best) return { method: 'similarity', storyId, matchEntryId: best.c.entryId, score: best.score, merged };
  return { method: 'founder' };
}
