import { describe, expect, it } from 'vitest';
import { parseMaxAge, parseRetryAfter } from '../../src/fetch/index.ts';

describe('parseMaxAge', () => {
  it('reads max-age among other directives', () => {
    expect(parseMaxAge('public, max-age=300')).toBe(300);
    expect(parseMaxAge('max-age="60", must-revalidate')).toBe(60);
    expect(parseMaxAge('MAX-AGE=10')).toBe(10);
  });
  it('ignores absent, malformed and no-store/no-cache', () => {
    expect(parseMaxAge(undefined)).toBeUndefined();
    expect(parseMaxAge('public')).toBeUndefined();
    expect(parseMaxAge('max-age=abc')).toBeUndefined();
    expect(parseMaxAge('max-age=-5')).toBeUndefined();
    expect(parseMaxAge('no-store, max-age=300')).toBeUndefined();
    expect(parseMaxAge('no-cache, max-age=300')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 01:00:00 GMT', now)).toBe(3600);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });
  it('ignores junk', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
