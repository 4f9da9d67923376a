// Background jobs in the server process (issue #12): "fetch now", retag after a taxonomy change, static export. The
// console and the API start one, answer 202 with its record and poll it; the work runs on this process's event loop
// through the same worker functions as `wireroom fetch` and `wireroom retag`, and its state lives in the jobs table.
import path from 'node:path';
import type { WireroomConfig } from '../config/index.ts';
import {
  JOB_KINDS,
  JOB_ORIGINS,
  promised,
  type JobEnd,
  type JobKind,
  type JobOrigin,
  type JobRecord,
  type JobState,
  type NewJob,
} from '../store/index.ts';
import { loadTaxonomy, type Taxonomy } from '../tag/index.ts';
import type { SourceConfig } from '../types.ts';
import { runCycle, unknownSources } from './cycle.ts';
import { retagOnThreads } from './retag.ts';
import type { RetagProgressOptions, ScopedRetagResult } from './retag-scope.ts';
import type { CycleReport, Logger, SourceReport, WorkerDeps } from './types.ts';

export type { JobKind, JobRecord, JobState };

/** The jobs table of either database (src/store/jobs.ts, src/store/pg/jobs.ts), asynchronously. */
export interface JobTable {
  add(j: NewJob): Promise<JobRecord>;
  get(id: number): Promise<JobRecord | undefined>;
  list(q?: { limit?: number; kind?: JobKind; state?: JobState }): Promise<JobRecord[]>;
  start(id: number, at: string, total: number | null): Promise<boolean>;
  progress(id: number, done: number, total: number | null, message?: string | null): Promise<void>;
  finish(id: number, end: JobEnd): Promise<boolean>;
  /** The jobs a runner that is gone left queued or running end as failed; how many. */
  failUnfinished(at: string, message: string): Promise<number>;
  prune(before: string): Promise<number>;
  /** Where several processes run jobs on one database: this runner is alive and still runs these. */
  heartbeat?(ids: readonly number[], at: string): Promise<void>;
  /** There too: asks the process that runs the job to stop it; false once the job has ended. */
  requestCancel?(id: number, at: string): Promise<boolean>;
  /** Which of these jobs another process asked to stop. */
  cancelRequested?(ids: readonly number[]): Promise<number[]>;
}

/** Where jobs run: the jobs table and the work, on one database (sqliteJobHost here, pgJobHost in jobs-pg.ts). */
export interface JobHost {
  readonly jobs: JobTable;
  readonly config: WireroomConfig;
  readonly log?: Logger;
  now?: () => Date;
  /** These sources (every enabled one when none are named) now, due or not, as `wireroom fetch` does. */
  fetch(
    config: WireroomConfig,
    opts: {
      sourceIds?: string[];
      signal: AbortSignal;
      onProgress: (done: number, total: number, r: SourceReport) => void;
    },
  ): Promise<CycleReport>;
  /** Entries stored, in all. */
  entryCount(): Promise<number>;
  /** Re-applies the taxonomy on the prepare threads, as `wireroom retag` does. */
  retag(
    taxonomy: Taxonomy,
    priors: Map<string, SourceConfig>,
    opts: RetagProgressOptions & { threads: number },
  ): Promise<ScopedRetagResult>;
}

/** The SQLite worker's store and functions as a JobHost. */
export function sqliteJobHost(deps: WorkerDeps): JobHost {
  return {
    // JobRepo's methods are the JobTable's, synchronously: behind promises.
    jobs: promised(deps.store.jobs),
    config: deps.config,
    log: deps.log,
    now: deps.now,
    fetch: (config, o) =>
      runCycle(
        { ...deps, config },
        { sourceIds: o.sourceIds, force: true, signal: o.signal, onProgress: o.onProgress },
      ),
    entryCount: async () => [...deps.store.entries.countsBySource().values()].reduce((a, b) => a + b, 0),
    retag: (taxonomy, priors, opts) => retagOnThreads(deps.store, taxonomy, priors, opts),
  };
}

