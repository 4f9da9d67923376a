// One source, one fetch: fetch -> prepare (parse, normalize, key, tag; on a thread) -> one transaction: store,
// tags, story, fetch state.
import { fetchFeed, nextFetchAt, type HostLimiter } from '../fetch/index.ts';
import type { FetchLogRecord, FetchRecord, SourceState, Store, StoredEntry, UpsertResult } from '../store/index.ts';
import type { FetchOutcome, SourceConfig } from '../types.ts';
import { taggingVersion } from '../tag/index.ts';
import type { PreparedDocument, PreparedFeed } from './prepare.ts';
import { PrepareError } from './threads.ts';
import type { Slots } from './slots.ts';
import type { SourceReport, WorkerDeps } from './types.ts';
import type { WriteBatcher } from './writes.ts';

export interface IngestOptions {
  limiter?: HostLimiter;
  /** Stores the source in a savepoint of a transaction shared with other sources (a cycle's); else its own. */
  writes?: WriteBatcher;
  /**
   * Documents fetched and not yet stored, a cycle's: a fetched body holds its fetch slot until one of these is free,
   * so fetching waits for parsing and storing instead of piling up bodies and prepared entries in memory.
   */
  documents?: Slots;
  /** Stopping: a fetch not yet started is skipped (status 'skipped', nothing recorded). */
  signal?: AbortSignal;
}

const EMPTY: UpsertResult = { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };

type FetchedStatus = 'ok' | 'not-modified' | 'error' | 'gone';

/** Why a fetched body could not be used: the document itself (parse) or the thread that held it (internal). */
interface PrepareFailure {
  reason: string;
  code: 'parse' | 'internal';
}

/** What this fetch means for the source, decided before anything is written. */
export interface Verdict {
  status: FetchedStatus;
  nextFetchAt: string;
  error: string | undefined;
  errorCode: string | undefined;
  /** The source's new address, when a chain of permanent redirects moved it. */
  movedTo: string | undefined;
  warnings: string[];
  /** A body came but could not be used. */
  unusable: boolean;
}

export async function ingestSource(
  deps: WorkerDeps,
  source: SourceConfig,
  opts: IngestOptions = {},
): Promise<SourceReport> {
  const { config, store } = deps;
  const now = deps.now?.() ?? new Date();
  const startedAt = now.toISOString();
  const state = sourceState(store, source, startedAt);

  // Shutdown (opts.signal) cancels only a fetch that has not started: one already on the wire ends within its own
  // total timeout and is stored, as `wireroom run` promises ("in-flight work finishes").
  if (opts.signal?.aborted) return notFetched(source, state.nextFetchAt ?? startedAt);
  const slot: { release?: () => void } = {};
  const limiter = opts.limiter && waitCancelledBy(opts.limiter, opts.signal, opts.documents, slot);
  try {
    const outcome = await fetchFeed(source.url, state, config.fetch, { trusted: source.trusted, limiter });
    // Never fetched, so nothing was learned: recording it as a failure would back the source off for a shutdown.
    if (outcome.kind === 'error' && outcome.code === 'aborted')
      return notFetched(source, state.nextFetchAt ?? startedAt);
    return await ingestFetched(deps, source, state, outcome, now, opts.writes);
  } finally {
    slot.release?.();
  }
}

/** Prepares what came and stores it, with the source's new fetch state, all or nothing. */
async function ingestFetched(
  deps: WorkerDeps,
  source: SourceConfig,
  state: SourceState,
  outcome: FetchOutcome,
  now: Date,
  writes: WriteBatcher | undefined,
): Promise<SourceReport> {
  const { store } = deps;
  const startedAt = now.toISOString();

  const { prepared, failure } = await prepareFetched(deps, source, state, outcome, startedAt);
  const verdict = judge(deps, source, state, outcome, now, prepared?.feed, failure);
  const entries = prepared?.entries ?? [];
  const guidReuse = !!prepared?.guidReuseDetected && !state.guidReuse;

  // Everything this fetch learned lands together or not at all: a crash leaves the previous state intact.
  const write = () => {
    if (guidReuse) store.sources.markGuidReuse(source.id);
    // Feeds list newest first; storing in reverse keeps the feed's order among entries with equal dates.
    const upserted = entries.length ? store.entries.upsert([...entries].reverse(), startedAt) : EMPTY;
    // Items seen unchanged were not prepared: the store would have found them unchanged.
    const seenUnchanged = prepared?.seenUnchanged ?? 0;
    const result = seenUnchanged ? { ...upserted, unchanged: upserted.unchanged + seenUnchanged } : upserted;
    const touched = [...result.inserted, ...result.updated];
    const tags = prepared?.tags;
    if (tags) {
      // The source's entries' tags in a few statements, not one or more per entry (see TagRepo.replaceMany).
      const tagged = (list: readonly StoredEntry[]) =>
        list.map((e) => ({ id: e.id, publishedAt: e.publishedAt, tags: tags[e.key] ?? [] }));
      store.tags.replaceMany(tagged(result.inserted), true);
      store.tags.replaceMany(tagged(result.updated));
      // What these tags were made with, so that a retag after an edit knows which entries it can change.
      const taxonomy = deps.preparer.taxonomy;
      if (touched.length && taxonomy)
        store.tagVersions.touch(taggingVersion(taxonomy, deps.config.sources), Date.now());
    }
    // New entries join or found a story; an edited one may move (a changed link or text), which assign decides.
    const sketches = prepared?.sketches;
    for (const e of touched) deps.stories.assign(e, startedAt, sketches?.[e.key]);
    store.sources.record(source.id, fetchRecord(startedAt, outcome, verdict, prepared?.feed));
    store.fetchLog.add(fetchLogRow(source.id, startedAt, outcome, verdict, result));
    return result;
  };
  const stored = writes ? await writes.write(write) : store.transaction(write);
  // Committed: the next document from the source need not prepare these items again.
  if (prepared?.fingerprints) deps.seen?.remember(source.id, prepared.fingerprints, startedAt);
  else deps.seen?.fetched(source.id, startedAt);

  return reportFor(source, outcome, verdict, stored);
}

