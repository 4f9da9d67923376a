// Fetch state per source on PostgreSQL, and the leases that let several workers share the sources: a worker claims
// due sources (claimDueSources), fetches them, and its final write for each checks it still holds the lease
// (src/store/pg/fetch-write.ts). A killed worker's leases run out and the sources are claimed again.
import type { SourceConfig } from '../../types.ts';
import { rowToState, type FetchRecord, type SourceRow, type SourceState } from '../sources.ts';
import type { PgDb } from './connect.ts';
import { withoutNulOr } from './text.ts';

/** A source a worker now holds, with the state its fetch needs (validators, error count). */
export interface ClaimedSource extends SourceState {
  host: string;
  leaseOwner: string;
  leaseUntil: string;
}

/** Serialises claims: counting a host's live leases and adding to them must not interleave between workers. */
export const CLAIM_LOCK = 0x77722d636c61696dn; // 'wr-claim'

type ClaimRow = SourceRow & { host: string; lease_owner: string; lease_until: string };

/**
 * One pass of a claim: $1 owner, $2 now, $3 how many, $4 lease end, $5 per-host limit, $6 only these ids (or NULL),
 * $7 how far down the due order to look.
 */
const CLAIM_SQL = `
WITH live AS (
  SELECT host, count(*) AS n FROM sources WHERE lease_owner IS NOT NULL AND lease_until > $2 GROUP BY host
), candidates AS (
  -- The first due sources, in due order, of hosts with room: a walk of the sources_due index that stops
  -- after $7 rows, not a pass over every source (a rank within this prefix is its rank in the whole order).
  SELECT s.id, s.host, s.next_fetch_at FROM sources s
  WHERE (s.next_fetch_at IS NULL OR s.next_fetch_at <= $2)
    AND (s.lease_owner IS NULL OR s.lease_until <= $2)
    -- Gone (410) is for good, as SQLite's dueSources has it: fetched again only by an editor's fetch.
    AND s.status <> 'gone'
    AND ($6::text[] IS NULL OR s.id = ANY($6::text[]))
    -- NOT IN: a hashed lookup per row, filtering the index walk (host is never NULL).
    AND s.host NOT IN (SELECT host FROM live WHERE live.n >= $5)
  ORDER BY s.next_fetch_at NULLS FIRST, s.id LIMIT $7
), ranked AS (
  SELECT c.id, c.next_fetch_at, coalesce(live.n, 0)
    + row_number() OVER (PARTITION BY c.host ORDER BY c.next_fetch_at NULLS FIRST, c.id) AS slot
  FROM candidates c LEFT JOIN live ON live.host = c.host
), picked AS (
  SELECT id FROM ranked WHERE slot <= $5 ORDER BY next_fetch_at NULLS FIRST, id LIMIT $3
), locked AS (
  -- The conditions again: a row a fenced write changed since this statement began is judged as it is now.
  SELECT s.id FROM sources s JOIN picked USING (id)
  WHERE (s.next_fetch_at IS NULL OR s.next_fetch_at <= $2) AND (s.lease_owner IS NULL OR s.lease_until <= $2)
  FOR UPDATE OF s SKIP LOCKED
)
UPDATE sources s SET lease_owner = $1, lease_until = $4 FROM locked WHERE s.id = locked.id
RETURNING s.*`;

const plusSeconds = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

export class PgSourceRepo {
  constructor(private readonly q: PgDb) {}

  /** Makes sure every configured source has a row; a changed URL starts its fetch state afresh (as SQLite's sync). */
  async sync(sources: readonly SourceConfig[], now: string): Promise<void> {
    if (!sources.length) return;
    await this.q.query(
      `INSERT INTO sources (id, url, created_at) SELECT id, url, $3 FROM unnest($1::text[], $2::text[]) AS s(id, url)
       ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, effective_url = NULL, etag = NULL, last_modified = NULL,
         status = 'new', error_count = 0, next_fetch_at = NULL
       WHERE sources.url IS DISTINCT FROM EXCLUDED.url`,
      [sources.map((s) => s.id), sources.map((s) => s.url), now],
    );
  }

