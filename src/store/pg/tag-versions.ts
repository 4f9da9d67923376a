// The tagging versions stored entries may be tagged under, on PostgreSQL (db/postgres/010_tag_versions.sql): the
// SQLite TagVersionRepo's methods (src/store/tag-versions.ts) but markUnknown, asynchronous. No feed trigger fires on
// the table, so its writes move no feed's data version. Times are the server's clock (clock_timestamp(), read as the
// statement runs), not the caller's: a fleet's workers run on machines whose clocks differ, and what forgetBefore
// compares is which write came after a retag began.
import { parseJson } from '../json.ts';
import type { TagVersion } from '../tag-versions.ts';
import type { PgDb } from './connect.ts';

const CLOCK_MS = `floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

export class PgTagVersionRepo {
  constructor(private readonly db: PgDb) {}

  /**
   * Records that tags made with `v` are stored; call in the transaction that stores them, as its last statement:
   * the version's row stays locked until the commit, so every other transaction touching it waits that long. The
   * version's JSON (over 100 KB: every topic's definition) is sent only when its row is missing: sent with every
   * write, it cost a fleet worker's source transaction half its rate (bench/pg-version-row.ts).
   */
  async touch(v: TagVersion): Promise<void> {
    const { rowCount } = await this.db.query(
      `UPDATE tag_versions SET last_used = greatest(last_used, ${CLOCK_MS}) WHERE id = $1`,
      [v.id],
    );
    if (rowCount) return;
    await this.db.query(
      `INSERT INTO tag_versions (id, version, last_used) VALUES ($1, $2, ${CLOCK_MS})
       ON CONFLICT (id) DO UPDATE SET last_used = greatest(tag_versions.last_used, excluded.last_used)`,
      [v.id, JSON.stringify(v)],
    );
  }

  /**
   * Records `v` as one stored entries may hold from now on, if it is not recorded already, and returns now (ms, the
   * server's clock): what forgetBefore takes once every entry is tagged with `v`. It first waits for the open
   * transactions that touched a version to end, so that what they stored is there for the retag to read, and a
   * touch after it has a later time.
   */
  async record(v: TagVersion): Promise<number> {
    return this.db.transaction(async (tx) => {
      // Conflicts with the touches' ROW EXCLUSIVE (and another retag's record), not with readers.
      await tx.query('LOCK TABLE tag_versions IN SHARE ROW EXCLUSIVE MODE');
      const now = Number((await tx.query<{ ms: number }>(`SELECT ${CLOCK_MS} AS ms`)).rows[0]?.ms);
      await tx.query(
        'INSERT INTO tag_versions (id, version, last_used) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [v.id, JSON.stringify(v), now],
      );
      return now;
    });
  }

  /** Every version some stored entry may be tagged under, oldest use first; none when one cannot be read. */
  async list<V extends TagVersion>(): Promise<V[]> {
    const { rows } = await this.db.query<{ version: string }>(
      'SELECT version FROM tag_versions ORDER BY last_used, id',
    );
    const all = rows.map((r) => parseJson<V | undefined>(r.version, undefined));
    // One unreadable leaves the store's history unknown: the caller re-tags everything.
    return all.every((v) => v?.id) ? (all as V[]) : [];
  }

  /** After every entry was re-tagged with `keep`: forgets the versions no transaction used since `since` (ms). */
  async forgetBefore(keep: TagVersion, since: number): Promise<void> {
    await this.db.query('DELETE FROM tag_versions WHERE id <> $1 AND last_used < $2', [keep.id, since]);
  }
}
