// Writes that record how the console and API are used (a session started or last seen, a token's last use, a
// sign-in attempt) or that fill this connection's temp tables (the sources dashboard's snapshot), not what they
// serve. They count in SQLite's total_changes() like any write; the feeds' data version leaves them out, so a
// console page view or a wrong password does not make every cached feed and API list re-validate.
import type { Db } from './db.ts';

const counts = new WeakMap<Db, number>();

/** Rows a bookkeeping statement changed on this connection (no triggers fire on those tables). */
export function countBookkeeping(db: Db, changes: number): void {
  if (changes > 0) counts.set(db, (counts.get(db) ?? 0) + changes);
}

/** Bookkeeping rows changed on this connection since it opened: subtracted from total_changes(). */
export function bookkeepingChanges(db: Db): number {
  return counts.get(db) ?? 0;
}

/** Runs fn, counting every row it changes on this connection as bookkeeping (for temp-table fills). */
export function asBookkeeping<T>(db: Db, fn: () => T): T {
  const total = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const before = total.get()?.n ?? 0;
  try {
    return fn();
  } finally {
    countBookkeeping(db, (total.get()?.n ?? 0) - before);
  }
}
