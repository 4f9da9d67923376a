// The tag stage: countries (focus or mention), regions and topics for an entry, each with the reason.
// The tagger itself is tagger.ts; the taxonomy's loading and checks are taxonomy.ts.
export { createTagger, tagEntry, type Tagger, type TaggerOptions, type TagInput } from './tagger.ts';
export {
  loadTaxonomy,
  checkTaxonomy,
  checkSourcePriors,
  TOPICS_FILE,
  COUNTRIES_FILE,
  type Taxonomy,
} from './taxonomy.ts';
export { REGIONS, regionsOf } from './regions.ts';
export { confidenceOf, type Confidence } from './confidence.ts';
export type { TopicDef } from './topics.ts';
export { taggingVersion, type TaggingVersion } from './version.ts';
export { inScope, retagNeed, type RetagNeed, type RetagScope, type ScopedEntry } from './scope.ts';
export type { RoleWords } from './roles.ts';
export { unsafeRegexReason } from './safe-regex.ts';
export { sharedCities as buildSharedTaggerData } from './data.ts';