/** Who starts a job: structurally the Actor of src/auth (`{ name, origin, tokenId?, address? }`), which the
 * worker stage may not import. */
export interface JobActor {
  readonly name: string;
  readonly origin: string;
}

/** Fetch these sources now, due or not; none given: every enabled source. */
export interface FetchJobParams {
  sourceIds?: string[];
}
/** Retag the entries published since this date or time (ISO 8601); none given: every entry. */
export interface RetagJobParams {
  since?: string;
  /** Every entry, not only those the edits since the last retag can change. */
  all?: boolean;
}
/** The static export; what the parameters mean is up to the exporter the runner was given. */
export interface ExportJobParams {
  out?: string;
  pages?: number;
}
export interface JobParams {
  fetch: FetchJobParams;
  retag: RetagJobParams;
  export: ExportJobParams;
}

/** What a static export wrote (publish's PublishResult). */
export interface ExportSummary {
  dir: string;
  files: number;
  bytes: number;
}
/** The static export, handed in by whoever creates the runner: the worker stage does not import publish. */
export type SiteExporter = (params: ExportJobParams) => ExportSummary | Promise<ExportSummary>;

/** One source's outcome in a fetch job's result. */
export interface FetchJobSource {
  id: string;
  status: SourceReport['status'];
  httpStatus?: number;
  new: number;
  updated: number;
  unchanged: number;
  error?: string;
  movedTo?: string;
}
export interface FetchJobResult {
  sources: FetchJobSource[];
  newEntries: number;
  failed: number;
  /** Entries past retention removed at the end of the fetch, as `wireroom fetch` does. */
  pruned: number;
}
export interface RetagJobResult {
  /** Entries tagged again. */
  entries: number;
  seconds: number;
  /** Entries read: those out of the edit's scope were left as they are (absent from the results of older jobs). */
  examined?: number;
}

export interface JobRunnerOptions {
  /** Needed for export jobs; without it they are refused. */
  exportSite?: SiteExporter;
  /** The config as it is now, read at each start (the server may reload it after console edits); default deps.config. */
  config?: () => WireroomConfig;
  /** Progress is written at most this often (and at the end); default 250 ms. */
  progressIntervalMs?: number;
  /** Finished jobs created longer ago than this are removed when the runner starts; default 90. */
  keepDays?: number;
  /** How often a runner on a shared database says its jobs still run (JobTable.heartbeat); default 30 s. */
  heartbeatMs?: number;
  /** How often it reads the cancels other processes asked for its jobs (JobTable.cancelRequested); default 1 s. */
  cancelPollMs?: number;
}

/** A request refused before anything starts (unknown source, bad parameter): the API's 4xx, in one line. */
export class JobRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobRequestError';
  }
}

export const INTERRUPTED_MESSAGE = 'interrupted by a restart';
const RETAG_BATCH = 500;

/** What a job covers: a second request covered by a running job of its kind gets that job instead of a new one. */
type Target =
  | { kind: 'fetch'; all: boolean; ids: Set<string> }
  | { kind: 'retag'; since: string; all: boolean }
  | { kind: 'export'; out: string };

interface Outcome {
  progress: number;
  total: number | null;
  message: string;
  result: unknown;
  /** Cancelled before all its work was done. */
  stopped: boolean;
}

type Report = (done: number, total: number | null, message?: string) => void;

/** A validated request: its stored parameters, what it covers, and the work. */
interface Plan {
  params: Record<string, unknown>;
  target: Target;
  total: number | null;
  work: (signal: AbortSignal, report: Report) => Promise<Outcome>;
}

interface ActiveJob {
  id: number;
  target: Target;
  abort: AbortController;
  settled: Promise<void>;
}

/**
 * Runs background jobs in this process, one per target at a time. Create one per database, in the process that
 * serves the console: creating it marks the jobs an earlier process left queued or running as failed.
 */
