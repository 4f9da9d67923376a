// A cycle: every due source, fetched concurrently under the politeness limits; one bad source never stops it.
import { createHostLimiter } from '../fetch/index.ts';
import type { SourceConfig } from '../types.ts';
import { ingestSource, reportWithoutFetch, type IngestOptions } from './ingest.ts';
import type { CycleReport, SourceReport, WorkerDeps } from './types.ts';

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

export async function runCycle(deps: WorkerDeps, opts: CycleOptions = {}): Promise<CycleReport> {
  const { config, store } = deps;
  const start = deps.now?.() ?? new Date();
  store.sources.sync(config.sources, start.toISOString());
  const due = dueSources(deps, start, opts);
  const limiter = createHostLimiter({ global: config.fetch.concurrency, perHost: config.fetch.perHost });
  const reports: SourceReport[] = [];

  // The limiter holds back requests; all sources are started at once and wait for their slot.
  await Promise.all(
    due.map(async (source) => {
      const report = await ingestOrReport(deps, source, { limiter, signal: opts.signal });
      reports.push(report);
      opts.onProgress?.(reports.length, due.length, report);
    }),
  );

  const now = deps.now?.() ?? new Date();
  const pruned = pruneOld(deps, now);
  return {
    startedAt: start.toISOString(),
    durationMs: now.getTime() - start.getTime(),
    sources: inOrderOf(due, reports),
    pruned,
  };
}

/** A bug or a database problem in one source is reported; the others go on. */
async function ingestOrReport(deps: WorkerDeps, source: SourceConfig, opts: IngestOptions): Promise<SourceReport> {
  try {
    return await ingestSource(deps, source, opts);
  } catch (err) {
    deps.log?.error({ source: source.id, err }, 'source failed');
    return failedReport(source, err);
  }
}

/** Entries past retention (tombstoned, so they do not come back) and fetch-log rows older than 30 days. */
function pruneOld(deps: WorkerDeps, now: Date): number {
  const { config, store } = deps;
  const cutoff = new Date(now.getTime() - config.retentionDays * 86_400_000).toISOString();
  const pruned = store.entries.prune(cutoff, now.toISOString());
  store.fetchLog.prune(new Date(now.getTime() - 30 * 86_400_000).toISOString());
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
