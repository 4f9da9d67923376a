// Keeps the feed change counter (db/postgres/004, 005) small. Each server process that ever wrote has its own row
// (keyed by backend pid), so over months of pool reconnects the table would gain a row per connection ever opened,
// and every dataVersion() sums them all. The rows of backends that are gone are folded into one row (backend 0, a pid
// no backend has): the sum, which is all a reader compares, stays exactly the same, so no cache sees a version
// repeat. A backend that starts with a reused pid at that moment waits on the deleted row's lock, then inserts a
// fresh row: the sum only grows.
import type { Queryable } from './connect.ts';

export const FOLDED_BACKEND = 0;

/** Folds the counter rows of backends no longer connected into one; returns how many rows went. */
export async function foldIdleFeedChanges(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ folded: string }>(
    `WITH gone AS (
       DELETE FROM feed_changes
       WHERE backend <> $1 AND backend NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)
       RETURNING n
     ), folded AS (
       INSERT INTO feed_changes (backend, n) SELECT $1, sum(n) FROM gone HAVING count(*) > 0
       ON CONFLICT (backend) DO UPDATE SET n = feed_changes.n + excluded.n
     )
     SELECT count(*)::text AS folded FROM gone`,
    [FOLDED_BACKEND],
  );
  return Number(rows[0]?.folded ?? 0);
}
