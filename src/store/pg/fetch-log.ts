// One row per fetch attempt (as FetchLogRepo, src/store/fetch-log.ts).
import { fetchLogRecordOf, type FetchLogRecord } from '../fetch-log.ts';
import type { Queryable } from './connect.ts';
import { withoutNulOr } from './text.ts';

export class PgFetchLogRepo {
  constructor(private readonly q: Queryable) {}

  async add(r: FetchLogRecord): Promise<void> {
    const values = fetchLogValues(r);
    await this.q.query(
      `INSERT INTO fetch_log (${FETCH_LOG_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }

  async recent(sourceId: string, limit = 10): Promise<FetchLogRecord[]> {
    const { rows } = await this.q.query<Record<string, unknown>>(
      'SELECT * FROM fetch_log WHERE source_id = $1 ORDER BY id DESC LIMIT $2',
      [sourceId, limit],
    );
    return rows.map(fetchLogRecordOf);
  }
}

export const FETCH_LOG_COLUMNS =
  'source_id, started_at, duration_ms, status, http_status, bytes, new_count, updated_count, unchanged_count, error';

/** A row's values in the order of FETCH_LOG_COLUMNS. */
export function fetchLogValues(r: FetchLogRecord): unknown[] {
  return [
    r.sourceId,
    r.startedAt,
    Math.round(r.durationMs),
    r.status,
    r.httpStatus ?? null,
    r.bytes,
    r.newCount,
    r.updatedCount,
    r.unchangedCount,
    withoutNulOr(r.error ?? null),
  ];
}
