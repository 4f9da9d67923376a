// A worker's finished cycle on PostgreSQL (as CycleRepo.record): /healthz in any `wireroom serve` reads the latest.
import type { CycleRecord } from '../cycles.ts';
import type { Queryable } from './connect.ts';

export async function recordCycle(q: Queryable, c: CycleRecord): Promise<void> {
  await q.query('INSERT INTO worker_cycles (started_at, finished_at, duration_ms, figures) VALUES ($1, $2, $3, $4)', [
    c.startedAt,
    c.finishedAt,
    Math.round(c.durationMs),
    JSON.stringify(c.figures),
  ]);
}
