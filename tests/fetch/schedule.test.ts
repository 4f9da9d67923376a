import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextFetchAt, nextFetchDelay } from '../../src/fetch/index.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const mid = (): number => 0.5; // no jitter
const low = (): number => 0; // -10%
const high = (): number => 0.999999; // ~+10%

describe('nextFetchDelay', () => {
  it('success waits the interval', () => {
    expect(nextFetchDelay({ outcome: 'ok', intervalMs: 15 * MIN, consecutiveErrors: 0, random: mid })).toBe(15 * MIN);
  });

  it('a quiet source (304) keeps its interval, never disabled', () => {
    expect(nextFetchDelay({ outcome: 'not-modified', intervalMs: 15 * MIN, consecutiveErrors: 0, random: mid })).toBe(
      15 * MIN,
    );
  });

  it('jitter stays within ±10%', () => {
    expect(nextFetchDelay({ outcome: 'ok', intervalMs: 10 * MIN, consecutiveErrors: 0, random: low })).toBe(9 * MIN);
    const hi = nextFetchDelay({ outcome: 'ok', intervalMs: 10 * MIN, consecutiveErrors: 0, random: high });
    expect(hi).toBeGreaterThan(10.99 * MIN);
    expect(hi).toBeLessThanOrEqual(11 * MIN);
    for (let i = 0; i < 200; i++) {
      const d = nextFetchDelay({ outcome: 'ok', intervalMs: 10 * MIN, consecutiveErrors: 0 });
      expect(d).toBeGreaterThanOrEqual(9 * MIN);
      expect(d).toBeLessThanOrEqual(11 * MIN);
    }
  });

  it('failures back off exponentially', () => {
    const d = (n: number): number =>
      nextFetchDelay({ outcome: 'error', intervalMs: 15 * MIN, consecutiveErrors: n, random: mid });
    expect(d(1)).toBe(30 * MIN);
    expect(d(2)).toBe(60 * MIN);
    expect(d(3)).toBe(120 * MIN);
    expect(d(4)).toBe(240 * MIN);
  });

  it('backoff is capped at 24 h, even with jitter and huge counts', () => {
    for (const n of [7, 10, 50, 1000]) {
      expect(nextFetchDelay({ outcome: 'error', intervalMs: 15 * MIN, consecutiveErrors: n, random: high })).toBe(
        MAX_BACKOFF_MS,
      );
    }
    expect(nextFetchDelay({ outcome: 'error', intervalMs: 15 * MIN, consecutiveErrors: 50, random: low })).toBe(
      0.9 * 24 * HOUR,
    );
  });

  it('max-age, ttl and Retry-After are lower bounds', () => {
    const base = { intervalMs: 15 * MIN, consecutiveErrors: 0, random: low } as const;
    expect(nextFetchDelay({ ...base, outcome: 'ok', maxAgeSeconds: 3600 })).toBe(HOUR);
    expect(nextFetchDelay({ ...base, outcome: 'ok', ttlMinutes: 60 })).toBe(HOUR);
    expect(nextFetchDelay({ ...base, outcome: 'ok', maxAgeSeconds: 60 })).toBe(13.5 * MIN); // below the interval: no effect
    expect(nextFetchDelay({ ...base, outcome: 'error', consecutiveErrors: 1, retryAfterSeconds: 7200 })).toBe(2 * HOUR);
    expect(nextFetchDelay({ ...base, outcome: 'ok', ttlMinutes: 30, maxAgeSeconds: 7200 })).toBe(2 * HOUR);
  });

  it('a hostile Retry-After cannot park a source for more than a week', () => {
    const d = nextFetchDelay({
      outcome: 'error',
      intervalMs: 15 * MIN,
      consecutiveErrors: 1,
      retryAfterSeconds: 10 ** 9,
      random: mid,
    });
    expect(d).toBe(7 * 24 * HOUR);
  });

  it('an interval longer than the cap is kept on failure', () => {
    expect(nextFetchDelay({ outcome: 'error', intervalMs: 48 * HOUR, consecutiveErrors: 3, random: mid })).toBe(
      48 * HOUR,
    );
  });

  it('nextFetchAt adds the delay to now', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(nextFetchAt(now, { outcome: 'ok', intervalMs: HOUR, consecutiveErrors: 0, random: mid }).toISOString()).toBe(
      '2025-01-01T01:00:00.000Z',
    );
  });
});
