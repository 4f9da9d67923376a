// Retention on PostgreSQL, as EntryRepo.prune, FetchLogRepo.prune and CycleRepo.prune do on SQLite: entries published
// and first seen before the cutoff are removed with a tombstone (so the next fetch does not bring them back), and
// fetch_log and worker_cycles rows older than their cutoff go, and the feed change counter's rows of gone
// connections are folded into one. Every worker of a fleet calls it after its cycle;
// an advisory lock lets one prune at a time (the others skip: the one pruning does the same work).
import type { Pool, PoolClient } from 'pg';
import { foldIdleFeedChanges } from './feed-changes.ts';

/** Session-level, so that it spans the per-source transactions below; ends with the session if a worker dies. */
export const RETENTION_LOCK = 0x77722d7072756e65n; // 'wr-prune'

export interface PruneCutoffs {
  /** Entries published and first seen before this go (ISO). */
  entries: string;
  /** fetch_log and worker_cycles rows before this go (ISO). */
  log: string;
  /** The tombstones' removed_at. */
  now: string;
}

export interface PruneResult {
  /** False: another process was pruning, so this one did nothing. */
  ran: boolean;
  /** Entries removed. */
  pruned: number;
}

export async function pruneExpired(pool: Pool, cut: PruneCutoffs): Promise<PruneResult> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      RETENTION_LOCK.toString(),
    ]);
    if (!rows[0]?.ok) return { ran: false, pruned: 0 };
    try {
      const { rows: sources } = await client.query<{ source_id: string }>(
        `SELECT DISTINCT source_id FROM entries WHERE published_at < $1 AND first_seen_at < $1 ORDER BY source_id`,
        [cut.entries],
      );
      let pruned = 0;
      for (const { source_id } of sources) pruned += await pruneSource(client, source_id, cut);
      // By source, as on SQLite: each source's old rows are one range of the fetch_log_source index.
      await client.query('DELETE FROM fetch_log WHERE source_id IN (SELECT id FROM sources) AND started_at < $1', [
        cut.log,
      ]);
      await client.query('DELETE FROM worker_cycles WHERE finished_at < $1', [cut.log]);
      await foldIdleFeedChanges(client);
      return { ran: true, pruned };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK.toString()]);
    }
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    // A failed session may still hold the lock: closed rather than given back to the pool.
    client.release(failed);
  }
}

/**
 * One source's expired entries in one short transaction. The source row is locked first, as a worker's fenced write
 * locks it before touching the source's entries: the same order, so a prune and a write never deadlock.
 */
async function pruneSource(client: PoolClient, sourceId: string, cut: PruneCutoffs): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT 1 FROM sources WHERE id = $1 FOR UPDATE', [sourceId]);
    // Tombstones as SQLite's INSERT OR REPLACE: an earlier one for the key takes the new time and reason.
    const { rowCount } = await client.query(
      `WITH gone AS (
         DELETE FROM entries WHERE source_id = $1 AND published_at < $2 AND first_seen_at < $2 RETURNING source_id, key
       )
       INSERT INTO tombstones (source_id, key, removed_at, reason) SELECT source_id, key, $3, 'retention' FROM gone
       ON CONFLICT (source_id, key) DO UPDATE SET removed_at = EXCLUDED.removed_at, reason = EXCLUDED.reason`,
      [sourceId, cut.entries, cut.now],
    );
    await client.query('COMMIT');
    return rowCount ?? 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
