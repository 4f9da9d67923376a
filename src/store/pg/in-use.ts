// Which wireroom processes have a PostgreSQL database open, for `wireroom restore` (issue #15). A pool closes its
// idle connections, and a worker holds leases only during a cycle, so neither says whether a server or a worker is
// running. Each long-running process (worker, run, serve) holds a shared advisory lock on a connection of its own
// for its whole life; a restore takes the same lock exclusively, so it is refused while any of them runs, and one
// that starts during a restore waits for it to finish.
import type { Client } from 'pg';

/** 'wr-inuse': the lock's key. */
export const IN_USE_LOCK = 0x77722d696e757365n;

export interface InUse {
  release(): Promise<void>;
}

/** Marks the database at `url` in use by this process until release(). */
export async function holdInUse(url: string): Promise<InUse> {
  const { default: pg } = await import('pg');
  const client: Client = new pg.Client({ connectionString: url });
  await client.connect();
  // A dropped connection drops the lock with it; nothing to do but not crash the process.
  client.on('error', () => {});
  try {
    await client.query('SELECT pg_advisory_lock_shared($1)', [IN_USE_LOCK.toString()]);
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return { release: () => client.end().catch(() => {}) };
}
