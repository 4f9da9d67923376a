// fetchFeed against a real loopback server: conditional GET, redirects, compression, status mapping.
import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.ts';
import { RSS, startServer, testSettings, type TestServer } from './server.ts';

let srv: TestServer;
const seen: http.IncomingHttpHeaders[] = [];
const ETAG = '"v1"';
const LAST_MODIFIED = 'Wed, 01 Jan 2025 00:00:00 GMT';

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? '/';
  seen.push(req.headers);
  const redirect = (status: number, to: string): void => {
    res.writeHead(status, { location: to });
    res.end();
  };
  switch (path) {
    case '/feed':
      if (req.headers['if-none-match'] === ETAG) {
        res.writeHead(304, { etag: ETAG, 'cache-control': 'max-age=600' });
        return void res.end();
      }
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: ETAG,
        'last-modified': LAST_MODIFIED,
        'cache-control': 'public, max-age=600',
      });
      return void res.end(RSS);
    case '/lm-only':
      if (req.headers['if-modified-since'] === LAST_MODIFIED) return void res.writeHead(304).end();
      res.writeHead(200, { 'last-modified': LAST_MODIFIED });
      return void res.end(RSS);
    case '/p301':
      return redirect(301, '/p308');
    case '/p308':
      return redirect(308, `${srv.url}/feed`);
    case '/t302':
      return redirect(302, '/feed');
    case '/mixed':
      return redirect(301, '/t302');
    case '/gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' });
      return void res.end(zlib.gzipSync(RSS));
    case '/br':
      res.writeHead(200, { 'content-encoding': 'br' });
      return void res.end(zlib.brotliCompressSync(RSS));
    case '/deflate':
      res.writeHead(200, { 'content-encoding': 'deflate' });
      return void res.end(zlib.deflateSync(RSS));
    case '/deflate-raw':
      res.writeHead(200, { 'content-encoding': 'deflate' });
      return void res.end(zlib.deflateRawSync(RSS));
    case '/html-type':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(RSS);
    case '/gone':
      return void res.writeHead(410).end('gone');
    case '/429s':
      return void res.writeHead(429, { 'retry-after': '120' }).end();
    case '/429d':
      return void res.writeHead(429, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }).end();
    case '/503':
      return void res.writeHead(503, { 'retry-after': '30' }).end();
    case '/404':
      return void res.writeHead(404).end('nope');
    case '/500':
      return void res.writeHead(500).end('oops');
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  srv = await startServer(route);
});
afterAll(async () => {
  await srv.close();
});

const settings = testSettings();

