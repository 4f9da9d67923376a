// Connection reuse, counted server-side: an all-304 cycle is cheap only if its requests ride kept-alive sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostLimiter, fetchFeed } from '../../src/fetch/index.ts';
import { RSS, startServer, testSettings, type TestServer } from './server.ts';

let srv: TestServer;
let connections = 0;
const ETAG = '"k1"';

beforeAll(async () => {
  srv = await startServer((req, res) => {
    if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
    res.writeHead(200, { etag: ETAG, 'content-type': 'application/rss+xml' });
    res.end(RSS);
  });
  srv.server.on('connection', () => connections++);
});
afterAll(() => srv.close());

// Its own allow-list entry, so these requests get a connection pool of their own (pools are per allow-list).
const settings = testSettings({ allowPrivate: ['127.0.0.1', '127.0.0.0/8'] });

describe('keep-alive', () => {
  it('one fetch after another, 200 then 304s, uses one connection', async () => {
    const before = connections;
    const first = await fetchFeed(`${srv.url}/a.xml`, {}, settings);
    expect(first.kind).toBe('ok');
    for (let i = 0; i < 20; i++) {
      const r = await fetchFeed(`${srv.url}/a.xml`, { etag: ETAG }, settings);
      expect(r.kind).toBe('not-modified');
    }
    expect(connections - before).toBe(1);
  });

  it('a cycle of conditional fetches under the limiter opens no more connections than its slots', async () => {
    const limiter = createHostLimiter({ global: 4, perHost: 4 });
    const before = connections;
    // The next fetch starts as soon as a 304 settles: its socket must already be back in the pool by then.
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, i) => fetchFeed(`${srv.url}/f${i}.xml`, { etag: ETAG }, settings, { limiter })),
      );
      expect(outcomes.every((o) => o.kind === 'not-modified')).toBe(true);
    }
    expect(connections - before).toBeLessThanOrEqual(4);
  });
});
