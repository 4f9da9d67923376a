// The worker's finished cycles: when ingest last ran and what it did, for health checks in any process.
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export interface CycleRecord {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The cycle's figures as its log line gives them (sources due, fetched, failed; entries new...). */
  figures: Record<string, number>;
}

export interface CycleRow {
  started_at: string;
  finished_at: string;
  duration_ms: number;
  figures: string;
}

export class CycleRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare<[string, string, number, string]>(
        'INSERT INTO worker_cycles (started_at, finished_at, duration_ms, figures) VALUES (?, ?, ?, ?)',
      ),
      last: db.prepare<[], CycleRow>(
        'SELECT started_at, finished_at, duration_ms, figures FROM worker_cycles ORDER BY id DESC LIMIT 1',
      ),
      prune: db.prepare<[string]>('DELETE FROM worker_cycles WHERE finished_at < ?'),
    };
  }

  record(c: CycleRecord): void {
    this.stmts.insert.run(c.startedAt, c.finishedAt, Math.round(c.durationMs), JSON.stringify(c.figures));
  }

  /** The most recently finished cycle, or undefined before the first. */
  last(): CycleRecord | undefined {
    const r = this.stmts.last.get();
    return r && rowToCycle(r);
  }

  /** Keeps the history from growing without bound. */
  prune(before: string): number {
    return this.stmts.prune.run(before).changes;
  }
}

/** A worker_cycles row as a record (both stores read it so). */
export function rowToCycle(r: CycleRow): CycleRecord {
  return {
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    figures: parseJson<Record<string, number>>(r.figures, {}),
  };
}
