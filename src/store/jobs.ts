// Background jobs (migration 012): what the runner in src/worker/jobs.ts started, how far it got and how it ended.
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export type JobKind = 'fetch' | 'retag' | 'export';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type JobOrigin = 'cli' | 'console' | 'api';

export const JOB_KINDS: readonly JobKind[] = ['fetch', 'retag', 'export'];
export const JOB_ORIGINS: readonly JobOrigin[] = ['cli', 'console', 'api'];
/** The states a job ends in; queued and running are the others. */
export const FINISHED_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** The longest message stored (the column's CHECK): one line for a list or a progress bar, not a log. */
export const JOB_MESSAGE_MAX = 500;

export interface JobRecord {
  id: number;
  kind: JobKind;
  params: Record<string, unknown>;
  state: JobState;
  /** Units done: sources for fetch, entries for retag. */
  progress: number;
  /** Units in all; null while unknown. */
  total: number | null;
  /** The last progress line, or why a failed job failed. */
  message: string | null;
  createdBy: string;
  origin: JobOrigin;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What the job produced (JSON), once finished. */
  result: unknown;
}

export interface NewJob {
  kind: JobKind;
  params: Record<string, unknown>;
  createdBy: string;
  origin: JobOrigin;
  at: string;
}

export interface JobEnd {
  state: 'done' | 'failed' | 'cancelled';
  at: string;
  progress?: number;
  total?: number | null;
  message?: string | null;
  result?: unknown;
}

/** A jobs row as both stores read it (src/store/pg/jobs.ts too). */
export interface JobRow {
  id: number;
  kind: string;
  params: string;
  state: string;
  progress: number;
  total: number | null;
  message: string | null;
  created_by: string;
  origin: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
}

export const rowToJob = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind as JobKind,
  params: parseJson<Record<string, unknown>>(r.params, {}),
  state: r.state as JobState,
  progress: r.progress,
  total: r.total,
  message: r.message,
  createdBy: r.created_by,
  origin: r.origin as JobOrigin,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  result: parseJson<unknown>(r.result, null),
});

/** One line of at most JOB_MESSAGE_MAX characters: remote error text may carry newlines and any length. */
export function jobMessage(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > JOB_MESSAGE_MAX ? `${line.slice(0, JOB_MESSAGE_MAX - 1)}…` : line;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export class JobRepo {
  // Prepared once: a running job writes its progress a few times a second.
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare<[string, string, string, string, string]>(
        `INSERT INTO jobs (kind, params, state, created_by, origin, created_at) VALUES (?, ?, 'queued', ?, ?, ?)`,
      ),
      get: db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?'),
      start: db.prepare<[string, number | null, number]>(
        `UPDATE jobs SET state = 'running', started_at = ?, total = ? WHERE id = ? AND state = 'queued'`,
      ),
      progress: db.prepare<[number, number | null, string | null, number]>(
        `UPDATE jobs SET progress = ?, total = ?, message = coalesce(?, message) WHERE id = ? AND state = 'running'`,
      ),
      finish: db.prepare<[string, string, number | null, number, number | null, string | null, string | null, number]>(
        `UPDATE jobs SET state = ?, finished_at = ?, progress = coalesce(?, progress),
           total = CASE WHEN ? THEN ? ELSE total END, message = ?, result = ?
         WHERE id = ? AND state IN ('queued', 'running')`,
      ),
    };
  }

  /** A new job, queued. */
  add(j: NewJob): JobRecord {
    const id = Number(
      this.stmts.insert.run(j.kind, JSON.stringify(j.params), j.createdBy, j.origin, j.at).lastInsertRowid,
    );
    const job = this.get(id);
    if (!job) throw new Error(`jobs: job ${id} vanished right after it was added`);
    return job;
  }

  get(id: number): JobRecord | undefined {
    const row = this.stmts.get.get(id);
    return row ? rowToJob(row) : undefined;
  }

  /** Newest first. */
  list(q: { limit?: number; kind?: JobKind; state?: JobState } = {}): JobRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.kind) {
      where.push('kind = ?');
      args.push(q.kind);
    }
    if (q.state) {
      where.push('state = ?');
      args.push(q.state);
    }
    args.push(q.limit ?? 50);
    return this.db
      .prepare<(string | number)[], JobRow>(
        `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args)
      .map(rowToJob);
  }

  /** Queued to running; false when the job is not queued (cancelled before it began). */
  start(id: number, at: string, total: number | null): boolean {
    return this.stmts.start.run(at, total, id).changes > 0;
  }

  /** How far a running job got; the message stays as it was when none is given. */
  progress(id: number, done: number, total: number | null, message?: string | null): void {
    this.stmts.progress.run(done, total, jobMessage(message), id);
  }

  /** A queued or running job ends; false when it had already ended. */
  finish(id: number, end: JobEnd): boolean {
    const setTotal = end.total !== undefined ? 1 : 0;
    return (
      this.stmts.finish.run(
        end.state,
        end.at,
        end.progress ?? null,
        setTotal,
        end.total ?? null,
        jobMessage(end.message),
        json(end.result),
        id,
      ).changes > 0
    );
  }

  /** After a crash or restart nothing runs the jobs left queued or running: they end as failed, with the reason. */
  failUnfinished(at: string, message: string): number {
    return this.db
      .prepare<[string, string | null]>(
        `UPDATE jobs SET state = 'failed', finished_at = ?, message = ? WHERE state IN ('queued', 'running')`,
      )
      .run(at, jobMessage(message)).changes;
  }

  /** Keeps the table from growing without bound: jobs that ended before `before` go. */
  prune(before: string): number {
    return this.db
      .prepare<[string]>(`DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < ?`)
      .run(before).changes;
  }
}