/** The source's remembered fetch state; a source new to the database is added first. */
function sourceState(store: Store, source: SourceConfig, now: string): SourceState {
  const known = store.sources.get(source.id);
  if (known) return known;
  store.sources.sync([source], now);
  const added = store.sources.get(source.id);
  if (!added) throw new Error(`${source.id}: source could not be added to the database`);
  return added;
}

/** Parse, normalize, key, tag and sketch a fetched body (on a prepare thread); nothing to do without a body. */
export async function prepareFetched(
  deps: WorkerDeps,
  source: SourceConfig,
  state: SourceState,
  outcome: FetchOutcome,
  startedAt: string,
): Promise<{ prepared?: PreparedDocument; failure?: PrepareFailure }> {
  if (outcome.kind !== 'ok') return {};
  try {
    const prepared = await deps.preparer.prepare({
      body: outcome.body,
      contentType: outcome.contentType,
      url: outcome.finalUrl,
      source,
      guidReuse: state.guidReuse,
      now: startedAt,
      sketch: deps.stories.sketchSettings,
      seen: deps.seen?.of(source.id, state.lastFetchAt),
    });
    return { prepared };
  } catch (err) {
    const threadDied = err instanceof PrepareError && err.failed === 'thread';
    return { failure: { reason: `${source.id}: ${(err as Error).message}`, code: threadDied ? 'internal' : 'parse' } };
  }
}

export function judge(
  deps: WorkerDeps,
  source: SourceConfig,
  state: SourceState,
  outcome: FetchOutcome,
  now: Date,
  feed: PreparedFeed | undefined,
  failure: PrepareFailure | undefined,
): Verdict {
  const status = statusOf(outcome, failure);
  return {
    status,
    nextFetchAt: scheduleNext(deps, source, state, outcome, status, feed, now),
    ...errorOf(outcome, failure),
    movedTo: movedTo(outcome, state, source),
    warnings: feed?.warnings ?? [],
    unusable: failure !== undefined,
  };
}

function statusOf(outcome: FetchOutcome, failure: PrepareFailure | undefined): FetchedStatus {
  if (outcome.kind === 'ok') return failure ? 'error' : 'ok';
  if (outcome.kind === 'not-modified') return 'not-modified';
  return outcome.code === 'gone' ? 'gone' : 'error';
}

/** Failures back off; Cache-Control max-age, RSS <ttl> and Retry-After are lower bounds on the next fetch. */
function scheduleNext(
  deps: WorkerDeps,
  source: SourceConfig,
  state: SourceState,
  outcome: FetchOutcome,
  status: FetchedStatus,
  feed: PreparedFeed | undefined,
  now: Date,
): string {
  const scheduled = status === 'error' || status === 'gone' ? 'error' : status;
  const intervalMinutes = source.intervalMinutes ?? deps.config.fetch.intervalMinutes;
  return nextFetchAt(now, {
    outcome: scheduled,
    intervalMs: intervalMinutes * 60_000,
    consecutiveErrors: scheduled === 'error' ? state.errorCount + 1 : 0,
    maxAgeSeconds: outcome.kind === 'error' ? undefined : outcome.maxAgeSeconds,
    ttlMinutes: feed?.ttlMinutes,
    retryAfterSeconds: outcome.kind === 'error' ? outcome.retryAfterSeconds : undefined,
  }).toISOString();
}

