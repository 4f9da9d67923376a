// Kept-alive connections the server closes (issue #14): every real server closes idle connections, and a request
// can go out on one just as it does. A GET that fails that way on a reused connection before any response byte is
// retried once on a new connection; a reset on a new connection, or after response bytes, stays an error.
// Connections and requests are counted server-side.
import type http from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.ts';
import type { FetchOutcome } from '../../src/types.ts';
import { RSS, startServer, testSettings, type TestServer } from './server.ts';

const ETAG = '"s1"';
const settings = testSettings({ timeoutMs: 5_000, connectTimeoutMs: 5_000 });

/** What the handler is told about a request: its place on its connection (0 = the connection's first). */
type Handler = (nth: number, req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Counted {
  srv: TestServer;
  url: string;
  connections: number;
  requests: number;
  /** Requests the handler killed (closed or reset the connection instead of answering). */
  killed: number;
  handler: Handler;
}

const open: TestServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function counted(handler: Handler): Promise<Counted> {
  const served = new WeakMap<Socket, number>();
  const c: Counted = {
    srv: undefined as unknown as TestServer,
    url: '',
    connections: 0,
    requests: 0,
    killed: 0,
    handler,
  };
  c.srv = await startServer((req, res) => {
    c.requests++;
    const nth = served.get(req.socket) ?? 0;
    served.set(req.socket, nth + 1);
    c.handler(nth, req, res);
  });
  c.srv.server.on('connection', () => c.connections++);
  c.url = `${c.srv.url}/feed.xml`;
  open.push(c.srv);
  return c;
}

function feed(res: http.ServerResponse, req: http.IncomingMessage): void {
  if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
  res.writeHead(200, { etag: ETAG, 'content-type': 'application/rss+xml' }).end(RSS);
}

/** Closes the connection the request came on without answering: FIN ('socket hang up') or RST (ECONNRESET). */
const kills = {
  close: (req: http.IncomingMessage) => req.socket.destroy(),
  reset: (req: http.IncomingMessage) => req.socket.resetAndDestroy(),
};

function expectReset(o: FetchOutcome): void {
  expect(o.kind, JSON.stringify(o)).toBe('error');
  if (o.kind === 'error') expect(o.code, o.reason).toBe('reset');
}

describe('a kept-alive connection the server closes as the next request arrives', () => {
  it.each(Object.entries(kills))('%s: the GET is retried once, on a new connection', async (_, kill) => {
    const c = await counted((nth, req, res) => {
      if (nth === 0) return feed(res, req);
      c.killed++;
      kill(req);
    });
    expect((await fetchFeed(c.url, {}, settings)).kind).toBe('ok');
    expect(c.connections).toBe(1);

    const second = await fetchFeed(c.url, { etag: ETAG }, settings);
    expect(second.kind, JSON.stringify(second)).toBe('not-modified');
    // The second request reached the server on the first connection and was killed there; the retry came on a
    // connection of its own.
    expect(c.killed).toBe(1);
    expect(c.requests).toBe(3);
    expect(c.connections).toBe(2);
  });

  it('with two stale connections in the pool, the retry opens a new one rather than taking the other', async () => {
    const held: (() => void)[] = [];
    const c = await counted((nth, req, res) => {
      if (nth > 0) {
        c.killed++;
        return void req.socket.destroy();
      }
      if (held.length === 2) return feed(res, req);
      // Answer the first two only once both are in, so the two fetches below need two connections.
      held.push(() => feed(res, req));
      if (held.length === 2) for (const answer of held) answer();
    });
    const warm = await Promise.all([fetchFeed(c.url, {}, settings), fetchFeed(c.url, {}, settings)]);
    expect(warm.map((o) => o.kind)).toEqual(['ok', 'ok']);
    expect(c.connections).toBe(2);

    const o = await fetchFeed(c.url, { etag: ETAG }, settings);
    expect(o.kind, JSON.stringify(o)).toBe('not-modified');
    expect(c.killed).toBe(1);
    expect(c.connections).toBe(3);
  });
});

describe('the retry stays inside the fetch', () => {
  it('a retry the server never answers ends at the total deadline', async () => {
    const c = await counted((nth, req, res) => {
      if (nth > 0) {
        c.killed++;
        return void req.socket.destroy();
      }
      if (c.connections === 1) return feed(res, req);
      // The retry's connection: read the request, never answer.
    });
    const short = testSettings({ timeoutMs: 300 });
    expect((await fetchFeed(c.url, {}, short)).kind).toBe('ok');
    const o = await fetchFeed(c.url, { etag: ETAG }, short);
    expect(o.kind, JSON.stringify(o)).toBe('error');
    if (o.kind === 'error') expect([o.code, o.reason]).toEqual(['timeout', expect.stringMatching(/within 300 ms/)]);
    expect(c.killed).toBe(1);
    expect(c.connections).toBe(2);
  });
});

describe('resets that stay errors', () => {
  it('a server that resets every connection: one attempt on a new connection, then reset', async () => {
    const c = await counted((_, req) => {
      c.killed++;
      req.socket.resetAndDestroy();
    });
    expectReset(await fetchFeed(c.url, {}, settings));
    expect(c.requests).toBe(1);
    expect(c.connections).toBe(1);
  });

  it('a reused connection reset, then its retry reset too: reset after exactly one retry', async () => {
    let resetAll = false;
    const c = await counted((_, req, res) => {
      if (!resetAll) return feed(res, req);
      c.killed++;
      req.socket.resetAndDestroy();
    });
    expect((await fetchFeed(c.url, {}, settings)).kind).toBe('ok');
    resetAll = true;
    expectReset(await fetchFeed(c.url, { etag: ETAG }, settings));
    // The request on the kept-alive connection, and one retry on a new connection: no more.
    expect(c.killed).toBe(2);
    expect(c.connections).toBe(2);
  });

  // The server has started answering (bytes the client read before the close): a retry could repeat a response
  // in part delivered, so the failure stands. end() sends the bytes and then FIN, so they arrive before the close.
  const partial = {
    'part of the status line and headers': 'HTTP/1.1 200 OK\r\nContent-Type: appl',
    'the headers and part of the body': `HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n${RSS}`,
  };
  it.each(Object.entries(partial))('a reused connection closed after %s is not retried', async (_, bytes) => {
    const c = await counted((nth, req, res) => {
      if (nth === 0) return feed(res, req);
      c.killed++;
      req.socket.end(bytes);
    });
    expect((await fetchFeed(c.url, {}, settings)).kind).toBe('ok');
    expectReset(await fetchFeed(c.url, { etag: ETAG }, settings));
    expect(c.killed).toBe(1);
    expect(c.requests).toBe(2);
    expect(c.connections).toBe(1);
  });
});
