// A cycle: every due source, fetched concurrently under the politeness limits; one bad source never stops it.
import { createHostLimiter } from '../fetch/index.ts';
import type { SourceConfig } from '../types.ts';
import { ingestSource, reportWithoutFetch, type IngestOptions } from './ingest.ts';
import type { CycleReport, SourceReport, StoryAssigner, WorkerDeps } from './types.ts';
import { createSlots } from './slots.ts';
import { createWriteBatcher } from './writes.ts';

export interface CycleOptions {
  /** Only these sources (editors' `fetch --source`); they are fetched even if not due. */
  sourceIds?: string[];
  /** Fetch every enabled source now, due or not. */
  force?: boolean;
  /** Stopping: sources still waiting for a fetch slot are skipped; fetches under way finish. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, report: SourceReport) => void;
}

/** Ids that name no configured source: asking for them is a mistake, not an empty cycle. */
export function unknownSources(config: WorkerDeps['config'], ids: readonly string[]): string[] {
  return ids.filter((id) => !config.sources.some((s) => s.id === id));
}

/** Due: enabled, not gone, and its next fetch time has come (a little early is fine: jitter). */
export function dueSources(deps: WorkerDeps, now: Date, opts: CycleOptions): SourceConfig[] {
  const { config, store } = deps;
  const ids = opts.sourceIds;
  if (ids) {
    const unknown = unknownSources(config, ids);
    if (unknown.length) throw new Error(`unknown source ${unknown.join(', ')} (see \`wireroom sources list\`)`);
    return config.sources.filter((s) => ids.includes(s.id));
  }
  if (opts.force) return config.sources.filter((s) => s.enabled);
  const slackMs = 60_000;
  const states = new Map(store.sources.list().map((s) => [s.id, s]));
  return config.sources.filter((s) => {
    if (!s.enabled) return false;
    const st = states.get(s.id);
    if (!st || !st.nextFetchAt) return true;
    if (st.status === 'gone') return false;
    return Date.parse(st.nextFetchAt) <= now.getTime() + slackMs;
  });
}

/**
 * Fetched documents not yet stored, at most: enough to keep every prepare thread busy and a few waiting to be
 * written (the threads hand them back one at a time); past it, a fetched body waits (holding its fetch slot) instead
 * of the cycle holding all its documents and their prepared entries at once (about 0.3 MB each). 48 held about 10 MB
 * more at the cold cycle's peak than 16, for no time saved (#14).
 */
const DOCUMENTS_IN_FLIGHT = 16;

export async function runCycle(deps: WorkerDeps, opts: CycleOptions = {}): Promise<CycleReport> {
  const { config, store } = deps;
  const start = deps.now?.() ?? new Date();
  store.sources.sync(config.sources, start.toISOString());
  const due = dueSources(deps, start, opts);
  const limiter = createHostLimiter({ global: config.fetch.concurrency, perHost: config.fetch.perHost });
  const reports: SourceReport[] = [];
  const writes = createWriteBatcher(store, { stillComing: () => due.length - reports.length });
  const documents = createSlots(DOCUMENTS_IN_FLIGHT);
  // Sources being stored -> keys of their entries that founded a story; a stored source's keys become a count.
  const founders = new Map<string, Set<string>>();
  let storiesMade = 0;
  const counted: WorkerDeps = { ...deps, stories: countingStories(deps.stories, founders) };

  // The limiter holds back requests; all sources are started at once and wait for their slot.
  await Promise.all(
    due.map(async (source) => {
      const report = await ingestOrReport(counted, source, { limiter, writes, documents, signal: opts.signal });
      // Its write has committed (or failed) for good: the keys need not be kept for the rest of the cycle (60,000
      // strings at 3,000 sources). A source that failed stored nothing: the stories its entries founded before it
      // failed were rolled back.
      if (!isFailed(report)) storiesMade += founders.get(source.id)?.size ?? 0;
      founders.delete(source.id);
      reports.push(report);
      opts.onProgress?.(reports.length, due.length, report);
    }),
  );

  const now = deps.now?.() ?? new Date();
  const pruned = pruneOld(deps, now);
  const report: CycleReport = {
    startedAt: start.toISOString(),
    durationMs: now.getTime() - start.getTime(),
    sources: inOrderOf(due, reports),
    pruned,
    storiesMade,
  };
  const figures = cycleFigures(report);
  // Only a cycle over every due source says the worker keeps up: `fetch --source` is an editor's one-off.
  if (!opts.sourceIds)
    store.cycles.record({
      startedAt: report.startedAt,
      finishedAt: now.toISOString(),
      durationMs: report.durationMs,
      figures: { ...figures },
    });
  deps.log?.info({ startedAt: report.startedAt, ...figures }, 'cycle done');
  deps.onCycleDone?.(report);
  return report;
}

/** What a cycle did, in numbers: its one log line, the row /healthz reads, the figures an operator graphs. */
export interface CycleFigures {
  sourcesDue: number;
  /** Due sources whose fetch was tried (the rest were left due by a shutdown). */
  sourcesFetched: number;
  sourcesOk: number;
  sourcesNotModified: number;
  /** Errors and sources gone (HTTP 410); each has a `source failed` line of its own. */
  sourcesFailed: number;
  entriesNew: number;
  entriesUpdated: number;
  storiesMade: number;
  durationMs: number;
}

export function cycleFigures(r: CycleReport): CycleFigures {
  const count = (status: SourceReport['status']) => r.sources.filter((s) => s.status === status).length;
  return {
    sourcesDue: r.sources.length,
    sourcesFetched: r.sources.length - count('skipped'),
    sourcesOk: count('ok'),
    sourcesNotModified: count('not-modified'),
    sourcesFailed: r.sources.filter(isFailed).length,
    entriesNew: r.sources.reduce((n, s) => n + s.new, 0),
    entriesUpdated: r.sources.reduce((n, s) => n + s.updated, 0),
    storiesMade: r.storiesMade,
    durationMs: r.durationMs,
  };
}

function isFailed(s: SourceReport): boolean {
  return s.status === 'error' || s.status === 'gone';
}

/**
 * The story assigner, noting the entries of this cycle that found a story, by source and key: a write may run twice
 * (see WriteBatcher), and an entry counted twice is still one story.
 */
function countingStories(stories: StoryAssigner, founders: Map<string, Set<string>>): StoryAssigner {
  return {
    sketchSettings: stories.sketchSettings,
    assign(entry, now, computed) {
      const result = stories.assign(entry, now, computed);
      // Founding while in no story (a new entry) makes one; an edited entry that stays in its story does not.
      if (entry.storyId === undefined && result.decision.method === 'founder' && !result.pinned) {
        let keys = founders.get(entry.sourceId);
        if (!keys) founders.set(entry.sourceId, (keys = new Set()));
        keys.add(entry.key);
      }
      return result;
    },
  };
}

/** A bug or a database problem in one source is reported; the others go on. Each failure logs one line. */
async function ingestOrReport(deps: WorkerDeps, source: SourceConfig, opts: IngestOptions): Promise<SourceReport> {
  let report: SourceReport;
  let err: unknown;
  try {
    report = await ingestSource(deps, source, opts);
  } catch (e) {
    err = e;
    report = failedReport(source, e);
  }
  if (!isFailed(report)) return report;
  const line = { source: report.id, errorClass: report.errorCode ?? 'unknown', reason: report.error };
  // The source's fault is a warning; a bug in wireroom is an error, with its stack on the same line.
  if (err === undefined) deps.log?.warn(line, 'source failed');
  else deps.log?.error({ ...line, err }, 'source failed');
  return report;
}

/** Entries past retention (tombstoned, so they do not come back) and fetch-log rows older than 30 days. */
function pruneOld(deps: WorkerDeps, now: Date): number {
  const { config, store } = deps;
  const cutoff = new Date(now.getTime() - config.retentionDays * 86_400_000).toISOString();
  const pruned = store.entries.prune(cutoff, now.toISOString());
  store.fetchLog.prune(new Date(now.getTime() - 30 * 86_400_000).toISOString());
  store.cycles.prune(new Date(now.getTime() - 30 * 86_400_000).toISOString());
  return pruned;
}

/** Reports arrive as fetches finish; they are listed in the order the sources are configured. */
function inOrderOf(due: SourceConfig[], reports: SourceReport[]): SourceReport[] {
  const order = new Map(due.map((s, i) => [s.id, i]));
  return reports.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

function failedReport(source: SourceConfig, err: unknown): SourceReport {
  return reportWithoutFetch(source, {
    status: 'error',
    error: `${source.id}: ${(err as Error).message}`,
    errorCode: 'internal',
    nextFetchAt: new Date().toISOString(),
  });
}
