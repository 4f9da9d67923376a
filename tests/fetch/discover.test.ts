// Feed autodiscovery (src/worker/discover.ts, built on the guarded fetch) against real servers on 127.0.0.1: a page
// with alternate links, a page with none but a feed at a common path, a page with nothing, and a feed itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_FEED_PATHS, discoverFeeds, FeedLookupError } from '../../src/worker/index.ts';
import { fixtureServer, rss } from '../helpers/env.ts';
import { testSettings } from './server.ts';

type Fixture = Awaited<ReturnType<typeof fixtureServer>>;

const FEED = rss([{ guid: 'a', title: 'First' }]);
const ATOM = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title></feed>`;
const JSON_FEED = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [] });
const html = (head: string, body = '<p>hello</p>') =>
  `<!DOCTYPE html><html><head><title>Site</title>${head}</head><body>${body}</body></html>`;

let site: Fixture;
let empty: Fixture;

function serve(type: string, body: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) =>
    void res.writeHead(200, { 'content-type': type }).end(body);
}

/** The FeedLookupError `p` fails with; a result instead fails the test. */
async function failure(p: Promise<unknown>): Promise<FeedLookupError> {
  const result = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('value' in result) throw new Error(`expected a FeedLookupError, got ${JSON.stringify(result.value)}`);
  expect(result.error).toBeInstanceOf(FeedLookupError);
  return result.error as FeedLookupError;
}

beforeAll(async () => {
  site = await fixtureServer({});
  Object.assign(site.routes, {
    '/page': serve(
      'text/html; charset=utf-8',
      html(`
        <base href="/news/">
        <link rel="stylesheet" href="/style.css">
        <link rel="alternate" type="application/rss+xml" title=" Main &amp;  more " href="feed.rss">
        <link rel="alternate" type="application/atom+xml" title="Atom" href="${site.url('/atom.xml')}">
        <link rel="Alternate" type="application/rss+xml" title="Again" href="/news/feed.rss#top">
        <link rel="alternate" type="application/rss+xml" title="Script" href="javascript:alert(1)">
        <link rel="alternate" type="application/rss+xml" title="Intranet" href="http://10.1.2.3/private.xml">
        <link rel="alternate" hreflang="es" href="/es/">
        <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
        <link rel="alternate" type="application/json" title="JSON" href="/news/feed.json">`),
    ),
    '/news/feed.rss': serve('application/rss+xml', FEED),
    '/news/feed.json': serve('application/json', JSON_FEED),
    '/atom.xml': serve('application/atom+xml', ATOM),
    '/wp-json/wp/v2/posts/1': serve('application/json', JSON.stringify({ id: 1, title: 'not a feed' })),
    // Moved here from /old/page: its relative link resolves against where it ended up.
    '/old/page': (_req: unknown, res: import('node:http').ServerResponse) =>
      void res.writeHead(302, { location: '/section/page' }).end(),
    '/section/page': serve('text/html', html('<link rel="alternate" type="application/rss+xml" href="rss.xml">')),
    '/bare': serve('text/html', html('')),
    '/feed.xml': serve('text/xml', FEED),
    // Another common path that ends at the same feed: one candidate, under its permanent address.
    '/rss': (_req: unknown, res: import('node:http').ServerResponse) =>
      void res.writeHead(301, { location: '/feed.xml' }).end(),
    '/missing': (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(404).end('gone'),
  });
  empty = await fixtureServer({
    '/': serve('text/html', html('<link rel="alternate" type="text/html" href="/other">')),
    '/private-only': serve(
      'text/html',
      html('<link rel="alternate" type="application/rss+xml" href="http://192.168.7.7/feed.xml">'),
    ),
    // A common path that answers with a page, not a feed.
    '/feed': serve('text/html', html('')),
  });
});

afterAll(async () => {
  await site.close();
  await empty.close();
});

describe('discoverFeeds', () => {
  it('reads alternate links: relative to <base>, absolute, each once, http(s) only, no private addresses', async () => {
    const found = await discoverFeeds(site.url('/page'), testSettings());
    expect(found.kind).toBe('page');
    expect(found.candidates).toEqual([
      { url: site.url('/news/feed.rss'), title: 'Main & more', format: 'rss' },
      { url: site.url('/atom.xml'), title: 'Atom', format: 'atom' },
      { url: site.url('/news/feed.json'), title: 'JSON', format: 'json' },
    ]);
    expect(found.skipped.map((s) => s.url)).toEqual([
      'http://10.1.2.3/private.xml',
      site.url('/wp-json/wp/v2/posts/1'),
    ]);
    expect(found.skipped[0]?.reason).toMatch(/private/);
    expect(found.skipped[1]?.reason).toMatch(/not a JSON Feed/);
    // Links were enough: no common path was probed.
    for (const p of COMMON_FEED_PATHS) expect(site.hits[p]).toBeUndefined();
  });

  it('resolves relative links against the URL the page was finally served from', async () => {
    const found = await discoverFeeds(site.url('/old/page'), testSettings());
    expect(found.finalUrl).toBe(site.url('/section/page'));
    expect(found.candidates).toEqual([{ url: site.url('/section/rss.xml'), format: 'rss' }]);
  });

  it('probes common paths on the same origin when the page links no feed', async () => {
    const found = await discoverFeeds(site.url('/bare'), testSettings());
    expect(found.kind).toBe('page');
    // In path order; /rss redirects for good to /feed.xml: the same feed, found once, under its new address.
    expect(found.candidates).toEqual([
      { url: site.url('/feed.xml'), format: 'rss' },
      { url: site.url('/atom.xml'), format: 'atom' },
    ]);
    expect(site.hits['/rss']).toBe(1);
  });

  it('keeps to the probe limit', async () => {
    const before = COMMON_FEED_PATHS.reduce((n, p) => n + (empty.hits[p] ?? 0), 0);
    const err = await failure(discoverFeeds(empty.url('/'), testSettings(), { maxProbes: 2 }));
    expect(err.code).toBe('no-feeds');
    const after = COMMON_FEED_PATHS.reduce((n, p) => n + (empty.hits[p] ?? 0), 0);
    expect(after - before).toBe(2);
  });

  it('says so when a page offers no feed at all', async () => {
    const err = await failure(discoverFeeds(empty.url('/'), testSettings()));
    expect(err.code).toBe('no-feeds');
    expect(err.message).toBe(`${empty.url('/')}: not a feed and no feeds found on the page`);
  });

  it('names the links it left out when nothing else is found', async () => {
    const err = await failure(discoverFeeds(empty.url('/private-only'), testSettings()));
    expect(err.code).toBe('no-feeds');
    expect(err.message).toMatch(/no feeds found on the page; left out http:\/\/192\.168\.7\.7\/feed\.xml \(private/);
  });

  it('returns a feed URL as the one candidate', async () => {
    const found = await discoverFeeds(site.url('/feed.xml'), testSettings());
    expect(found).toMatchObject({ kind: 'feed', candidates: [{ url: site.url('/feed.xml'), format: 'rss' }] });
    const atom = await discoverFeeds(site.url('/atom.xml'), testSettings());
    expect(atom.candidates).toEqual([{ url: site.url('/atom.xml'), format: 'atom' }]);
  });

  it('names the URL and the reason when the fetch fails', async () => {
    const notFound = await failure(discoverFeeds(site.url('/missing'), testSettings()));
    expect(notFound).toMatchObject({ code: 'http', status: 404 });
    expect(notFound.message).toBe(`${site.url('/missing')}: HTTP 404 Not Found`);

    // The same guard as the worker: loopback is refused unless allow_private lists it.
    const blocked = await failure(discoverFeeds(site.url('/page'), testSettings({ allowPrivate: [] })));
    expect(blocked.code).toBe('blocked');
    expect(blocked.message).toContain(site.url('/page'));
    expect(blocked.message).toMatch(/loopback/);

    const scheme = await failure(discoverFeeds('ftp://example.org/feed', testSettings()));
    expect(scheme.code).toBe('not-http');
  });
});
