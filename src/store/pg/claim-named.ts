// Claims named sources now, due or not: `wireroom fetch` (and `--source`) fetches what it is asked for, as on SQLite,
// while the leases still keep two workers off one source and the per-host limit still holds across the fleet.
import { rowToState, type SourceRow } from '../sources.ts';
import type { PgDb } from './connect.ts';
import { CLAIM_LOCK, type ClaimedSource } from './sources.ts';

type ClaimRow = SourceRow & { host: string; lease_owner: string; lease_until: string };

/**
 * $1 owner, $2 now, $3 the ids in the order asked, $4 lease end, $5 per-host limit, $6 how many. A source someone
 * else holds is passed over (the caller waits for it); gone or disabled makes no difference, as an editor's fetch.
 */
const CLAIM_NAMED_SQL = `
WITH live AS (
  SELECT host, count(*) AS n FROM sources WHERE lease_owner IS NOT NULL AND lease_until > $2 GROUP BY host
), ranked AS (
  SELECT s.id, array_position($3::text[], s.id) AS pos,
    coalesce(live.n, 0) + row_number() OVER (PARTITION BY s.host ORDER BY array_position($3::text[], s.id)) AS slot
  FROM sources s LEFT JOIN live ON live.host = s.host
  WHERE s.id = ANY($3::text[]) AND (s.lease_owner IS NULL OR s.lease_until <= $2)
), picked AS (
  SELECT id FROM ranked WHERE slot <= $5 ORDER BY pos LIMIT $6
), locked AS (
  SELECT s.id FROM sources s JOIN picked USING (id)
  WHERE s.lease_owner IS NULL OR s.lease_until <= $2
  FOR UPDATE OF s SKIP LOCKED
)
UPDATE sources s SET lease_owner = $1, lease_until = $4 FROM locked WHERE s.id = locked.id
RETURNING s.*`;

/** Leases up to `limit` of `ids` (in that order) to `owner` until now + leaseSeconds, under the claim lock. */
export async function claimNamedSources(
  db: PgDb,
  owner: string,
  now: string,
  ids: readonly string[],
  limit: number,
  leaseSeconds: number,
  perHostLimit: number,
): Promise<ClaimedSource[]> {
  if (!ids.length || limit <= 0) return [];
  const until = new Date(Date.parse(now) + leaseSeconds * 1000).toISOString();
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK.toString()]);
    const { rows } = await tx.query<ClaimRow>(CLAIM_NAMED_SQL, [owner, now, [...ids], until, perHostLimit, limit]);
    return rows;
  });
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .map((r) => ({ ...rowToState(r), host: r.host, leaseOwner: r.lease_owner, leaseUntil: r.lease_until }))
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
