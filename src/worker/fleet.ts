// One worker of a fleet on PostgreSQL (issue #15): it claims due sources with a lease, fetches them with their stored
// validators, prepares them on the thread pool, and writes each with the fenced write, which stores nothing if the
// lease was lost. Any number of these share one database; the per-host limit holds across all of them. What a fetch
// means (next fetch time, moved, gone, errors, the fetch_log row) is decided by the same functions as on SQLite.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { WireroomConfig } from '../config/index.ts';
import { createPgStoryAssigner, storySettings, type PgStoryAssigner } from '../dedup/index.ts';
import { fetchFeed } from '../fetch/index.ts';
import type { ClaimedSource, FetchWriteResult, PgStore } from '../store/index.ts';
import { taggingVersion } from '../tag/index.ts';
import type { SourceConfig } from '../types.ts';
import {
  fetchLogRow,
  fetchRecord,
  judge,
  notFetched,
  prepareFetched,
  reportFor,
  reportWithoutFetch,
} from './ingest.ts';
import { cycleFigures, type CycleFigures } from './cycle.ts';
import { preparerForConfig } from './deps.ts';
import type { Preparer } from './threads.ts';
import type { CycleReport, Logger, SourceReport, WorkerDeps } from './types.ts';

export interface FleetDeps {
  config: WireroomConfig;
  pg: PgStore;
  preparer: Preparer;
  log?: Logger;
  now?: () => Date;
  /** Story detection (default: on, with the config's source priorities), in each source's write transaction. */
  stories?: PgStoryAssigner;
}

export interface FleetOptions {
  /** This worker's name on its leases; unique per process. */
  owner: string;
  /** Seconds a claim holds a source; renewed every third of it while the source is in flight. */
  leaseSeconds: number;
  /** Stopping: no new claims; fetches under way finish and are written. */
  signal?: AbortSignal;
  /**
   * Only these sources, due or not, each once (`wireroom fetch`, as its force on SQLite): a source another worker
   * holds is waited for. Absent: every enabled source that is due.
   */
  named?: readonly string[];
  /** Told of each source as it is done. */
  onSource?: (report: SourceReport) => void;
  /** An editor's one-off (`fetch --source`): not a cycle of the worker, so not recorded for /healthz. */
  oneOff?: boolean;
}

/** A name no other process shares: host, pid and a random part (pids repeat across machines and restarts). */
export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Long enough for a fetch at its total timeout plus preparing and writing it; renewals cover the rest. */
export function defaultLeaseSeconds(config: WireroomConfig): number {
  return Math.max(60, Math.ceil((config.fetch.timeoutMs / 1000) * 2));
}

/** How long a worker whose sources' hosts are full waits before claiming again. */
const HOST_WAIT_MS = 100;

const EMPTY = { inserted: [], updated: [], unchanged: 0, tombstoned: 0 };

/**
 * One cycle: claims due sources (at most fetch.concurrency in flight, fetch.per_host per host across the fleet) until
 * none is left that this worker may take, each written as it finishes. Sources other workers hold are theirs.
 */