export class JobRunner {
  /** How many jobs a previous process left unfinished, marked failed as this runner started; starts wait for it. */
  readonly ready: Promise<number>;
  private readonly active = new Map<number, ActiveJob>();
  /** Jobs being inserted: registered, so that a request for the same work waits for the same record. */
  private readonly adding = new Set<{ target: Target; record: Promise<JobRecord> }>();
  private readonly config: () => WireroomConfig;
  private readonly jobs: JobTable;
  private readonly heartbeat: NodeJS.Timeout | undefined;
  private readonly cancelPoll: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: JobHost,
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.config = opts.config ?? (() => host.config);
    this.jobs = host.jobs;
    this.ready = this.sweep(opts.keepDays ?? 90);
    // Kept from an unhandled rejection here; start() reports the failure to whoever starts a job.
    this.ready.catch((err: unknown) => host.log?.error({ err }, 'jobs: the jobs table could not be read'));
    const beat = this.jobs.heartbeat?.bind(this.jobs);
    if (beat) {
      // Each beat also ends the jobs whose runner died since: one that died just before this runner started was
      // still fresh then (it may have been a live process's), and no later start may come to mark it.
      this.heartbeat = setInterval(() => {
        const at = this.now().toISOString();
        beat([...this.active.keys()], at)
          .then(() => this.jobs.failUnfinished(at, INTERRUPTED_MESSAGE))
          .catch((err: unknown) => host.log?.warn({ err }, 'jobs: heartbeat not saved'));
      }, opts.heartbeatMs ?? 30_000).unref();
    }
    const asked = this.jobs.cancelRequested?.bind(this.jobs);
    if (asked) {
      // Cancels asked of another process on the same database (cancel() below) reach this one within a poll.
      this.cancelPoll = setInterval(() => {
        if (!this.active.size) return;
        asked([...this.active.keys()])
          .then((ids) => ids.forEach((id) => this.active.get(id)?.abort.abort()))
          .catch((err: unknown) => host.log?.warn({ err }, 'jobs: cancel requests not read'));
      }, opts.cancelPollMs ?? 1_000).unref();
    }
  }

  /** Marks what a previous process left unfinished as interrupted, and forgets jobs that ended long ago. */
  private async sweep(keepDays: number): Promise<number> {
    const now = this.now();
    const interrupted = await this.jobs.failUnfinished(now.toISOString(), INTERRUPTED_MESSAGE);
    if (interrupted) this.host.log?.warn({ jobs: interrupted }, `jobs: ${interrupted} ${INTERRUPTED_MESSAGE}`);
    await this.jobs.prune(new Date(now.getTime() - keepDays * 86_400_000).toISOString());
    return interrupted;
  }

  /**
   * Starts a job and returns its record at once (queued); the work runs asynchronously. When a running job of the
   * kind already covers the request (the same source, or every source; an earlier or equal retag date; the same
   * export folder), that job's record is returned instead. Throws JobRequestError for a request it refuses.
   */
  async start<K extends JobKind>(kind: K, params: JobParams[K], actor: JobActor): Promise<JobRecord> {
    const origin = actorOrigin(actor);
    const plan = await this.plan(kind, params ?? {});
    await this.ready;
    // From here to the registration nothing awaits but the insert, which is itself registered: two requests for
    // the same work arriving together get one job.
    for (const job of this.active.values()) if (covers(job.target, plan.target)) return this.coveredBy(job.id);
    for (const adding of this.adding) if (covers(adding.target, plan.target)) return adding.record;
    const adding = {
      target: plan.target,
      record: this.jobs.add({ kind, params: plan.params, createdBy: actor.name, origin, at: this.now().toISOString() }),
    };
    this.adding.add(adding);
    let record: JobRecord;
    try {
      record = await adding.record;
    } finally {
      this.adding.delete(adding);
    }
    const abort = new AbortController();
    const settled = this.run(record, plan, abort.signal).finally(() => this.active.delete(record.id));
    this.active.set(record.id, { id: record.id, target: plan.target, abort, settled });
    return record;
  }

  get(id: number): Promise<JobRecord | undefined> {
    return this.jobs.get(id);
  }

  /** Newest first. */
  list(q: { limit?: number; kind?: JobKind; state?: JobState } = {}): Promise<JobRecord[]> {
    return this.jobs.list(q);
  }

  private async coveredBy(id: number): Promise<JobRecord> {
    const record = await this.jobs.get(id);
    if (!record) throw new Error(`jobs: job ${id} vanished while it ran`);
    return record;
  }

  /**
   * Best effort: a fetch stops starting sources (those under way finish), a retag stops between batches, an export
   * runs to its end. The job ends `cancelled` when it stopped short. Returns the record as it is now.
   */
  async cancel(id: number): Promise<JobRecord | undefined> {
    const here = this.active.get(id);
    // A job another process on the same database runs is asked to stop through the jobs table.
    if (here) here.abort.abort();
    else await this.jobs.requestCancel?.(id, this.now().toISOString());
    return this.get(id);
  }

  /** The job's record once it has ended (at once for a job not running here). */
  async settled(id: number): Promise<JobRecord | undefined> {
    await this.active.get(id)?.settled;
    return this.get(id);
  }

  /** Shutting down: cancels every running job and waits for them to stop. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.cancelPoll);
    const jobs = [...this.active.values()];
    for (const job of jobs) job.abort.abort();
    await Promise.all(jobs.map((job) => job.settled));
  }

  private now(): Date {
    return this.host.now?.() ?? new Date();
  }

  private async plan(kind: JobKind, params: object): Promise<Plan> {
    if (!JOB_KINDS.includes(kind))
      throw new JobRequestError(`unknown job kind "${String(kind)}" (${JOB_KINDS.join(', ')})`);
    if (typeof params !== 'object' || Array.isArray(params))
      throw new JobRequestError(`${kind}: parameters must be an object`);
    if (kind === 'fetch') return this.fetchPlan(params as FetchJobParams);
    if (kind === 'retag') return await this.retagPlan(params as RetagJobParams);
    return this.exportPlan(params as ExportJobParams);
  }

  private fetchPlan(params: FetchJobParams): Plan {
    onlyKeys('fetch', params, ['sourceIds']);
    const ids = sourceIdsParam(params.sourceIds);
    const config = this.config();
    const unknown = unknownSources(config, ids ?? []);
    if (unknown.length) throw new JobRequestError(`fetch: unknown source ${unknown.join(', ')}`);
    const sources = ids ? config.sources.filter((s) => ids.includes(s.id)) : config.sources.filter((s) => s.enabled);
    return {
      params: ids ? { sourceIds: ids } : {},
      target: { kind: 'fetch', all: !ids, ids: new Set(sources.map((s) => s.id)) },
      total: sources.length,
      work: async (signal, report) => {
        const cycleReport = await this.host.fetch(config, {
          sourceIds: ids,
          signal,
          onProgress: (done, total, r) => report(done, total, `${r.id}: ${r.error ?? r.status}`),
        });
        return fetchOutcome(cycleReport);
      },
    };
  }

  private async retagPlan(params: RetagJobParams): Promise<Plan> {
    onlyKeys('retag', params, ['since', 'all']);
    const since = sinceParam(params.since);
    if (params.all !== undefined && typeof params.all !== 'boolean')
      throw new JobRequestError(`retag: all must be true or false, got "${String(params.all)}"`);
    const all = params.all === true;
    // Without a date every entry is retagged, so the total is known; with one it is known at the end.
    const total = since ? null : await this.host.entryCount();
    return {
      params: { ...(since ? { since } : {}), ...(all ? { all } : {}) },
      target: { kind: 'retag', since: since ?? '', all },
      total,
      work: async (signal, report) => {
        // The taxonomy as it is on disk now: a retag follows an edit of it.
        const config = this.config();
        const priors = new Map(config.sources.map((s) => [s.id, s]));
        // Tagged on the prepare threads (ingest.threads, one per core), as `wireroom retag` does: this thread only reads, writes
        // and serves requests between batches.
        const r = await this.host.retag(loadTaxonomy(config.dir), priors, {
          threads: config.retagThreads,
          since,
          all,
          batch: RETAG_BATCH,
          signal,
          // Entries read: those out of an edit's scope are done too (left as they are).
          onProgress: (done) => report(done, total, `${done} entries read`),
        });
        const read = r.examined;
        const result: RetagJobResult = { entries: r.entries, seconds: r.seconds, examined: r.examined };
        const of = read === r.entries ? '' : ` of ${read} read (the others cannot change with this edit)`;
        return {
          progress: read,
          total: r.stopped ? total : read,
          message:
            r.need.kind === 'none'
              ? 'nothing to retag: every entry is tagged with the current taxonomy and sources'
              : `retagged ${r.entries} entries${of} in ${r.seconds.toFixed(1)} s`,
          result,
          stopped: r.stopped,
        };
      },
    };
  }

  private exportPlan(params: ExportJobParams): Plan {
    onlyKeys('export', params, ['out', 'pages']);
    const exportSite = this.opts.exportSite;
    if (!exportSite) throw new JobRequestError('export: this server has no static export configured');
    if (params.out !== undefined && (typeof params.out !== 'string' || !params.out.trim()))
      throw new JobRequestError('export: out must be a folder path');
    if (params.pages !== undefined && (!Number.isInteger(params.pages) || params.pages < 1))
      throw new JobRequestError(`export: pages must be a whole number from 1 up (got ${String(params.pages)})`);
    const stored: ExportJobParams = {};
    if (params.out !== undefined) stored.out = params.out;
    if (params.pages !== undefined) stored.pages = params.pages;
    return {
      params: { ...stored },
      target: { kind: 'export', out: stored.out ? path.resolve(stored.out) : '' },
      total: 1,
      work: async () => {
        const r = await exportSite(stored);
        const result: ExportSummary = { dir: r.dir, files: r.files, bytes: r.bytes };
        const message = `published ${r.files} files (${Math.round(r.bytes / 1024)} KiB) to ${r.dir}`;
        return { progress: 1, total: 1, message, result, stopped: false };
      },
    };
  }

  /** The job's life after start: running, throttled progress, then done, cancelled or failed; never throws. */
  private async run(job: JobRecord, plan: Plan, signal: AbortSignal): Promise<void> {
    const jobs = this.jobs;
    // Begin on a later turn: start() has returned the queued record and registered the job by then.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const progress = new ThrottledProgress(
      (done, total, message) => jobs.progress(job.id, done, total, message),
      this.opts.progressIntervalMs ?? 250,
      (err) => this.host.log?.warn({ job: job.id, err }, `${job.kind} job ${job.id}: progress not saved`),
    );
    try {
      if (signal.aborted) {
        await jobs.finish(job.id, {
          state: 'cancelled',
          at: this.now().toISOString(),
          message: 'cancelled before it began',
        });
        return;
      }
      await jobs.start(job.id, this.now().toISOString(), plan.total);
      const outcome = await plan.work(signal, (done, total, message) => progress.report(done, total, message));
      await progress.stop();
      await jobs.finish(job.id, {
        state: outcome.stopped ? 'cancelled' : 'done',
        at: this.now().toISOString(),
        progress: outcome.progress,
        total: outcome.total,
        message: outcome.stopped ? `cancelled: ${outcome.message}` : outcome.message,
        result: outcome.result,
      });
    } catch (err) {
      await progress.stop();
      const reason = err instanceof Error ? err.message : String(err);
      this.host.log?.error({ job: job.id, kind: job.kind, err }, `${job.kind} job ${job.id} failed`);
      try {
        await jobs.finish(job.id, {
          state: 'failed',
          at: this.now().toISOString(),
          message: `${job.kind}: ${reason}`,
        });
      } catch (saveErr) {
        // The database itself is failing; the next runner start marks the job interrupted.
        this.host.log?.error({ job: job.id, err: saveErr }, `${job.kind} job ${job.id}: end not saved`);
      }
    }
  }
}

