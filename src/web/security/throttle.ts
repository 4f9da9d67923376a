// Login throttling, kept in the database so a restart does not reset it: per account name and per client address,
// counted since the last success inside the lock window. Also a bound on password hashes computed at once, since
// each scrypt costs 64 MiB and tens of milliseconds.
import type { AccountStore } from '../../store/index.ts';

export interface ThrottleSettings {
  maxFailures: number;
  lockMinutes: number;
}

/** Seconds until another attempt may be made for this name from this address, or 0 when one may be made now. */
export async function lockedFor(
  accounts: AccountStore,
  s: ThrottleSettings,
  name: string,
  address: string,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - s.lockMinutes * 60_000).toISOString();
  const attempts = accounts.loginAttempts;
  const locked =
    (await attempts.failuresForUser(name, since)) >= s.maxFailures ||
    (await attempts.failuresFromAddress(address, since)) >= s.maxFailures * 4;
  return locked ? Math.ceil(s.lockMinutes * 60) : 0;
}

/** At most `limit` password checks run at once; up to `queue` more wait; beyond that the caller is turned away. */
export class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit = 2,
    private readonly queue = 16,
  ) {}

  /** Runs `work` when a slot is free; undefined when too many are already waiting. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.running < this.limit) this.running++;
    else if (this.waiting.length >= this.queue) return undefined;
    // A finishing check hands its slot straight to the first waiter, so `running` never exceeds the limit.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** A fixed-window counter per key (source previews per user per minute); in memory, as losing it on restart is harmless. */
export class RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds to wait, or 0 when this use is allowed (and counted). */
  take(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (w.count >= this.perWindow) return Math.ceil((w.start + this.windowMs - now) / 1000);
    w.count++;
    return 0;
  }
}