describe('conditional GET', () => {
  it('returns validators and max-age on 200, then not-modified with If-None-Match', async () => {
    const first = await fetchFeed(`${srv.url}/feed`, {}, settings);
    expect(first.kind).toBe('ok');
    if (first.kind !== 'ok') return;
    expect(first.body.toString()).toBe(RSS);
    expect(first.etag).toBe(ETAG);
    expect(first.lastModified).toBe(LAST_MODIFIED);
    expect(first.maxAgeSeconds).toBe(600);
    expect(first.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(first.bytes).toBe(Buffer.byteLength(RSS));
    expect(first.permanentUrl).toBeUndefined();

    const second = await fetchFeed(`${srv.url}/feed`, { etag: first.etag, lastModified: first.lastModified }, settings);
    expect(second).toMatchObject({
      kind: 'not-modified',
      status: 304,
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      maxAgeSeconds: 600,
    });
    expect(seen.at(-1)?.['if-none-match']).toBe(ETAG);
    expect(seen.at(-1)?.['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('uses If-Modified-Since alone', async () => {
    const r = await fetchFeed(`${srv.url}/lm-only`, { lastModified: LAST_MODIFIED }, settings);
    expect(r.kind).toBe('not-modified');
  });

  it('sends User-Agent, a feed-preferring Accept and Accept-Encoding', async () => {
    await fetchFeed(`${srv.url}/feed`, {}, settings);
    const h = seen.at(-1)!;
    expect(h['user-agent']).toBe(settings.userAgent);
    expect(h.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(h['accept-encoding']).toBe('gzip, deflate, br');
    expect(h['if-none-match']).toBeUndefined();
  });
});

describe('redirects', () => {
  it('301 then 308 sets permanentUrl', async () => {
    const r = await fetchFeed(`${srv.url}/p301`, {}, settings);
    expect(r).toMatchObject({ kind: 'ok', finalUrl: `${srv.url}/feed`, permanentUrl: `${srv.url}/feed` });
  });
  it('308 alone sets permanentUrl', async () => {
    const r = await fetchFeed(`${srv.url}/p308`, {}, settings);
    expect(r).toMatchObject({ kind: 'ok', permanentUrl: `${srv.url}/feed` });
  });
  it('302 does not set permanentUrl', async () => {
    const r = await fetchFeed(`${srv.url}/t302`, {}, settings);
    expect(r).toMatchObject({ kind: 'ok', finalUrl: `${srv.url}/feed` });
    expect(r.kind === 'ok' && r.permanentUrl).toBeFalsy();
  });
  it('a chain with one temporary hop is not permanent', async () => {
    const r = await fetchFeed(`${srv.url}/mixed`, {}, settings);
    expect(r.kind).toBe('ok');
    expect(r.kind === 'ok' && r.permanentUrl).toBeFalsy();
  });
  it('starts from state.effectiveUrl when a permanent redirect set it', async () => {
    const r = await fetchFeed(`${srv.url}/p301`, { effectiveUrl: `${srv.url}/feed` }, settings);
    expect(r).toMatchObject({ kind: 'ok', finalUrl: `${srv.url}/feed` });
    expect(r.kind === 'ok' && r.permanentUrl).toBeFalsy();
  });
});

describe('compression', () => {
  for (const path of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
    it(`decodes ${path.slice(1)}`, async () => {
      const r = await fetchFeed(`${srv.url}${path}`, {}, settings);
      expect(r.kind).toBe('ok');
      if (r.kind === 'ok') {
        expect(r.body.toString()).toBe(RSS);
        expect(r.bytes).toBeLessThan(Buffer.byteLength(RSS) + 30);
      }
    });
  }
});

describe('status codes', () => {
  it('410 is gone', async () => {
    const r = await fetchFeed(`${srv.url}/gone`, {}, settings);
    expect(r).toMatchObject({ kind: 'error', code: 'gone', status: 410 });
  });
  it('429 with Retry-After seconds', async () => {
    const r = await fetchFeed(`${srv.url}/429s`, {}, settings);
    expect(r).toMatchObject({ kind: 'error', code: 'rate-limited', status: 429, retryAfterSeconds: 120 });
  });
  it('429 with Retry-After HTTP-date', async () => {
    const r = await fetchFeed(`${srv.url}/429d`, {}, settings);
    expect(r.kind === 'error' && r.retryAfterSeconds).toBeGreaterThan(3590);
    expect(r.kind === 'error' && r.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });
  it('503 with Retry-After', async () => {
    const r = await fetchFeed(`${srv.url}/503`, {}, settings);
    expect(r).toMatchObject({ kind: 'error', code: 'unavailable', status: 503, retryAfterSeconds: 30 });
  });
  it('404 and 500 are http errors naming the URL', async () => {
    const a = await fetchFeed(`${srv.url}/404`, {}, settings);
    expect(a).toMatchObject({ kind: 'error', code: 'http', status: 404, reason: `${srv.url}/404: HTTP 404 Not Found` });
    const b = await fetchFeed(`${srv.url}/500`, {}, settings);
    expect(b).toMatchObject({ kind: 'error', code: 'http', status: 500 });
  });
  it('returns the content type without trusting it', async () => {
    const r = await fetchFeed(`${srv.url}/html-type`, {}, settings);
    expect(r).toMatchObject({ kind: 'ok', contentType: 'text/html' });
  });
});

describe('SSRF on the good server', () => {
  it('refuses loopback unless allow-listed', async () => {
    const r = await fetchFeed(`${srv.url}/feed`, {}, testSettings({ allowPrivate: [] }));
    expect(r).toMatchObject({ kind: 'error', code: 'blocked' });
    expect(r.kind === 'error' && r.reason).toBe(`${srv.url}/feed blocked: loopback address`);
  });
  it('accepts a CIDR allow-list entry', async () => {
    const r = await fetchFeed(`${srv.url}/feed`, {}, testSettings({ allowPrivate: ['127.0.0.0/8'] }));
    expect(r.kind).toBe('ok');
  });
  it('checks names on the resolved address', async () => {
    const r = await fetchFeed(`http://localhost:${srv.port}/feed`, {}, testSettings({ allowPrivate: [] }));
    expect(r).toMatchObject({ kind: 'error', code: 'blocked' });
    expect(r.kind === 'error' && r.reason).toMatch(/localhost resolves to .*loopback address/);
  });
  it('a host-name allow-list entry allows that name', async () => {
    const r = await fetchFeed(`http://localhost:${srv.port}/feed`, {}, testSettings({ allowPrivate: ['localhost'] }));
    // localhost may resolve to ::1 first, where nothing listens; what matters is that it was not blocked.
    expect(r.kind === 'error' ? r.code : r.kind).not.toBe('blocked');
  });
});