  async get(id: string): Promise<SourceState | undefined> {
    const { rows } = await this.q.query<SourceRow>('SELECT * FROM sources WHERE id = $1', [id]);
    return rows[0] && rowToState(rows[0]);
  }

  async list(): Promise<SourceState[]> {
    return (await this.q.query<SourceRow>('SELECT * FROM sources ORDER BY id')).rows.map(rowToState);
  }

  /**
   * Leases up to `limit` due sources to `owner` until now + leaseSeconds: never fetched first, then the longest due.
   * A source is due when its next fetch time has come, it is not gone, and nobody holds a live lease on it. Across all workers, no
   * host has more than `perHostLimit` live leases. `only`, when given, limits claims to these ids (the enabled
   * sources of the config). Its own transaction on the pool; inside another, the claim lock is held until that one ends.
   */
  async claimDueSources(
    owner: string,
    now: string,
    limit: number,
    leaseSeconds: number,
    perHostLimit: number,
    only?: readonly string[],
  ): Promise<ClaimedSource[]> {
    const until = plusSeconds(now, leaseSeconds);
    // The claim lock makes "count the host's leases, then add to them" atomic between workers (SKIP LOCKED alone
    // would let two workers each see a host free and both take it). Held for one short statement per claim.
    // SKIP LOCKED still matters: a row locked by a worker's fenced write is passed over, not waited for.
    const rows = await this.q.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK.toString()]);
      const got: ClaimRow[] = [];
      // A pass looks at a prefix of the due order; when busy hosts filled it, the next pass (which sees the leases
      // just taken, so those hosts are full now) reaches further. A pass that takes nothing ends the claim.
      for (let pass = 0; pass < 8 && got.length < limit; pass++) {
        const left = limit - got.length;
        const { rows: taken } = await tx.query<ClaimRow>(CLAIM_SQL, [
          owner,
          now,
          left,
          until,
          perHostLimit,
          only ? [...only] : null,
          Math.max(200, left * 4),
        ]);
        if (!taken.length) break;
        got.push(...taken);
      }
      return got;
    });
    return rows
      .map((r) => ({ ...rowToState(r), host: r.host, leaseOwner: r.lease_owner, leaseUntil: r.lease_until }))
      .sort((a, b) => (a.nextFetchAt ?? '').localeCompare(b.nextFetchAt ?? '') || (a.id < b.id ? -1 : 1));
  }

  /**
   * Sources a claim could take but for the per-host limit: due, not gone, nobody's live lease (of `only`, when
   * given). A worker that claimed nothing waits while there are any, rather than leaving them to others that may
   * have stopped.
   */
  async countWaiting(now: string, only?: readonly string[]): Promise<number> {
    const { rows } = await this.q.query<{ n: number }>(
      `SELECT count(*) AS n FROM sources s
       WHERE (s.next_fetch_at IS NULL OR s.next_fetch_at <= $1) AND (s.lease_owner IS NULL OR s.lease_until <= $1)
         AND s.status <> 'gone' AND ($2::text[] IS NULL OR s.id = ANY($2::text[]))`,
      [now, only ? [...only] : null],
    );
    return rows[0]?.n ?? 0;
  }

  /** Extends `owner`'s live leases on these sources (a slow fetch); returns the ids still held. */
  async renewLeases(owner: string, ids: readonly string[], now: string, leaseSeconds: number): Promise<string[]> {
    const { rows } = await this.q.query<{ id: string }>(
      `UPDATE sources SET lease_until = $4 WHERE id = ANY($2::text[]) AND lease_owner = $1 AND lease_until > $3
       RETURNING id`,
      [owner, [...ids], now, plusSeconds(now, leaseSeconds)],
    );
    return rows.map((r) => r.id).sort();
  }

  /** Gives back `owner`'s leases (all, or these sources) without recording a fetch: a stop before fetching. */
  async releaseLeases(owner: string, ids?: readonly string[]): Promise<number> {
    const { rowCount } = await this.q.query(
      `UPDATE sources SET lease_owner = NULL, lease_until = NULL
       WHERE lease_owner = $1 AND ($2::text[] IS NULL OR id = ANY($2::text[]))`,
      [owner, ids ? [...ids] : null],
    );
    return rowCount ?? 0;
  }

  /** Clears leases that ran out before `now` (claims already ignore them; this keeps the table tidy). */
  async expireLeases(now: string): Promise<number> {
    const { rowCount } = await this.q.query(
      'UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL AND lease_until <= $1',
      [now],
    );
    return rowCount ?? 0;
  }

  /**
   * Fencing, inside the write's transaction: true when `owner` still holds a live lease on the source, which is then
   * locked until commit, so nobody can claim it in between. Who holds it otherwise, for the caller to say.
   */
  async holdLease(id: string, owner: string, now: string): Promise<{ held: boolean; holder?: string }> {
    const { rows } = await this.q.query<{ lease_owner: string | null; lease_until: string | null }>(
      'SELECT lease_owner, lease_until FROM sources WHERE id = $1 FOR UPDATE',
      [id],
    );
    const row = rows[0];
    if (!row) return { held: false };
    const held = row.lease_owner === owner && row.lease_until !== null && row.lease_until > now;
    return { held, ...(row.lease_owner !== null && row.lease_owner !== owner ? { holder: row.lease_owner } : {}) };
  }

  /**
   * Records one fetch attempt's result as SourceRepo.record does, and ends the lease. `guidReuse` marks the feed as
   * reusing guids (SourceRepo.markGuidReuse), in the same statement.
   */
  async record(id: string, r: FetchRecord, opts: { guidReuse?: boolean } = {}): Promise<void> {
    await this.q.query(`UPDATE sources SET ${RECORD_SET} WHERE id = $1`, recordParams(id, r, opts));
  }
}

