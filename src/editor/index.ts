// The editor stage: the editorial operations the CLI, the console and the JSON API share (issue #12). Config files
// stay the source of truth: every write is checked against the version the editor read (If-Match / ETag, 412 when
// stale), validated like `wireroom check` on a copy of the folder, and swapped in atomically with its comments kept.
// Database decisions (tag corrections, story merges and splits) write their audit row in their own transaction.
export { ABSENT_VERSION, StaleFileError, assertVersion, fileVersion, versionMatches, versionOf } from './version.ts';
export { checkConfigDir } from './check.ts';
export {
  NotFoundError,
  addedProblems,
  editConfigFile,
  inRealDir,
  readConfigFile,
  withConfigCopy,
  type EditOutcome,
  type FileEdit,
} from './write.ts';
export {
  addSource,
  addSources,
  listSources,
  removeSource,
  setSourceEnabled,
  updateSource,
  type ListedSource,
  type SourcePatch,
} from './sources.ts';
export {
  OpmlError,
  exportOpml,
  importOpml,
  normalizeFeedUrl,
  previewOpml,
  type OpmlImport,
  type OpmlRow,
  type OpmlRowStatus,
} from './opml.ts';
export {
  createCollection,
  deleteCollection,
  listCollections,
  updateCollection,
  type CollectionSpec,
  type CollectionTerms,
} from './collections.ts';
export {
  addCountryAlias,
  addTopic,
  addTopicKeywords,
  listCountryAliases,
  listTopics,
  removeCountryAlias,
  removeTopic,
  removeTopicKeywords,
  updateTopic,
  type AliasSpec,
  type PerLanguage,
  type TopicPatch,
  type TopicSpec,
} from './taxonomy.ts';
export {
  InvalidEditError,
  auditFileEdit,
  fileEditAudit,
  correctTag,
  formatTag,
  formatTagChange,
  mergeStories,
  parseTagChange,
  splitStory,
  storyMergeAudit,
  storySplitAudit,
  tagChange,
  tagCorrectionAudit,
  type StoryChange,
  type TagChange,
  type TagCorrection,
} from './newsroom.ts';
export {
  rulesDiff,
  type CandidateTaxonomy,
  type RulesDiff,
  type RulesDiffEntry,
  type RulesDiffStore,
} from './rules.ts';
export { sqliteEditorStore, type EditorReads, type EditorStore } from './editor-store.ts';
