// The tagging versions stored entries may be tagged under (db/migrations/020_tag_versions.sql): what the tag stage
// says they are (src/tag/version.ts), kept as JSON by id. Their writes are bookkeeping: a retag that finds nothing to
// do changes no feed's data version.
import { countBookkeeping } from './bookkeeping.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

/** A version as the store needs it: its id; the rest is the tag stage's. */
export interface TagVersion {
  id: string;
}

export class TagVersionRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      touch: db.prepare<[number, string]>('UPDATE tag_versions SET last_used = max(last_used, ?) WHERE id = ?'),
      insert: db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO tag_versions (id, version, last_used) VALUES (?, ?, ?)',
      ),
      list: db.prepare<[], { version: string }>('SELECT version FROM tag_versions ORDER BY last_used'),
      forget: db.prepare<[string, number]>('DELETE FROM tag_versions WHERE id <> ? AND last_used < ?'),
      forgetAll: db.prepare('DELETE FROM tag_versions'),
      unknown: db.prepare<[number]>(
        `INSERT INTO tag_versions (id, version, last_used) VALUES ('unknown', '{"id":"unknown"}', ?)`,
      ),
    };
  }

  /** Records that tags made with `v` are stored as of `now` (ms); call in the transaction that stores them. */
  touch(v: TagVersion, now: number): void {
    let changes = this.stmts.touch.run(now, v.id).changes;
    if (!changes) changes = this.stmts.insert.run(v.id, JSON.stringify(v), now).changes;
    countBookkeeping(this.db, changes);
  }

  /** Records `v` as one stored entries may hold from now (ms) on, if it is not recorded already. */
  record(v: TagVersion, now: number): void {
    countBookkeeping(this.db, this.stmts.insert.run(v.id, JSON.stringify(v), now).changes);
  }

  /** Every version some stored entry may be tagged under, oldest use first; none when one cannot be read. */
  list<V extends TagVersion>(): V[] {
    const all = this.stmts.list.all().map((r) => parseJson<V | undefined>(r.version, undefined));
    // One unreadable leaves the store's history unknown: the caller re-tags everything.
    return all.every((v) => v?.id) ? (all as V[]) : [];
  }

  /** After every entry was re-tagged with `keep`: forgets the versions no transaction used since `since` (ms). */
  forgetBefore(keep: TagVersion, since: number): void {
    countBookkeeping(this.db, this.stmts.forget.run(keep.id, since).changes);
  }

  /**
   * After entries were tagged with a taxonomy not told: what they hold is unknown until a retag of all of them (the
   * version `{ id: 'unknown' }`, as the migration records for entries stored before versions were kept).
   */
  markUnknown(now: number): void {
    countBookkeeping(this.db, this.stmts.forgetAll.run().changes + this.stmts.unknown.run(now).changes);
  }
}
