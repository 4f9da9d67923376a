import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import type { FeedReader } from '../../src/store/index.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { makeFixture, seedEntries, standardEntries, type Fixture } from '../publish/seed.ts';

// Every test on SQLite and on a PostgreSQL copy of the same fixture (tests/helpers/stores.ts); a test that adds
// entries adds them to the SQLite fixture and syncs the copy.
describe.each(stores().map((s) => [`${s.kind}${s.skip}`, s] as const))('the server on %s', (_name, s) => {
  let f: Fixture;
  let reader: FeedReader;
  let srv: RunningServer;
  let started = 0;
  const run = skipArm(s) ? describe.skip : describe;

  beforeAll(async () => {
    if (skipArm(s)) return;
    f = makeFixture(standardEntries());
    reader = await s.reader(f);
    started = Date.now();
    srv = await startServer({ store: reader, config: f.config, port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
    await s.close();
    f?.cleanup();
  });

  // fetch() asks for gzip by default: name the encoding so each test says what it gets.
  const get = (p: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(new URL(p, srv.url), { headers: { 'Accept-Encoding': 'identity', ...headers }, method });

  run('feeds over HTTP', () => {
    it('serves each format with its content type, caching headers and CORS', async () => {
      for (const [ext, type] of [
        ['rss', 'application/rss+xml; charset=utf-8'],
        ['atom', 'application/atom+xml; charset=utf-8'],
        ['json', 'application/feed+json; charset=utf-8'],
      ]) {
        const r = await get(`/feeds/country/pe.${ext}`);
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe(type);
        expect(r.headers.get('cache-control')).toBe('public, max-age=120');
        expect(r.headers.get('access-control-allow-origin')).toBe('*');
        expect(r.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
        // Last-Modified says when the body last changed, which for a server that just started is no earlier than now.
        const lm = Date.parse(r.headers.get('last-modified')!);
        expect(lm).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
        expect(lm).toBeLessThanOrEqual(Date.now());
        await r.arrayBuffer();
      }
      const rss = await new Parser().parseString(await (await get('/feeds/country/pe.rss')).text());
      expect(rss.items.map((i) => i.link)).toEqual([
        'https://andina.example/pe-protest',
        'https://andina.example/pe-strike',
      ]);
    });

    it('answers If-None-Match and If-Modified-Since with 304', async () => {
      const r = await get('/feeds/topic/strikes.atom');
      const etag = r.headers.get('etag')!;
      const lm = r.headers.get('last-modified')!;
      await r.text();
      const a = await get('/feeds/topic/strikes.atom', { 'If-None-Match': etag });
      expect(a.status).toBe(304);
      expect(a.headers.get('etag')).toBe(etag);
      expect(await a.text()).toBe('');
      expect((await get('/feeds/topic/strikes.atom', { 'If-None-Match': `W/${etag}, "other"` })).status).toBe(304);
      expect((await get('/feeds/topic/strikes.atom', { 'If-Modified-Since': lm })).status).toBe(304);
      const older = new Date(Date.parse(lm) - 1000).toUTCString();
      const b = await get('/feeds/topic/strikes.atom', { 'If-Modified-Since': older });
      expect(b.status).toBe(200);
      await b.text();
      // An ETag that does not match wins over a date that would.
      const c = await get('/feeds/topic/strikes.atom', { 'If-None-Match': '"nope"', 'If-Modified-Since': lm });
      expect(c.status).toBe(200);
      await c.text();
    });

    it('HEAD has the headers and no body', async () => {
      const g = await get('/feeds/all.json');
      const body = await g.text();
      const h = await get('/feeds/all.json', {}, 'HEAD');
      expect(h.status).toBe(200);
      expect(h.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      expect(h.headers.get('etag')).toBe(g.headers.get('etag'));
      expect(await h.text()).toBe('');
    });

    it('compresses with gzip and br by Accept-Encoding, with their own ETags', async () => {
      const plain = await (await get('/feeds/all.rss', { 'Accept-Encoding': 'identity' })).text();
      for (const enc of ['gzip', 'br'] as const) {
        const r = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
          (resolve, reject) => {
            import('node:http').then(({ get: hget }) =>
              hget(new URL('/feeds/all.rss', srv.url), { headers: { 'Accept-Encoding': enc } }, (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
              }).on('error', reject),
            );
          },
        );
        expect(r.headers['content-encoding']).toBe(enc);
        expect(r.headers.vary).toBe('Accept-Encoding');
        expect(r.headers.etag).toMatch(new RegExp(`-${enc}"$`));
        expect((enc === 'gzip' ? gunzipSync(r.body) : brotliDecompressSync(r.body)).toString('utf8')).toBe(plain);
      }
    });

    it('rejects bad parameters with 400 naming them, unknown feeds with 404', async () => {
      const nul = await get('/feeds/all.json?q=a%00b');
      expect(nul.status).toBe(400);
      expect(await nul.text()).toMatch(/bad parameter q: contains control characters/);
      const cases: [string, number, RegExp][] = [
        ['/feeds/all.rss?limit=abc', 400, /limit/],
        ['/feeds/all.rss?limit=0', 400, /limit/],
        ['/feeds/all.rss?country=zz', 400, /country/],
        ['/feeds/all.rss?topic=nope', 400, /topic/],
        ['/feeds/all.rss?source=nope', 400, /source/],
        ['/feeds/all.rss?before=garbage!', 400, /before/],
        ['/feeds/all.rss?q=' + 'x'.repeat(300), 400, /\bq\b/],
        ['/feeds/country/zz.rss', 404, /unknown country/],
        ['/feeds/country/PE.rss', 404, /unknown country/],
        ['/feeds/topic/nope.json', 404, /unknown topic/],
        ['/feeds/region/atlantis.atom', 404, /unknown region/],
        ['/feeds/source/nope.rss', 404, /unknown source/],
        ['/feeds/c/nope.rss', 404, /unknown collection/],
        ['/feeds/all.xml', 404, /not found/],
        ['/nothing', 404, /not found/],
      ];
      for (const [p, status, msg] of cases) {
        const r = await get(p);
        expect(r.status, p).toBe(status);
        expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(await r.text(), p).toMatch(msg);
      }
      const big = await get('/feeds/all.json?limit=9999');
      expect(big.status).toBe(200);
      expect(JSON.parse(await big.text()).feed_url).toBe('https://wire.example/feeds/all.json?limit=50');
    });

    it('query parameters select exactly the right entries, and rel=next pages walk back', async () => {
      const urls = async (p: string) =>
        JSON.parse(await (await get(p)).text()).items.map((i: { url: string }) => i.url.split('/').pop());
      expect(await urls('/feeds/all.json?topic=protests')).toEqual(['pe-protest', 'bo-protest']);
      expect(await urls('/feeds/region/latin-america.json?country=bo')).toEqual(['bo-election']);
      expect(await urls('/feeds/all.json?q=strike')).toEqual(['pe-strike']);
      expect(await urls('/feeds/source/wire.json')).toEqual(['world', 'pe-mention', 'pe-strike-wire']);
      const seen: string[] = [];
      let next: string | undefined = '/feeds/all.json?limit=2';
      while (next) {
        const doc = JSON.parse(await (await get(next)).text());
        seen.push(...doc.items.map((i: { url: string }) => i.url.split('/').pop()));
        next = doc.next_url ? new URL(doc.next_url).pathname + new URL(doc.next_url).search : undefined;
      }
      expect(seen).toEqual(await urls('/feeds/all.json'));
      const atom = await (await get('/feeds/all.atom?limit=2')).text();
      expect(atom).toMatch(
        /<link rel="next" type="application\/atom\+xml" href="https:\/\/wire\.example\/feeds\/all\.atom\?limit=2&amp;before=[\w-]+"\/>/,
      );
      expect(await (await get('/feeds/all.rss?limit=2')).text()).toMatch(
        /<atom:link href="[^"]+before=[^"]+" rel="next"/,
      );
    });

    it('renders a feed once and again only when its content changes', async () => {
      const p = '/feeds/country/bo.rss';
      const first = await get(p);
      const etag = first.headers.get('etag');
      await first.text();
      const n = srv.renders();
      await (await get(p)).text();
      expect(srv.renders()).toBe(n);
      // A write that does not touch Bolivia: data version moves, the feed is re-queried but not re-rendered.
      seedEntries(f.store, [
        { sourceId: 'wire', key: 'unrelated', title: 'Unrelated', publishedAt: '2024-05-08T08:00:00.000Z' },
      ]);
      await s.sync(f);
      const again = await get(p);
      expect(again.headers.get('etag')).toBe(etag);
      await again.text();
      expect(srv.renders()).toBe(n);
      // Unknown parameters (readers' cache-busters) are ignored and cost no render.
      for (let i = 0; i < 5; i++) await (await get(`${p}?_=${i}&utm_source=reader`)).text();
      expect(srv.renders()).toBe(n);
      seedEntries(f.store, [
        {
          sourceId: 'bolnews',
          key: 'bo-new',
          title: 'New in Bolivia',
          publishedAt: '2024-05-09T08:00:00.000Z',
          tags: [{ kind: 'country', value: 'BO' }],
        },
      ]);
      await s.sync(f);
      const changed = await get(p);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(await changed.text()).toContain('New in Bolivia');
      expect(srv.renders()).toBe(n + 1);
    });

    it('moves Last-Modified whenever the body changes, even for an entry dated before the newest', async () => {
      const p = '/feeds/country/bo.atom';
      const first = await get(p);
      const lm = first.headers.get('last-modified')!;
      await first.text();
      await new Promise((r) => setTimeout(r, 1100)); // HTTP dates have whole seconds
      // A late source: its entry is older than everything in the feed.
      seedEntries(f.store, [
        {
          sourceId: 'bolnews',
          key: 'bo-late',
          title: 'Late report from La Paz',
          publishedAt: '2024-01-01T08:00:00.000Z',
          tags: [{ kind: 'country', value: 'BO' }],
        },
      ]);
      await s.sync(f);
      const after = await get(p, { 'If-Modified-Since': lm });
      expect(after.status).toBe(200);
      expect(await after.text()).toContain('Late report from La Paz');
      expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(lm));
    });

    it('serves /healthz, the index and previews; CORS only on feeds', async () => {
      // A seeded database on which no worker cycle ran: the database is fine, the worker has not been seen (503).
      const h = await get('/healthz');
      expect(h.status).toBe(503);
      expect(h.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await h.json()).toMatchObject({ status: 'no cycle yet', database: { readable: true, writable: true } });
      const index = await get('/');
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(index.headers.get('access-control-allow-origin')).toBeNull();
      const html = await index.text();
      expect(html).toContain(
        '<link rel="alternate" type="application/rss+xml" title="Peru (RSS)" href="https://wire.example/feeds/country/pe.rss">',
      );
      const view = await (await get('/view/country/pe.html')).text();
      expect(view).toContain('National strike in Peru');
      expect(view).toContain('Students &lt;march&gt; &amp; "protest" in Cusco');
      expect(view).not.toMatch(/<script/i);
      expect((await get('/view/country/pe')).status).toBe(200);
      expect((await get('/feeds/all.rss', {}, 'POST')).status).toBe(405);
      const pre = await get(
        '/feeds/all.rss',
        { Origin: 'https://reader.example', 'Access-Control-Request-Method': 'GET' },
        'OPTIONS',
      );
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('ids and bytes survive a restart', async () => {
      const before = await (await get('/feeds/all.atom')).text();
      await srv.close();
      srv = await startServer({ store: reader, config: f.config, port: 0, host: '127.0.0.1' });
      expect(await (await get('/feeds/all.atom')).text()).toBe(before);
    });
  });

  run('static export', () => {
    // On PostgreSQL: the export written from the SQLite fixture, byte for byte what the server on the copy serves.
    it('writes every feed and page, byte for byte what the server serves', async () => {
      const out = path.join(f.dir, 'public');
      const io = {
        out: () => true,
        err: (s: string) => {
          console.error(s);
          return true;
        },
      };
      expect(
        await main(['node', 'wireroom', '--config', f.configDir, '--db', f.dbFile, 'publish', '--out', out], io),
      ).toBe(0);
      // Second run swaps the folder: still complete, no temp folders left.
      expect(
        await main(['node', 'wireroom', '--config', f.configDir, '--db', f.dbFile, 'publish', '--out', out], io),
      ).toBe(0);
      expect(readdirSync(f.dir).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
      const files: string[] = [];
      const walk = (d: string) =>
        readdirSync(d).forEach((n) =>
          statSync(path.join(d, n)).isDirectory()
            ? walk(path.join(d, n))
            : files.push(path.relative(out, path.join(d, n))),
        );
      walk(out);
      expect(files).toContain('feeds/country/pe.rss');
      expect(files).toContain('feeds/c/latin-america.json');
      expect(files).toContain('view/topic/strikes.html');
      expect(files.filter((p) => p.startsWith('feeds/')).length % 3).toBe(0);
      expect(files).toContain('.wireroom-export'); // the mark that lets the next export replace the folder
      for (const rel of files.filter((r) => r !== '.wireroom-export')) {
        const served = Buffer.from(await (await get(rel === 'index.html' ? '/' : `/${rel}`)).arrayBuffer());
        expect(readFileSync(path.join(out, rel)).equals(served), rel).toBe(true);
      }
    });
  });
});
