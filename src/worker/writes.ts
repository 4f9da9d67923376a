// Group commit: the sources of a cycle are stored several to a transaction. A commit writes every page the
// transaction dirtied (entries, their indexes, tag rows filed by tag and date, the full-text index's new segment)
// into the WAL: one source per commit wrote most index pages once per source. No savepoint per source either: each
// would copy every page the source touches into a statement journal. A write is still all or nothing (a batch with
// a failing write is rolled back and its writes run again one by one), a crash still leaves every source stored
// whole or not at all, and a write's promise settles only once its transaction has committed.
import type { Store } from '../store/index.ts';

export interface WriteBatcher {
  /**
   * Runs fn in the next shared transaction; resolves with its result once that commits. fn may run twice (again
   * alone, after a rollback, when another write in its batch threw): it must depend on nothing but what is stored.
   */
  write<T>(fn: () => T): Promise<T>;
}

export interface WriteBatchOptions {
  /** A transaction takes at most this many writes. */
  maxWrites?: number;
  /** The first write waits at most this long for others to join it. */
  maxWaitMs?: number;
  /** A transaction stops taking writes after this long (the rest go in the next): the event loop is held meanwhile. */
  maxBusyMs?: number;
  /** Writes that may still come (a cycle's sources not yet written): with all of them queued, waiting is pointless. */
  stillComing?: () => number;
}

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const DEFAULTS: Required<Omit<WriteBatchOptions, 'stillComing'>> = { maxWrites: 32, maxWaitMs: 30, maxBusyMs: 150 };

export function createWriteBatcher(store: Store, opts: WriteBatchOptions = {}): WriteBatcher {
  const { maxWrites, maxWaitMs, maxBusyMs } = { ...DEFAULTS, ...opts };
  const stillComing = opts.stillComing;
  const queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    if (timer === undefined) timer = setTimeout(flush, delayMs);
  };

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = queue.splice(0, maxWrites);
    let ran = batch.length;
    try {
      const started = performance.now();
      const values = store.transaction(() => {
        const out: unknown[] = [];
        for (const job of batch) {
          if (out.length && performance.now() - started > maxBusyMs) break;
          out.push(job.fn());
        }
        return out;
      });
      ran = values.length;
      values.forEach((v, i) => (batch[i] as Pending).resolve(v));
    } catch {
      // One write threw (or the commit failed): nothing of the batch was stored. Each write is run again in a
      // transaction of its own, so that only the one at fault fails. Writes are plain functions of what is stored,
      // so running one again after a rollback does the same work.
      for (const job of batch) {
        try {
          job.resolve(store.transaction(job.fn));
        } catch (err) {
          job.reject(err);
        }
      }
    }
    // Writes the time bound left out go first in the next transaction.
    queue.unshift(...batch.slice(ran));
    if (queue.length) schedule(0);
  }

  return {
    write<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        if (queue.length >= maxWrites || (stillComing && queue.length >= stillComing())) flush();
        else schedule(maxWaitMs);
      });
    },
  };
}
