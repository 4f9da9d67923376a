// The worker stage: cycles of ingest over due sources, on the configured schedule.
export { runCycle, dueSources, unknownSources, cycleFigures, type CycleOptions, type CycleFigures } from './cycle.ts';
export { createWorkerDeps } from './deps.ts';
export { ingestSource } from './ingest.ts';
export { startWorker, type Worker, type WorkerOptions } from './schedule.ts';
export type { CycleReport, SourceReport, WorkerDeps, StoryAssigner, Logger } from './types.ts';
export { retag, retagOnThreads, diffRules, type RuleDiff } from './retag.ts';
export type { RetagResult, ScopedRetagResult } from './retag-scope.ts';
export { retagOnPostgres, type PgRetagResult } from './retag-pg.ts';
export { createPreparer, PrepareError, type Preparer } from './threads.ts';
export type { PrepareInput, PreparedDocument } from './prepare.ts';
export {
  discoverFeeds,
  FeedLookupError,
  COMMON_FEED_PATHS,
  type Discovery,
  type DiscoverOptions,
  type FeedCandidate,
} from './discover.ts';
export {
  previewSource,
  PREVIEW_ITEMS,
  type SourcePreview,
  type FeedPreview,
  type PagePreview,
  type PreviewItem,
  type PreviewDeps,
  type PreviewOptions,
} from './preview.ts';
export {
  JobRunner,
  sqliteJobHost,
  JobRequestError,
  INTERRUPTED_MESSAGE,
  type JobActor,
  type JobHost,
  type JobTable,
  type JobParams,
  type FetchJobParams,
  type RetagJobParams,
  type ExportJobParams,
  type SiteExporter,
  type ExportSummary,
  type FetchJobResult,
  type FetchJobSource,
  type RetagJobResult,
  type JobRunnerOptions,
  type JobRecord,
  type JobKind,
  type JobState,
} from './jobs.ts';
