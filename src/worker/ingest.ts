// One source, one fetch: fetch -> prepare (parse, normalize, key, tag; on a thread) -> one transaction: store,
// tags, story, fetch state.
import { fetchFeed, nextFetchAt, type HostLimiter } from '../fetch/index.ts';
import type { SourceStatus, UpsertResult } from '../store/index.ts';
import type { SourceConfig } from '../types.ts';
import type { PreparedDocument } from './prepare.ts';
import { PrepareError } from './threads.ts';
import type { SourceReport, WorkerDeps } from './types.ts';

export interface IngestOptions {
  limiter?: HostLimiter;
  /** Stopping: a fetch not yet started is skipped (status 'skipped', nothing recorded). */
  signal?: AbortSignal;
}

const EMPTY: UpsertResult = { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };

export async function ingestSource(
  deps: WorkerDeps,
  source: SourceConfig,
  opts: IngestOptions = {},
): Promise<SourceReport> {
  const { config, store } = deps;
  const now = deps.now?.() ?? new Date();
  const startedAt = now.toISOString();
  const state =
    store.sources.get(source.id) ?? (store.sources.sync([source], startedAt), store.sources.get(source.id)!);

  // Shutdown (opts.signal) cancels only a fetch that has not started: one already on the wire ends within its own
  // total timeout and is stored, as `wireroom run` promises ("in-flight work finishes").
  if (opts.signal?.aborted) return notFetched(source, state.nextFetchAt ?? startedAt);
  const limiter = opts.limiter && waitCancelledBy(opts.limiter, opts.signal);
  const outcome = await fetchFeed(source.url, state, config.fetch, { trusted: source.trusted, limiter });
  // Never fetched, so nothing was learned: recording it as a failure would back the source off for a shutdown.
  if (outcome.kind === 'error' && outcome.code === 'aborted') return notFetched(source, state.nextFetchAt ?? startedAt);

  let prepared: PreparedDocument | undefined;
  let parseError: string | undefined;
  let threadDied = false;
  if (outcome.kind === 'ok') {
    try {
      prepared = await deps.preparer.prepare({
        body: outcome.body,
        contentType: outcome.contentType,
        url: outcome.finalUrl,
        source,
        guidReuse: state.guidReuse,
        now: startedAt,
        sketch: deps.stories?.sketchSettings,
      });
    } catch (err) {
      parseError = `${source.id}: ${(err as Error).message}`;
      threadDied = err instanceof PrepareError && err.failed === 'thread';
    }
  }
  const parsed = prepared?.feed;
  const entries = prepared?.entries ?? [];
  const guidReuse = !!prepared?.guidReuseDetected && !state.guidReuse;

  const status: SourceStatus =
    outcome.kind === 'ok'
      ? parseError
        ? 'error'
        : 'ok'
      : outcome.kind === 'not-modified'
        ? 'not-modified'
        : outcome.code === 'gone'
          ? 'gone'
          : 'error';
  const failed = status === 'error' || status === 'gone';
  const next = nextFetchAt(now, {
    outcome: failed ? 'error' : status === 'not-modified' ? 'not-modified' : 'ok',
    intervalMs: (source.intervalMinutes ?? config.fetch.intervalMinutes) * 60_000,
    consecutiveErrors: failed ? state.errorCount + 1 : 0,
    maxAgeSeconds: outcome.kind !== 'error' ? outcome.maxAgeSeconds : undefined,
    ttlMinutes: parsed?.ttlMinutes,
    retryAfterSeconds: outcome.kind === 'error' ? outcome.retryAfterSeconds : undefined,
  }).toISOString();
  const error = parseError ?? (outcome.kind === 'error' ? outcome.reason : undefined);
  const errorCode = parseError
    ? threadDied
      ? 'internal'
      : 'parse'
    : outcome.kind === 'error'
      ? outcome.code
      : undefined;
  const movedTo =
    outcome.permanentUrl && outcome.permanentUrl !== (state.effectiveUrl ?? source.url)
      ? outcome.permanentUrl
      : undefined;
  const warnings = parsed?.warnings ?? [];

  // Everything this fetch learned lands together or not at all: a crash leaves the previous state intact.
  const stored = store.transaction(() => {
    if (guidReuse) store.sources.markGuidReuse(source.id);
    // Feeds list newest first; storing in reverse keeps the feed's order among entries with equal dates.
    const result = entries.length ? store.entries.upsert([...entries].reverse(), startedAt) : EMPTY;
    const tags = prepared?.tags;
    if (tags)
      for (const e of [...result.inserted, ...result.updated])
        store.tags.replace(e.id, e.publishedAt, tags[e.key] ?? []);
    // New entries join or found a story; an edited one may move (a changed link or text), which assign decides.
    const sketches = prepared?.sketches;
    for (const e of result.inserted) {
      if (deps.stories) deps.stories.assign(e, startedAt, sketches?.[e.key]);
      else store.stories.found(e, startedAt);
    }
    if (deps.stories) for (const e of result.updated) deps.stories.assign(e, startedAt, sketches?.[e.key]);
    store.sources.record(source.id, {
      status,
      fetchedAt: startedAt,
      nextFetchAt: next,
      // A body we could not use must be fetched again in full: keeping its validators would turn the next fetch
      // into a 304 that hides the error and never ingests the feed.
      etag: parseError ? null : outcome.kind !== 'error' ? (outcome.etag ?? null) : undefined,
      lastModified: parseError ? null : outcome.kind !== 'error' ? (outcome.lastModified ?? null) : undefined,
      effectiveUrl: movedTo,
      title: parsed?.title,
      siteUrl: parsed?.link,
      error,
      errorCode,
      warnings: outcome.kind === 'ok' ? warnings : undefined,
    });
    store.fetchLog.add({
      sourceId: source.id,
      startedAt,
      durationMs: outcome.durationMs,
      status,
      httpStatus: outcome.status,
      bytes: outcome.kind === 'ok' ? outcome.bytes : 0,
      newCount: result.inserted.length,
      updatedCount: result.updated.length,
      unchangedCount: result.unchanged,
      error,
    });
    return result;
  });

  return {
    id: source.id,
    url: outcome.kind === 'error' ? (outcome.finalUrl ?? source.url) : outcome.finalUrl,
    status,
    httpStatus: outcome.status,
    new: stored.inserted.length,
    updated: stored.updated.length,
    unchanged: stored.unchanged,
    tombstoned: stored.tombstoned,
    bytes: outcome.kind === 'ok' ? outcome.bytes : 0,
    durationMs: outcome.durationMs,
    error,
    errorCode,
    warnings,
    movedTo,
    nextFetchAt: next,
  };
}

/** The limiter, with `signal` cancelling the wait for a slot but not the fetch that holds one. */
function waitCancelledBy(limiter: HostLimiter, signal: AbortSignal | undefined): HostLimiter {
  return {
    run: (host, task) => limiter.run(host, task, signal),
    get active() {
      return limiter.active;
    },
    get waiting() {
      return limiter.waiting;
    },
  };
}

/** A source left as it was (the worker is stopping): still due, no error, no back-off. */
function notFetched(source: SourceConfig, nextFetchAt: string): SourceReport {
  return {
    id: source.id,
    url: source.url,
    status: 'skipped',
    new: 0,
    updated: 0,
    unchanged: 0,
    tombstoned: 0,
    bytes: 0,
    durationMs: 0,
    warnings: [],
    nextFetchAt,
  };
}
