// Politeness: at most `perHost` requests to one host and `global` requests overall at any moment.
// Waiting tasks run in arrival order, except that a task whose host is busy does not block other hosts.
import { FetchError } from './errors.ts';

export interface HostLimiterOptions {
  global: number;
  perHost: number;
}

export interface HostLimiter {
  /** Runs `task` once a slot for `host` is free. Rejects with FetchError 'aborted' if `signal` fires first. */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

interface Waiter {
  host: string;
  start: () => void;
}

export function createHostLimiter(options: HostLimiterOptions): HostLimiter {
  const global = Math.max(1, Math.floor(options.global));
  const perHost = Math.max(1, Math.floor(options.perHost));
  const perHostActive = new Map<string, number>();
  const queue: Waiter[] = [];
  let active = 0;

  const canStart = (host: string): boolean => active < global && (perHostActive.get(host) ?? 0) < perHost;
  const acquire = (host: string): void => {
    active++;
    perHostActive.set(host, (perHostActive.get(host) ?? 0) + 1);
  };
  const release = (host: string): void => {
    active--;
    const n = (perHostActive.get(host) ?? 1) - 1;
    if (n === 0) perHostActive.delete(host);
    else perHostActive.set(host, n);
    drain();
  };
  const drain = (): void => {
    for (let i = 0; i < queue.length && active < global;) {
      const w = queue[i];
      if (w && canStart(w.host)) {
        queue.splice(i, 1);
        w.start();
      } else i++;
    }
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    run<T>(rawHost: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const host = rawHost.toLowerCase();
      return new Promise<T>((resolve, reject) => {
        const aborted = (): FetchError =>
          new FetchError('aborted', `${host}: cancelled while waiting for a fetch slot`);
        if (signal?.aborted) return reject(aborted());
        const onAbort = (): void => {
          const i = queue.indexOf(waiter);
          if (i >= 0) {
            queue.splice(i, 1);
            reject(aborted());
          }
        };
        const waiter: Waiter = {
          host,
          start: () => {
            signal?.removeEventListener('abort', onAbort);
            acquire(host);
            let p: Promise<T>;
            try {
              p = Promise.resolve(task());
            } catch (err) {
              p = Promise.reject(err);
            }
            // Release before settling, so the caller sees the slot free as soon as it resumes.
            p.then(
              (value) => {
                release(host);
                resolve(value);
              },
              (err: unknown) => {
                release(host);
                reject(err);
              },
            );
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (canStart(host) && queue.length === 0) waiter.start();
        else {
          queue.push(waiter);
          drain();
        }
      });
    },
  };
}