/** Writes progress at most once per interval, and the latest value after a quiet spell; a failed write is logged. */
class ThrottledProgress {
  private last = -Infinity;
  private pending: [number, number | null, string | undefined] | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The write under way: writes go one after another, and the job's end is written after the last. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (done: number, total: number | null, message?: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  report(done: number, total: number | null, message?: string): void {
    this.pending = [done, total, message];
    const wait = this.last + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait).unref();
  }

  /** No more writes; resolves once the one under way is done. */
  stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    return this.writing;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.last = performance.now();
    this.writing = this.writing.then(() => this.write(...p)).catch(this.onError);
  }
}

function covers(running: Target, wanted: Target): boolean {
  if (running.kind === 'fetch' && wanted.kind === 'fetch')
    return (running.all || !wanted.all) && [...wanted.ids].every((id) => running.ids.has(id));
  if (running.kind === 'retag' && wanted.kind === 'retag')
    return running.since <= wanted.since && (running.all || !wanted.all);
  if (running.kind === 'export' && wanted.kind === 'export') return running.out === wanted.out;
  return false;
}

/** Stopped short: a cancel skipped sources still waiting for a slot (a cancel after the last began changes nothing). */
function fetchOutcome(report: CycleReport): Outcome {
  const sources = report.sources.map((r): FetchJobSource => ({
    id: r.id,
    status: r.status,
    ...(r.httpStatus !== undefined && { httpStatus: r.httpStatus }),
    new: r.new,
    updated: r.updated,
    unchanged: r.unchanged,
    ...(r.error !== undefined && { error: r.error }),
    ...(r.movedTo !== undefined && { movedTo: r.movedTo }),
  }));
  const failed = sources.filter((s) => s.status === 'error' || s.status === 'gone').length;
  const newEntries = sources.reduce((n, s) => n + s.new, 0);
  const result: FetchJobResult = { sources, newEntries, failed, pruned: report.pruned };
  const skipped = sources.filter((s) => s.status === 'skipped').length;
  return {
    progress: sources.length - skipped,
    total: sources.length,
    message: `${sources.length} sources, ${newEntries} new entries, ${failed} failed`,
    result,
    stopped: skipped > 0,
  };
}

