// Background jobs on PostgreSQL (issue #15): JobRepo's operations (src/store/jobs.ts) with the same records, for the
// job runner of a `wireroom run` on PostgreSQL. Unlike SQLite, several processes may run jobs on one database: each
// keeps a heartbeat on the jobs it runs (migration 008), and only jobs whose heartbeat went stale count as
// interrupted.
import {
  jobMessage,
  rowToJob,
  type JobEnd,
  type JobKind,
  type JobRecord,
  type JobRow,
  type JobState,
  type NewJob,
} from '../jobs.ts';
import type { Queryable } from './connect.ts';
import { withoutNul, withoutNulOr } from './text.ts';

/** A running job's heartbeat is touched at least this often (src/worker/jobs.ts); twice that is stale. */
export const JOB_HEARTBEAT_MS = 30_000;
const STALE_MS = 4 * JOB_HEARTBEAT_MS;

/** JSON as jsonb takes it: no U+0000 in a string (a source's error may quote one), as the fetch log stores it. */
const storable = (_key: string, v: unknown) => (typeof v === 'string' ? withoutNul(v) : v);
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value, storable));
/** A message as text holds it (no U+0000). */
const message = (text: string | null | undefined) => withoutNulOr(jobMessage(text));

const COLUMNS = `id, kind, params, state, progress, total, message, created_by, origin, created_at, started_at,
  finished_at, result`;

export class PgJobRepo {
  constructor(private readonly q: Queryable) {}

  /** A new job, queued, its heartbeat its creation. */
  async add(j: NewJob): Promise<JobRecord> {
    const { rows } = await this.q.query<JobRow>(
      `INSERT INTO jobs (kind, params, state, created_by, origin, created_at, heartbeat_at)
       VALUES ($1, $2, 'queued', $3, $4, $5, $5) RETURNING ${COLUMNS}`,
      [j.kind, JSON.stringify(j.params, storable), j.createdBy, j.origin, j.at],
    );
    const row = rows[0];
    if (!row) throw new Error('jobs: the new job was not returned');
    return rowToJob(row);
  }

  async get(id: number): Promise<JobRecord | undefined> {
    const { rows } = await this.q.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return rows[0] ? rowToJob(rows[0]) : undefined;
  }

  /** Newest first. */
  async list(q: { limit?: number; kind?: JobKind; state?: JobState } = {}): Promise<JobRecord[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.kind) where.push(`kind = $${args.push(q.kind)}`);
    if (q.state) where.push(`state = $${args.push(q.state)}`);
    const limit = `$${args.push(q.limit ?? 50)}`;
    const { rows } = await this.q.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`,
      args,
    );
    return rows.map(rowToJob);
  }

  /** Queued to running; false when the job is not queued (cancelled before it began). */
  async start(id: number, at: string, total: number | null): Promise<boolean> {
    const r = await this.q.query(
      `UPDATE jobs SET state = 'running', started_at = $1, heartbeat_at = $1, total = $2
        WHERE id = $3 AND state = 'queued'`,
      [at, total, id],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** How far a running job got; the message stays as it was when none is given. */
  async progress(id: number, done: number, total: number | null, text?: string | null): Promise<void> {
    await this.q.query(
      `UPDATE jobs SET progress = $1, total = $2, message = coalesce($3, message) WHERE id = $4 AND state = 'running'`,
      [done, total, message(text), id],
    );
  }

  /** The runner of these jobs is alive at `at`. */
  async heartbeat(ids: readonly number[], at: string): Promise<void> {
    if (!ids.length) return;
    await this.q.query(
      `UPDATE jobs SET heartbeat_at = $1 WHERE id = ANY ($2::bigint[]) AND state IN ('queued', 'running')`,
      [at, ids],
    );
  }

  /** Asks whichever process runs the job to stop it (cancel() on a runner that does not run it); false once ended. */
  async requestCancel(id: number, at: string): Promise<boolean> {
    const r = await this.q.query(
      `UPDATE jobs SET cancel_requested_at = coalesce(cancel_requested_at, $2)
        WHERE id = $1 AND state IN ('queued', 'running')`,
      [id, at],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** Which of these jobs another process asked to stop. */
  async cancelRequested(ids: readonly number[]): Promise<number[]> {
    if (!ids.length) return [];
    const { rows } = await this.q.query<{ id: number }>(
      'SELECT id FROM jobs WHERE id = ANY ($1::bigint[]) AND cancel_requested_at IS NOT NULL',
      [ids],
    );
    return rows.map((r) => Number(r.id));
  }

  /** A queued or running job ends; false when it had already ended. */
  async finish(id: number, end: JobEnd): Promise<boolean> {
    const r = await this.q.query(
      `UPDATE jobs SET state = $1, finished_at = $2, progress = coalesce($3, progress),
         total = CASE WHEN $4 THEN $5 ELSE total END, message = $6, result = $7
       WHERE id = $8 AND state IN ('queued', 'running')`,
      [
        end.state,
        end.at,
        end.progress ?? null,
        end.total !== undefined,
        end.total ?? null,
        message(end.message),
        json(end.result),
        id,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * Jobs left queued or running by a runner that died (their heartbeat stale at `at`) end as failed, with the
   * reason; jobs another live process runs are left alone.
   */
  async failUnfinished(at: string, text: string): Promise<number> {
    const stale = new Date(Date.parse(at) - STALE_MS).toISOString();
    const r = await this.q.query(
      `UPDATE jobs SET state = 'failed', finished_at = $1, message = $2
        WHERE state IN ('queued', 'running') AND coalesce(heartbeat_at, started_at, created_at) < $3`,
      [at, message(text), stale],
    );
    return r.rowCount ?? 0;
  }

  /** Jobs that ended before `before` go. */
  async prune(before: string): Promise<number> {
    const r = await this.q.query(
      `DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < $1`,
      [before],
    );
    return r.rowCount ?? 0;
  }
}
