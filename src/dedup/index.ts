// Dedup stage: identity within a source (assignKeys) and cross-source stories (assignStory).
export { assignKeys, entryKey, keysOf, type KeyedBatch } from './identity.ts';
export { itemFingerprint, unseenToStore, type ItemContext } from './seen.ts';
export { urlKey, storyUrl, isArticleUrl, isFoldedParam, stripTracking } from './urls.ts';
export {
  DEFAULT_SKETCH,
  sketch,
  words,
  htmlText,
  leadWords,
  openingWords,
  jaccard,
  titleSimilarity,
  type Sketch,
  type SketchInput,
  type SketchSettings,
} from './similarity.ts';
export {
  DEFAULT_STORY_SETTINGS,
  storySettings,
  comparePair,
  detectStory,
  languageOf,
  type Candidate,
  type Compared,
  type PairVerdict,
  type Probe,
  type StoryDecision,
  type StorySettings,
} from './detect.ts';
export {
  pickRepresentative,
  placement,
  storyRules,
  survivingStory,
  type Placement,
  type Priorities,
} from './policy.ts';
export {
  assignStory,
  createFounderOnlyAssigner,
  createStoryDetector,
  probeOf,
  type StoryAssigner,
  type StoryResult,
} from './assign.ts';
export { RecentBuckets, type StoryKeySource } from './recent.ts';
export {
  createPgStoryAssigner,
  storyLockKeys,
  type AsyncStoryTables,
  type LookedUp,
  type LookedUpCandidate,
  type PgStoryAssigner,
  type StoryLookup,
} from './assign-pg.ts';
export { SketchCache } from './sketch-cache.ts';
export { compared, decodeSketchKey, encodeSketchKey, type ComparedSketch } from './sketch-key.ts';
export { LshIndex, type IndexedKey } from './lsh-index.ts';
export { explainStory } from './explain.ts';
