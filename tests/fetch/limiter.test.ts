// The limiter against real servers: concurrency is counted server-side, not trusted from the limiter.
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostLimiter, fetchFeed, FetchError } from '../../src/fetch/index.ts';
import { RSS, startServer, testSettings, type TestServer } from './server.ts';

interface Counter {
  now: number;
  max: number;
  total: number;
}
let a: TestServer;
let b: TestServer;
const counts = { a: { now: 0, max: 0, total: 0 }, b: { now: 0, max: 0, total: 0 } };
const both = { now: 0, max: 0 };

function counting(c: Counter): http.RequestListener {
  return (_req, res) => {
    c.now++;
    c.total++;
    c.max = Math.max(c.max, c.now);
    both.now++;
    both.max = Math.max(both.max, both.now);
    // Hold the request long enough for others to pile up.
    setTimeout(() => {
      c.now--;
      both.now--;
      res.end(RSS);
    }, 40);
  };
}

beforeAll(async () => {
  a = await startServer(counting(counts.a), '127.0.0.1');
  b = await startServer(counting(counts.b), '127.0.0.2');
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('createHostLimiter with fetchFeed', () => {
  it('never exceeds per-host or global concurrency, and uses them', async () => {
    const limiter = createHostLimiter({ global: 3, perHost: 2 });
    const settings = testSettings({ allowPrivate: ['127.0.0.0/8'], timeoutMs: 2000 });
    const urls = Array.from({ length: 8 }, (_, i) => [`${a.url}/${i}`, `${b.url}/${i}`]).flat();
    const outcomes = await Promise.all(urls.map((u) => fetchFeed(u, {}, settings, { limiter })));
    expect(outcomes.every((o) => o.kind === 'ok')).toBe(true);
    expect(counts.a.total + counts.b.total).toBe(16);
    expect(counts.a.max).toBeLessThanOrEqual(2);
    expect(counts.b.max).toBeLessThanOrEqual(2);
    expect(both.max).toBeLessThanOrEqual(3);
    expect(both.max).toBe(3);
    expect(limiter.active).toBe(0);
    expect(limiter.waiting).toBe(0);
  });
});

describe('createHostLimiter alone', () => {
  const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  it('a busy host does not block other hosts', async () => {
    const limiter = createHostLimiter({ global: 4, perHost: 1 });
    const order: string[] = [];
    const job = (name: string, ms: number) => async () => {
      order.push(`start ${name}`);
      await tick(ms);
      order.push(`end ${name}`);
    };
    await Promise.all([
      limiter.run('slow.example', job('s1', 60)),
      limiter.run('slow.example', job('s2', 10)),
      limiter.run('fast.example', job('f1', 10)),
    ]);
    expect(order.indexOf('start f1')).toBeLessThan(order.indexOf('end s1'));
    expect(order.indexOf('start s2')).toBeGreaterThan(order.indexOf('end s1'));
  });

  it('releases the slot when a task throws', async () => {
    const limiter = createHostLimiter({ global: 1, perHost: 1 });
    await expect(limiter.run('h', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      limiter.run('h', () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    expect(await limiter.run('h', async () => 42)).toBe(42);
    expect(limiter.active).toBe(0);
  });

  it('a waiting task can be cancelled', async () => {
    const limiter = createHostLimiter({ global: 1, perHost: 1 });
    let release!: () => void;
    const first = limiter.run('h', () => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const second = limiter.run('h', async () => 'ran', ac.signal);
    expect(limiter.waiting).toBe(1);
    ac.abort();
    await expect(second).rejects.toBeInstanceOf(FetchError);
    expect(limiter.waiting).toBe(0);
    release();
    await first;
    expect(limiter.active).toBe(0);
  });

  it('fetchFeed turns a cancelled wait into an aborted outcome', async () => {
    const limiter = createHostLimiter({ global: 1, perHost: 1 });
    let release!: () => void;
    const hold = limiter.run('127.0.0.1', () => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const pending = fetchFeed(`${a.url}/x`, {}, testSettings(), { limiter, signal: ac.signal });
    ac.abort();
    expect(await pending).toMatchObject({ kind: 'error', code: 'aborted' });
    release();
    await hold;
  });
});