/** The SET list of a recorded fetch ($1 is the source id; see recordParams); it ends the lease. */
export const RECORD_SET = `
  status = $2, last_fetch_at = $3, next_fetch_at = $4,
  etag = CASE WHEN $5 THEN $6 ELSE etag END,
  last_modified = CASE WHEN $7 THEN $8 ELSE last_modified END,
  effective_url = CASE WHEN $9 THEN $10 ELSE effective_url END,
  title = coalesce($11, title), site_url = coalesce($12, site_url),
  last_error = $13, last_error_code = $14,
  warnings = coalesce($15, warnings),
  error_count = CASE WHEN $16 THEN error_count + 1 ELSE 0 END,
  last_success_at = CASE WHEN $16 THEN last_success_at ELSE $3 END,
  guid_reuse = CASE WHEN $17 THEN 1 ELSE guid_reuse END,
  lease_owner = NULL, lease_until = NULL`;

/** $1..$17 of RECORD_SET. */
export function recordParams(id: string, r: FetchRecord, opts: { guidReuse?: boolean } = {}): unknown[] {
  const failed = r.status === 'error' || r.status === 'gone';
  return [
    id,
    r.status,
    r.fetchedAt,
    r.nextFetchAt,
    r.etag !== undefined,
    r.etag ?? null,
    r.lastModified !== undefined,
    r.lastModified ?? null,
    r.effectiveUrl !== undefined,
    r.effectiveUrl ?? null,
    withoutNulOr(r.title ?? null),
    withoutNulOr(r.siteUrl ?? null),
    withoutNulOr(r.error ?? null),
    r.errorCode ?? null,
    withoutNulOr(r.warnings ? JSON.stringify(r.warnings) : null),
    failed,
    !!opts.guidReuse,
  ];
}
