// Background jobs in the server process (issue #12): "fetch now", retag after a taxonomy change, static export. The
// console and the API start one, answer 202 with its record and poll it; the work runs on this process's event loop
// through the same worker functions as `wireroom fetch` and `wireroom retag`, and its state lives in the jobs table.
import path from 'node:path';
import type { WireroomConfig } from '../config/index.ts';
import { JOB_KINDS, JOB_ORIGINS, type JobKind, type JobOrigin, type JobRecord, type JobState } from '../store/index.ts';
import { loadTaxonomy } from '../tag/index.ts';
import { dueSources, runCycle, unknownSources } from './cycle.ts';
import { retagOnThreads } from './retag.ts';
import type { CycleReport, SourceReport, WorkerDeps } from './types.ts';

export type { JobKind, JobRecord, JobState };

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
  entries: number;
  seconds: number;
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
  | { kind: 'retag'; since: string }
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
  /** Jobs a previous process left unfinished, marked failed when this runner was created. */
  readonly interrupted: number;
  private readonly active = new Map<number, ActiveJob>();
  private readonly config: () => WireroomConfig;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.config = opts.config ?? (() => deps.config);
    const now = this.now();
    this.interrupted = deps.store.jobs.failUnfinished(now.toISOString(), INTERRUPTED_MESSAGE);
    if (this.interrupted)
      deps.log?.warn({ jobs: this.interrupted }, `jobs: ${this.interrupted} ${INTERRUPTED_MESSAGE}`);
    const keepDays = opts.keepDays ?? 90;
    deps.store.jobs.prune(new Date(now.getTime() - keepDays * 86_400_000).toISOString());
  }

  /**
   * Starts a job and returns its record at once (queued); the work runs asynchronously. When a running job of the
   * kind already covers the request (the same source, or every source; an earlier or equal retag date; the same
   * export folder), that job's record is returned instead. Throws JobRequestError for a request it refuses.
   */
  start<K extends JobKind>(kind: K, params: JobParams[K], actor: JobActor): JobRecord {
    const origin = actorOrigin(actor);
    const plan = this.plan(kind, params ?? {});
    for (const job of this.active.values()) {
      const record = covers(job.target, plan.target) ? this.deps.store.jobs.get(job.id) : undefined;
      if (record) return record;
    }
    const record = this.deps.store.jobs.add({
      kind,
      params: plan.params,
      createdBy: actor.name,
      origin,
      at: this.now().toISOString(),
    });
    const abort = new AbortController();
    const settled = this.run(record, plan, abort.signal).finally(() => this.active.delete(record.id));
    this.active.set(record.id, { id: record.id, target: plan.target, abort, settled });
    return record;
  }

  get(id: number): JobRecord | undefined {
    return this.deps.store.jobs.get(id);
  }

  /** Newest first. */
  list(q: { limit?: number; kind?: JobKind; state?: JobState } = {}): JobRecord[] {
    return this.deps.store.jobs.list(q);
  }

  /**
   * Best effort: a fetch stops starting sources (those under way finish), a retag stops between batches, an export
   * runs to its end. The job ends `cancelled` when it stopped short. Returns the record as it is now.
   */
  cancel(id: number): JobRecord | undefined {
    this.active.get(id)?.abort.abort();
    return this.get(id);
  }

  /** The job's record once it has ended (at once for a job not running here). */
  async settled(id: number): Promise<JobRecord | undefined> {
    await this.active.get(id)?.settled;
    return this.get(id);
  }

  /** Shutting down: cancels every running job and waits for them to stop. */
  async stop(): Promise<void> {
    const jobs = [...this.active.values()];
    for (const job of jobs) job.abort.abort();
    await Promise.all(jobs.map((job) => job.settled));
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private plan(kind: JobKind, params: object): Plan {
    if (!JOB_KINDS.includes(kind))
      throw new JobRequestError(`unknown job kind "${String(kind)}" (${JOB_KINDS.join(', ')})`);
    if (typeof params !== 'object' || Array.isArray(params))
      throw new JobRequestError(`${kind}: parameters must be an object`);
    if (kind === 'fetch') return this.fetchPlan(params as FetchJobParams);
    if (kind === 'retag') return this.retagPlan(params as RetagJobParams);
    return this.exportPlan(params as ExportJobParams);
  }

  private fetchPlan(params: FetchJobParams): Plan {
    onlyKeys('fetch', params, ['sourceIds']);
    const ids = sourceIdsParam(params.sourceIds);
    const config = this.config();
    const unknown = unknownSources(config, ids ?? []);
    if (unknown.length) throw new JobRequestError(`fetch: unknown source ${unknown.join(', ')}`);
    const deps: WorkerDeps = { ...this.deps, config };
    const cycle = { sourceIds: ids, force: true };
    const sources = dueSources(deps, this.now(), cycle);
    return {
      params: ids ? { sourceIds: ids } : {},
      target: { kind: 'fetch', all: !ids, ids: new Set(sources.map((s) => s.id)) },
      total: sources.length,
      work: async (signal, report) => {
        const cycleReport = await runCycle(deps, {
          ...cycle,
          signal,
          onProgress: (done, total, r) => report(done, total, `${r.id}: ${r.error ?? r.status}`),
        });
        return fetchOutcome(cycleReport);
      },
    };
  }

  private retagPlan(params: RetagJobParams): Plan {
    onlyKeys('retag', params, ['since']);
    const since = sinceParam(params.since);
    const store = this.deps.store;
    // Without a date every entry is retagged, so the total is known; with one it is known at the end.
    const total = since ? null : [...store.entries.countsBySource().values()].reduce((a, b) => a + b, 0);
    return {
      params: since ? { since } : {},
      target: { kind: 'retag', since: since ?? '' },
      total,
      work: async (signal, report) => {
        // The taxonomy as it is on disk now: a retag follows an edit of it.
        const config = this.config();
        const priors = new Map(config.sources.map((s) => [s.id, s]));
        // Tagged on the prepare threads (ingest.threads), as `wireroom retag` does: this thread only reads, writes
        // and serves requests between batches.
        const r = await retagOnThreads(store, loadTaxonomy(config.dir), priors, {
          threads: config.ingestThreads,
          since,
          batch: RETAG_BATCH,
          signal,
          onProgress: (done) => report(done, total, `${done} entries retagged`),
        });
        const result: RetagJobResult = { entries: r.entries, seconds: r.seconds };
        return {
          progress: r.entries,
          total: r.stopped ? total : r.entries,
          message: `retagged ${r.entries} entries in ${r.seconds.toFixed(1)} s`,
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
    const jobs = this.deps.store.jobs;
    // Begin on a later turn: start() has returned the queued record and registered the job by then.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const progress = new ThrottledProgress(
      (done, total, message) => jobs.progress(job.id, done, total, message),
      this.opts.progressIntervalMs ?? 250,
      (err) => this.deps.log?.warn({ job: job.id, err }, `${job.kind} job ${job.id}: progress not saved`),
    );
    try {
      if (signal.aborted) {
        jobs.finish(job.id, { state: 'cancelled', at: this.now().toISOString(), message: 'cancelled before it began' });
        return;
      }
      jobs.start(job.id, this.now().toISOString(), plan.total);
      const outcome = await plan.work(signal, (done, total, message) => progress.report(done, total, message));
      progress.stop();
      jobs.finish(job.id, {
        state: outcome.stopped ? 'cancelled' : 'done',
        at: this.now().toISOString(),
        progress: outcome.progress,
        total: outcome.total,
        message: outcome.stopped ? `cancelled: ${outcome.message}` : outcome.message,
        result: outcome.result,
      });
    } catch (err) {
      progress.stop();
      const reason = err instanceof Error ? err.message : String(err);
      this.deps.log?.error({ job: job.id, kind: job.kind, err }, `${job.kind} job ${job.id} failed`);
      try {
        jobs.finish(job.id, { state: 'failed', at: this.now().toISOString(), message: `${job.kind}: ${reason}` });
      } catch (saveErr) {
        // The database itself is failing; the next runner start marks the job interrupted.
        this.deps.log?.error({ job: job.id, err: saveErr }, `${job.kind} job ${job.id}: end not saved`);
      }
    }
  }
}

/** Writes progress at most once per interval, and the latest value after a quiet spell; a failed write is logged. */
class ThrottledProgress {
  private last = -Infinity;
  private pending: [number, number | null, string | undefined] | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (done: number, total: number | null, message?: string) => void,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  report(done: number, total: number | null, message?: string): void {
    this.pending = [done, total, message];
    const wait = this.last + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.last = performance.now();
    try {
      this.write(...p);
    } catch (err) {
      this.onError(err);
    }
  }
}

function covers(running: Target, wanted: Target): boolean {
  if (running.kind === 'fetch' && wanted.kind === 'fetch')
    return (running.all || !wanted.all) && [...wanted.ids].every((id) => running.ids.has(id));
  if (running.kind === 'retag' && wanted.kind === 'retag') return running.since <= wanted.since;
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