function errorOf(
  outcome: FetchOutcome,
  failure: PrepareFailure | undefined,
): { error: string | undefined; errorCode: string | undefined } {
  if (failure) return { error: failure.reason, errorCode: failure.code };
  if (outcome.kind === 'error') return { error: outcome.reason, errorCode: outcome.code };
  return { error: undefined, errorCode: undefined };
}

/** A permanent redirect to somewhere other than where the source already is. */
function movedTo(outcome: FetchOutcome, state: SourceState, source: SourceConfig): string | undefined {
  const permanentUrl = outcome.permanentUrl;
  if (!permanentUrl || permanentUrl === (state.effectiveUrl ?? source.url)) return undefined;
  return permanentUrl;
}

export function fetchRecord(
  startedAt: string,
  outcome: FetchOutcome,
  verdict: Verdict,
  feed: PreparedFeed | undefined,
): FetchRecord {
  return {
    status: verdict.status,
    fetchedAt: startedAt,
    nextFetchAt: verdict.nextFetchAt,
    ...validatorsToStore(outcome, verdict.unusable),
    effectiveUrl: verdict.movedTo,
    title: feed?.title,
    siteUrl: feed?.link,
    error: verdict.error,
    errorCode: verdict.errorCode,
    warnings: outcome.kind === 'ok' ? verdict.warnings : undefined,
  };
}

/**
 * ETag and Last-Modified to remember: null clears them, undefined keeps the stored ones. A body we could not use must
 * be fetched again in full: keeping its validators would turn the next fetch into a 304 that hides the error.
 */
function validatorsToStore(
  outcome: FetchOutcome,
  unusable: boolean,
): { etag: string | null | undefined; lastModified: string | null | undefined } {
  if (unusable) return { etag: null, lastModified: null };
  if (outcome.kind === 'error') return { etag: undefined, lastModified: undefined };
  return { etag: outcome.etag ?? null, lastModified: outcome.lastModified ?? null };
}

export function fetchLogRow(
  sourceId: string,
  startedAt: string,
  outcome: FetchOutcome,
  verdict: Verdict,
  result: UpsertResult,
): FetchLogRecord {
  return {
    sourceId,
    startedAt,
    durationMs: outcome.durationMs,
    status: verdict.status,
    httpStatus: outcome.status,
    bytes: bodyBytes(outcome),
    newCount: result.inserted.length,
    updatedCount: result.updated.length,
    unchangedCount: result.unchanged,
    error: verdict.error,
  };
}

export function reportFor(
  source: SourceConfig,
  outcome: FetchOutcome,
  verdict: Verdict,
  stored: UpsertResult,
): SourceReport {
  return {
    id: source.id,
    url: outcome.finalUrl ?? source.url,
    status: verdict.status,
    httpStatus: outcome.status,
    new: stored.inserted.length,
    updated: stored.updated.length,
    unchanged: stored.unchanged,
    tombstoned: stored.tombstoned,
    bytes: bodyBytes(outcome),
    durationMs: outcome.durationMs,
    error: verdict.error,
    errorCode: verdict.errorCode,
    warnings: verdict.warnings,
    movedTo: verdict.movedTo,
    nextFetchAt: verdict.nextFetchAt,
  };
}

/** Bytes received on the wire; only a fetch that brought a body counts any. */
function bodyBytes(outcome: FetchOutcome): number {
  return outcome.kind === 'ok' ? outcome.bytes : 0;
}

/** The limiter, with `signal` cancelling the wait for a slot but not the fetch that holds one. */
function waitCancelledBy(
  limiter: HostLimiter,
  signal: AbortSignal | undefined,
  documents: Slots | undefined,
  slot: { release?: () => void },
): HostLimiter {
  return {
    run: (host, task) =>
      limiter.run(
        host,
        async () => {
          const out = await task();
          // A body keeps its fetch slot until there is room for one more document (see IngestOptions.documents).
          if (documents && (out as FetchOutcome | undefined)?.kind === 'ok') slot.release = await documents.acquire();
          return out;
        },
        signal,
      ),
    get active() {
      return limiter.active;
    },
    get waiting() {
      return limiter.waiting;
    },
  };
}

/** A source left as it was (the worker is stopping): still due, no error, no back-off. */
export function notFetched(source: SourceConfig, nextFetchAt: string): SourceReport {
  return reportWithoutFetch(source, { status: 'skipped', nextFetchAt });
}

/** The report of a source that stored nothing this cycle: `fields` says why and when it is due next. */
export function reportWithoutFetch(
  source: SourceConfig,
  fields: Pick<SourceReport, 'status' | 'nextFetchAt'> & Partial<SourceReport>,
): SourceReport {
  return {
    id: source.id,
    url: source.url,
    new: 0,
    updated: 0,
    unchanged: 0,
    tombstoned: 0,
    bytes: 0,
    durationMs: 0,
    warnings: [],
    ...fields,
  };
}