function actorOrigin(actor: JobActor): JobOrigin {
  if (typeof actor?.name !== 'string' || !actor.name) throw new JobRequestError('job: the actor has no name');
  const origin = JOB_ORIGINS.find((o) => o === actor.origin);
  if (!origin)
    throw new JobRequestError(`job: unknown origin "${String(actor.origin)}" (expected ${JOB_ORIGINS.join(', ')})`);
  return origin;
}

/** Parameters come from JSON bodies: a misspelt name is refused, not silently ignored. */
function onlyKeys(kind: JobKind, params: object, allowed: string[]): void {
  const extra = Object.keys(params).filter((k) => !allowed.includes(k));
  if (extra.length)
    throw new JobRequestError(`${kind}: unknown parameter ${extra.join(', ')} (expected ${allowed.join(', ')})`);
}

function sourceIdsParam(ids: unknown): string[] | undefined {
  if (ids === undefined || ids === null) return undefined;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !id))
    throw new JobRequestError('fetch: sourceIds must be a list of source ids');
  if (!ids.length) throw new JobRequestError('fetch: sourceIds is empty (leave it out to fetch every enabled source)');
  return [...new Set(ids as string[])];
}

function sinceParam(since: unknown): string | undefined {
  if (since === undefined || since === null || since === '') return undefined;
  const t = typeof since === 'string' ? Date.parse(since) : NaN;
  if (Number.isNaN(t))
    throw new JobRequestError(`retag: since must be a date or time (2024-01-31), got "${String(since)}"`);
  return new Date(t).toISOString();
}
