// Shared DNS answers: connections opened together resolve a name once, and a shared answer is checked again
// on every connection (the SSRF guard does not remember verdicts).
import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.ts';
import { RSS, startServer, testSettings, type TestServer } from './server.ts';

let srv: TestServer;
let connections = 0;

beforeAll(async () => {
  // Slow answers keep the connections of one burst open together, so each needs its own.
  srv = await startServer((_req, res) => void setTimeout(() => res.end(RSS), 50));
  srv.server.on('connection', () => connections++);
});
afterAll(() => srv.close());

const lookupsOf = (spy: { mock: { calls: unknown[][] } }, name: string): number =>
  spy.mock.calls.filter((c) => c[0] === name).length;

describe('DNS answers', () => {
  it('connections opened together look a name up once', async () => {
    const spy = vi.spyOn(dns, 'lookup');
    try {
      const before = connections;
      const settings = testSettings({ allowPrivate: ['localhost'] });
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, (_, i) => fetchFeed(`http://localhost:${srv.port}/f${i}`, {}, settings)),
      );
      // localhost may resolve to ::1 first, where nothing listens; what matters is that it was not blocked.
      for (const o of outcomes) expect(o.kind === 'error' ? o.code : o.kind).not.toBe('blocked');
      expect(connections - before).toBeGreaterThan(1);
      expect(lookupsOf(spy, 'localhost')).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('a shared answer is checked again: a blocked name stays blocked on every connection', async () => {
    const settings = testSettings({ allowPrivate: [] });
    for (let i = 0; i < 3; i++) {
      const r = await fetchFeed(`http://localhost:${srv.port}/feed`, {}, settings);
      expect(r).toMatchObject({ kind: 'error', code: 'blocked' });
      expect(r.kind === 'error' && r.reason).toMatch(/localhost resolves to .*loopback address/);
    }
  });
});