export async function runFleetCycle(deps: FleetDeps, opts: FleetOptions): Promise<CycleReport> {
  const { config, pg } = deps;
  const clock = () => deps.now?.() ?? new Date();
  const start = clock();
  const named = opts.named && new Set(opts.named);
  const chosen = config.sources.filter((s) => (named ? named.has(s.id) : s.enabled));
  const byId = new Map(chosen.map((s) => [s.id, s]));
  await pg.sources.sync(config.sources, start.toISOString());
  /** Named sources not claimed yet (claims take them in the order asked). */
  const left = named && chosen.map((s) => s.id);
  const claim = (room: number) =>
    left
      ? pg.claimNamed(opts.owner, clock().toISOString(), left, room, opts.leaseSeconds, config.fetch.perHost)
      : pg.sources.claimDueSources(opts.owner, clock().toISOString(), room, opts.leaseSeconds, config.fetch.perHost, [
          ...byId.keys(),
        ]);

  const stories = deps.stories ?? createPgStoryAssigner(storySettings(config.sources));
  /** Stories founded by what this cycle wrote (counted from committed writes only). */
  const made = { count: 0 };
  const inFlight = new Map<string, Promise<void>>();
  const refill = Math.max(1, Math.floor(config.fetch.concurrency / 4));
  const reports: SourceReport[] = [];
  // Leases of slow fetches are extended before they run out, so no other worker fetches the source meanwhile.
  const renew = setInterval(
    () => {
      const ids = [...inFlight.keys()];
      if (ids.length)
        void pg.sources
          .renewLeases(opts.owner, ids, clock().toISOString(), opts.leaseSeconds)
          .catch((err: unknown) => deps.log?.warn({ err: (err as Error).message }, 'lease renewal failed'));
    },
    (opts.leaseSeconds * 1000) / 3,
  );
  try {
    for (;;) {
      if (opts.signal?.aborted) break;
      const room = config.fetch.concurrency - inFlight.size;
      // Claims in batches: one claim per finished fetch would be a claim transaction per source (4 round trips).
      if (inFlight.size && room < refill) {
        await Promise.race(inFlight.values());
        continue;
      }
      const claimed = room ? await claim(room) : [];
      if (left) for (const c of claimed) left.splice(left.indexOf(c.id), 1);
      for (const c of claimed) {
        const source = byId.get(c.id);
        if (!source) continue; // `only` keeps to enabled sources: unreachable, but never fetch an unknown id.
        let bug: unknown;
        const done = ingestClaimed({ ...deps, stories }, source, c, opts, made)
          .catch((err: unknown) => failedReport(source, (bug = err), clock()))
          .then((r) => {
            logFailure(deps.log, r, bug);
            reports.push(r);
            opts.onSource?.(r);
          });
        inFlight.set(
          c.id,
          done.finally(() => inFlight.delete(c.id)),
        );
      }
      if (!claimed.length && !inFlight.size) {
        // Nothing claimable and nothing running: done, unless due sources wait only for their host to have room
        // (other workers' fetches fill it): then this worker keeps claiming as they finish.
        // Named sources left wait for their host, or for the worker that holds one to finish it.
        if (!(left ? left.length : await pg.sources.countWaiting(clock().toISOString(), [...byId.keys()]))) break;
        await new Promise((r) => setTimeout(r, HOST_WAIT_MS));
        continue;
      }
      // Wait for a slot (or, when hosts are full, for one of ours to finish and free its host).
      if (!claimed.length || inFlight.size >= config.fetch.concurrency) await Promise.race(inFlight.values());
    }
    await Promise.all(inFlight.values());
  } finally {
    clearInterval(renew);
  }
  const pruned = opts.signal?.aborted ? 0 : await pruneOld(deps, clock());
  const end = clock();
  const report: CycleReport = {
    startedAt: start.toISOString(),
    durationMs: end.getTime() - start.getTime(),
    sources: reports.sort((a, b) => a.id.localeCompare(b.id)),
    pruned,
    storiesMade: made.count,
  };
  // As the SQLite cycle records its own: /healthz in any process says whether the fleet keeps up.
  if (!opts.oneOff)
    await pg
      .recordCycle({
        startedAt: report.startedAt,
        finishedAt: end.toISOString(),
        durationMs: report.durationMs,
        figures: { ...cycleFigures(report) },
      })
      .catch((err: unknown) => deps.log?.warn({ err: (err as Error).message }, 'cycle not recorded'));
  return report;
}

/**
 * Retention, as the SQLite cycle's pruneOld: entries past retention (tombstoned), fetch-log and cycle rows older than
 * 30 days. One worker of the fleet prunes at a time; the others skip. A failure is logged, never the cycle's.
 */
async function pruneOld(deps: FleetDeps, now: Date): Promise<number> {
  const day = 86_400_000;
  try {
    const r = await deps.pg.prune({
      entries: new Date(now.getTime() - deps.config.retentionDays * day).toISOString(),
      log: new Date(now.getTime() - 30 * day).toISOString(),
      now: now.toISOString(),
    });
    return r.pruned;
  } catch (err) {
    deps.log?.warn({ err: (err as Error).message }, 'retention failed');
    return 0;
  }
}

/** Fetch -> prepare -> one fenced write. A source not fetched (stopping) gets its lease back, still due. */
async function ingestClaimed(
  deps: FleetDeps,
  source: SourceConfig,
  state: ClaimedSource,
  opts: FleetOptions,
  made = { count: 0 },
): Promise<SourceReport> {
  const { config, pg } = deps;
  const stories = deps.stories ?? createPgStoryAssigner(storySettings(config.sources));
  // judge and prepareFetched read only config, preparer and stories.sketchSettings (sketches made on a thread).
  const decide = {
    config,
    preparer: deps.preparer,
    stories: { sketchSettings: stories.sketchSettings },
  } as unknown as WorkerDeps;
  const now = deps.now?.() ?? new Date();
  const startedAt = now.toISOString();
  if (opts.signal?.aborted) return giveBack(pg, opts.owner, source, state);
  const outcome = await fetchFeed(source.url, state, config.fetch, { trusted: source.trusted });
  if (outcome.kind === 'error' && outcome.code === 'aborted') return giveBack(pg, opts.owner, source, state);

  const { prepared, failure } = await prepareFetched(decide, source, state, outcome, startedAt);
  const verdict = judge(decide, source, state, outcome, now, prepared?.feed, failure);
  // Feeds list newest first; storing in reverse keeps the feed's order among entries with equal dates.
  const entries = [...(prepared?.entries ?? [])].reverse();
  const written: FetchWriteResult = await pg.storeFetch(opts.owner, (deps.now?.() ?? new Date()).toISOString(), {
    sourceId: source.id,
    entries,
    tags: prepared?.tags,
    // What these tags were made with, so that a retag after an edit knows which entries it can change.
    tagVersion: deps.preparer.taxonomy ? taggingVersion(deps.preparer.taxonomy, config.sources) : undefined,
    guidReuse: !!prepared?.guidReuseDetected && !state.guidReuse,
    record: fetchRecord(startedAt, outcome, verdict, prepared?.feed),
    // New entries join or found a story; an edited one may move. Same decision as SQLite's, under key locks.
    stories: async (tables, result) =>
      (await stories.assign(tables, [...result.inserted, ...result.updated], startedAt, prepared?.sketches))
        .storiesMade,
    log: fetchLogRow(source.id, startedAt, outcome, verdict, EMPTY),
  });
  if (!written.stored) {
    const who = written.holder ? `worker ${written.holder} holds it now` : 'it ran out';
    deps.log?.warn({ source: source.id }, `lease lost (${who}): nothing written`);
    return reportWithoutFetch(source, {
      status: 'skipped',
      nextFetchAt: state.nextFetchAt ?? startedAt,
      error: `lease lost: ${who}`,
    });
  }
  made.count += written.storiesMade ?? 0;
  return reportFor(source, outcome, verdict, written.result);
}

