// Group commit: the sources of a cycle are stored several to a transaction, each source in a savepoint of its own.
// A commit writes every page the transaction dirtied (entries, their indexes, tag rows filed by tag and date, the
// full-text index's new segment) into the WAL: one source per commit wrote most index pages once per source. A
// source's write is still all or nothing (its savepoint rolls back alone if it throws), a crash still leaves every
// source either stored whole or not at all, and a write's promise settles only once its transaction has committed.
import type { Store } from '../store/index.ts';

export interface WriteBatcher {
  /** Runs fn in a savepoint of the next shared transaction; resolves with its result once that commits. */
  write<T>(fn: () => T): Promise<T>;
}

export interface WriteBatchOptions {
  /** A transaction takes at most this many writes. */
  maxWrites?: number;
  /** The first write waits at most this long for others to join it. */
  maxWaitMs?: number;
  /** A transaction stops taking writes after this long (the rest go in the next): the event loop is held meanwhile. */
  maxBusyMs?: number;
}

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const DEFAULTS: Required<WriteBatchOptions> = { maxWrites: 64, maxWaitMs: 30, maxBusyMs: 150 };

export function createWriteBatcher(store: Store, opts: WriteBatchOptions = {}): WriteBatcher {
  const { maxWrites, maxWaitMs, maxBusyMs } = { ...DEFAULTS, ...opts };
  const queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    if (timer === undefined) timer = setTimeout(flush, delayMs);
  };

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = queue.splice(0, maxWrites);
    const results: { ok: boolean; value: unknown }[] = [];
    const started = performance.now();
    try {
      store.transaction(() => {
        for (const job of batch) {
          if (results.length && performance.now() - started > maxBusyMs) break;
          try {
            results.push({ ok: true, value: store.transaction(job.fn) });
          } catch (err) {
            results.push({ ok: false, value: err });
          }
        }
      });
    } catch (err) {
      // The shared transaction itself failed (BEGIN or COMMIT): nothing of it was stored.
      for (const job of batch) job.reject(err);
      if (queue.length) schedule(0);
      return;
    }
    // Writes the time bound left out go first in the next transaction.
    queue.unshift(...batch.slice(results.length));
    results.forEach((r, i) => {
      const job = batch[i] as Pending;
      if (r.ok) job.resolve(r.value);
      else job.reject(r.value);
    });
    if (queue.length) schedule(0);
  }

  return {
    write<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        if (queue.length >= maxWrites) flush();
        else schedule(maxWaitMs);
      });
    },
  };
}
