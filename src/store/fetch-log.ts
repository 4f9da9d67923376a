// One row per fetch attempt, for editors to see a source's history.
import type { Db } from './db.ts';

export interface FetchLogRecord {
  sourceId: string;
  startedAt: string;
  durationMs: number;
  status: string;
  httpStatus?: number;
  bytes: number;
  newCount: number;
  updatedCount: number;
  unchangedCount: number;
  error?: string;
}

type Cell = string | number | null;

export class FetchLogRepo {
  // Prepared once: every fetch attempt adds a row, inside its source's transaction, and every cycle prunes.
  private readonly insert;
  private readonly pruneBefore;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[string, string, number, string, Cell, number, number, number, number, Cell]>(
      `INSERT INTO fetch_log (source_id, started_at, duration_ms, status, http_status, bytes, new_count, updated_count, unchanged_count, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Asked by source, each source's old rows are one range of the fetch_log_source index, where a plain
    // `started_at < ?` would scan the whole log under the write lock (rows of removed sources cascade away).
    this.pruneBefore = db.prepare<[string]>(
      'DELETE FROM fetch_log WHERE source_id IN (SELECT id FROM sources) AND started_at < ?',
    );
  }

  add(r: FetchLogRecord): void {
    this.insert.run(
      r.sourceId,
      r.startedAt,
      Math.round(r.durationMs),
      r.status,
      r.httpStatus ?? null,
      r.bytes,
      r.newCount,
      r.updatedCount,
      r.unchangedCount,
      r.error ?? null,
    );
  }

  recent(sourceId: string, limit = 10): FetchLogRecord[] {
    return this.db
      .prepare<[string, number], Record<string, unknown>>(
        'SELECT * FROM fetch_log WHERE source_id = ? ORDER BY id DESC LIMIT ?',
      )
      .all(sourceId, limit)
      .map(fetchLogRecordOf);
  }

  /** Keeps the log from growing without bound. */
  prune(before: string): number {
    return this.pruneBefore.run(before).changes;
  }
}

/** A fetch_log row as both stores read it (src/store/pg/fetch-log.ts too). */
export function fetchLogRecordOf(r: Record<string, unknown>): FetchLogRecord {
  return {
    sourceId: r.source_id as string,
    startedAt: r.started_at as string,
    durationMs: r.duration_ms as number,
    status: r.status as string,
    httpStatus: (r.http_status as number | null) ?? undefined,
    bytes: r.bytes as number,
    newCount: r.new_count as number,
    updatedCount: r.updated_count as number,
    unchangedCount: r.unchanged_count as number,
    error: (r.error as string | null) ?? undefined,
  };
}
