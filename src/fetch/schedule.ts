// When to fetch a source next. Pure: the caller passes the random source for jitter.

export const HOUR_MS = 3_600_000;
/** Backoff never grows past this, so a failing source keeps being retried and recovers by itself. */
export const MAX_BACKOFF_MS = 24 * HOUR_MS;
/** Server-sent lower bounds are honoured up to this, so a hostile Retry-After cannot park a source forever. */
export const MAX_LOWER_BOUND_MS = 7 * 24 * HOUR_MS;
export const JITTER = 0.1;

export interface NextFetchInput {
  /** What the last fetch did; a quiet source (not-modified, no new items) is a success like any other. */
  outcome: 'ok' | 'not-modified' | 'error';
  /** The configured interval between fetches. */
  intervalMs: number;
  /** Consecutive failed fetches, counting the last one when it failed (0 after a success). */
  consecutiveErrors: number;
  /** Cache-Control max-age of the last response. */
  maxAgeSeconds?: number;
  /** RSS <ttl>, minutes. */
  ttlMinutes?: number;
  /** 429/503 Retry-After, seconds. */
  retryAfterSeconds?: number;
  /** Returns [0, 1); defaults to Math.random. */
  random?: () => number;
}

/**
 * Milliseconds until the next fetch. Success: the interval. Failure: interval * 2^n (n = consecutive
 * errors), capped at 24 h (or the interval, if that is longer). Then ±10% jitter so sources that failed
 * together do not retry together. max-age, ttl and Retry-After are lower bounds applied after jitter.
 */
export function nextFetchDelay(input: NextFetchInput): number {
  const random = input.random ?? Math.random;
  const interval = Math.max(1000, input.intervalMs);
  let base = interval;
  if (input.outcome === 'error') {
    const n = Math.min(Math.max(1, input.consecutiveErrors), 40);
    base = Math.min(interval * 2 ** n, Math.max(MAX_BACKOFF_MS, interval));
  }
  const cap = input.outcome === 'error' ? Math.max(MAX_BACKOFF_MS, interval) : Infinity;
  const jittered = Math.min(cap, base * (1 + (random() * 2 - 1) * JITTER));
  const lower = Math.min(
    MAX_LOWER_BOUND_MS,
    Math.max(
      (input.maxAgeSeconds ?? 0) * 1000,
      (input.ttlMinutes ?? 0) * 60_000,
      (input.retryAfterSeconds ?? 0) * 1000,
    ),
  );
  return Math.round(Math.max(jittered, lower));
}

/** The same as a Date, from `now`. */
export function nextFetchAt(now: Date, input: NextFetchInput): Date {
  return new Date(now.getTime() + nextFetchDelay(input));
}
