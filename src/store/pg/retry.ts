// An editor's or retag's transaction that may meet a worker's write: a deadlock (each holding rows the other wants)
// or a serialization failure rolls one back, and it runs again from the start, seeing the other's commit.
import type { PgDb } from './connect.ts';

const RETRYABLE = new Set(['40P01', '40001']);

export async function retriedTransaction<T>(db: PgDb, fn: (tx: PgDb) => Promise<T>, attempts = 4): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (n >= attempts || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
    }
  }
}