async function giveBack(pg: PgStore, owner: string, source: SourceConfig, state: ClaimedSource) {
  await pg.sources.releaseLeases(owner, [source.id]);
  return notFetched(source, state.nextFetchAt ?? new Date().toISOString());
}

/**
 * Each failing source's one log line, as the SQLite cycle writes it: the source's fault is a warning; a bug or a
 * database problem is an error, with its stack on the same line.
 */
function logFailure(log: Logger | undefined, r: SourceReport, err: unknown): void {
  if (r.status !== 'error' && r.status !== 'gone') return;
  const line = { source: r.id, errorClass: r.errorCode ?? 'unknown', reason: r.error };
  if (err === undefined) log?.warn(line, 'source failed');
  else log?.error({ ...line, err }, 'source failed');
}

/** A source whose write failed (the database went away): reported, its lease left to run out. */
function failedReport(source: SourceConfig, err: unknown, now: Date): SourceReport {
  return reportWithoutFetch(source, {
    status: 'error',
    nextFetchAt: now.toISOString(),
    error: `${source.id}: ${(err as Error).message}`,
    errorCode: 'internal',
  });
}

export interface FleetWorker {
  /** No new cycle or claim; resolves when in-flight fetches are written and every lease is given back. */
  stop(): Promise<void>;
  /** Runs a cycle now unless one is running (then waits for that one). */
  runNow(): Promise<CycleReport | undefined>;
}

/** Cycles on the config's schedule (node-cron, as `wireroom run`), never two at once in one process. */
export function startFleetWorker(
  deps: FleetDeps,
  opts: Omit<FleetOptions, 'signal'> & {
    onCycle?: (r: CycleReport) => void;
    schedule?: boolean;
    /** The config as edited since start (src/config liveConfig): each cycle runs on the sources and taxonomy of now. */
    config?: () => WireroomConfig;
  },
): FleetWorker {
  const abort = new AbortController();
  let running: Promise<CycleReport | undefined> | undefined;
  let current = deps;
  const cycle = (): Promise<CycleReport | undefined> => {
    if (abort.signal.aborted) return Promise.resolve(undefined);
    const edited = running ? undefined : opts.config?.();
    if (edited && edited !== current.config)
      current = { ...current, config: edited, preparer: preparerForConfig(current.preparer, edited, deps.log) };
    running ??= runFleetCycle(current, { ...opts, signal: abort.signal })
      .then((r) => {
        opts.onCycle?.(r);
        return r;
      })
      .catch((err: unknown) => {
        deps.log?.error({ err: (err as Error).message }, 'cycle failed');
        return undefined;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const { cron, timezone } = deps.config.schedule;
  const task =
    opts.schedule === false
      ? undefined
      : import('node-cron').then(({ default: nodeCron }) =>
          nodeCron.schedule(cron, () => void cycle(), { name: 'wireroom-fleet', timezone, noOverlap: true }),
        );
  return {
    runNow: cycle,
    async stop() {
      abort.abort();
      await (await task)?.stop();
      await running;
      // Claimed and not fetched (none should be left, but a failed write leaves its lease): due again at once.
      await deps.pg.sources.releaseLeases(opts.owner);
    },
  };
}

/** A cycle's log line (`cycle done`): the SQLite cycle's figures (cycleFigures), and what retention removed. */
export function cycleSummary(r: CycleReport): { startedAt: string; pruned: number } & CycleFigures {
  return { startedAt: r.startedAt, ...cycleFigures(r), pruned: r.pruned };
}

/** `wireroom worker --once`'s line. */
export function describeCycle(r: CycleReport): string {
  const count = (status: SourceReport['status']) => r.sources.filter((s) => s.status === status).length;
  const s = cycleFigures(r);
  const skipped = count('skipped');
  return (
    `${s.sourcesDue} sources fetched by this worker (${s.sourcesOk} ok, ${s.sourcesNotModified} not modified, ` +
    `${s.sourcesFailed} failed${skipped ? `, ${skipped} not written` : ''}), ${s.entriesNew} new entries, ` +
    `in ${(r.durationMs / 1000).toFixed(1)} s` +
    (r.pruned ? `; ${r.pruned} entries past retention removed` : '')
  );
}
