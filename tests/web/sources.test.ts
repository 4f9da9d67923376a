// The sources area, console and API, against a real server and a fixture HTTP server on 127.0.0.1: the health
// dashboard (filters, sorts, paging), add with a preview first (a hostile feed title shown escaped, a site's feeds to
// pick from, the preview rate limit), edits through src/editor with the file version (412 after a CLI edit, comments
// kept, audit rows), OPML import previewed row by row (file upload and pasted text) and export, and "fetch now" as a
// background job whose entries are stored. Every API response is checked against /api/v1/openapi.json. On both
// stores (issue #15): the same pages, answers and jobs on a SQLite file and on a PostgreSQL database.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, rss } from '../helpers/env.ts';
import { skipArm, stores, type StoreKind } from '../helpers/stores.ts';
import { FormClient, serverWithoutJobs, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const HOSTILE = '<script>alert(1)</script>" onmouseover="x';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

const items = [
  { guid: 'a1', title: 'Peru: general strike called as miners walk out in Arequipa', link: 'https://example.org/1' },
  { guid: 'a2', title: `Lima: ${HOSTILE}`, link: 'javascript:alert(2)' },
  { guid: 'a3', title: 'Chile: parliament votes on pension reform', link: 'https://example.org/3' },
].map((i, n) => ({ ...i, description: i.title, pubDate: `Mon, 26 Feb 2024 0${n}:00:00 GMT` }));

const hostileFeed = rss(items).replace('<title>Fixture</title>', `<title>${HOSTILE.replace(/</g, '&lt;')}</title>`);

type Fixture = Awaited<ReturnType<typeof fixtureServer>>;

/** The id the OPML import gives the calm feed (made from its URL). */
const CALM = '127-0-0-1-calm';

/** The value of a hidden input in a page. */
function hidden(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  expect(m, `hidden field ${name}`).not.toBeNull();
  return (m?.[1] ?? '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function sourcesOn(kind: StoreKind) {
  let srv: Fixture;
  let h: Harness;
  let spec: OpenApiChecker;
  let eveToken: string;
  let vicToken: string;

  const sourcesFile = () => path.join(h.configDir, 'sources.yaml');

  async function api(token: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${h.base}/api/v1${p}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await spec.check(method, `/api/v1${p}`, res)) as Record<string, unknown> | undefined;
    return { res, json: json ?? {} };
  }

  async function settledJob(location: string | null) {
    const id = Number(/\/jobs\/(\d+)$/.exec(location ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    const job = await h.jobs?.settled(id);
    expect(job?.state).toBe('done');
    return job;
  }

  beforeAll(async () => {
    srv = await fixtureServer({
      '/hostile.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(hostileFeed),
      '/calm.xml': (_q, res) =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items.slice(0, 1))),
      '/site': (_q, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<!doctype html><html><head>' +
              '<link rel="alternate" type="application/rss+xml" title="Main wire" href="/hostile.xml">' +
              '<link rel="alternate" type="application/rss+xml" title="Calm wire" href="/calm.xml">' +
              '</head><body>news</body></html>',
          ),
      // No feed: the parser's error quotes how the document starts, hostile markup and all.
      '/broken.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(`oops${HOSTILE}`),
    });
    h = await startHarness({
      users: { ada: 'admin', eve: 'editor', ed: 'editor', ann: 'editor', vic: 'viewer' },
      store: kind,
      jobs: true,
      main:
        'site:\n  base_url: http://127.0.0.1:0/\nschedule:\n  run_on_start: false\ndatabase:\n  path: db.sqlite\n' +
        'fetch:\n  timeout_seconds: 2\n  allow_private: ["127.0.0.1"]\nconsole:\n  previews_per_minute: 4\n',
    });
    spec = await OpenApiChecker.load(h.base);
    eveToken = await tokenFor(h, 'eve', ['read', 'sources:write']);
    vicToken = await tokenFor(h, 'vic', ['read']);
  });

  afterAll(async () => {
    await h?.close();
    await srv?.close();
  });

  describe('sources in the console', () => {
    const b = () => new FormClient(h.base);
    let eve: FormClient;

    it('previews a feed with its title, items and tags, everything a feed wrote escaped', async () => {
      eve = b();
      await eve.login('eve');
      const { res, html } = await eve.page('/console/sources/new');
      expect(res.status).toBe(200);
      const preview = await eve.post('/console/sources/new/preview', { url: srv.url('/hostile.xml'), country: 'PE' });
      expect(preview.status).toBe(200);
      const page = await preview.text();
      expect(html).toContain('name="url"');
      expect(page).toContain(ESCAPED_SCRIPT);
      expect(page).not.toContain('<script>alert(1)');
      expect(page).not.toContain('" onmouseover="x');
      expect(page).toContain('rss');
      expect(page).toMatch(/<th>Items<\/th>\s*<td>3<\/td>/);
      expect(page).toContain('country:PE');
      // A javascript: link from the feed is shown as text, never as a link.
      expect(page).not.toContain('href="javascript:');
      // Nothing stored by a preview.
      expect(await h.editor.sources.get('hostile')).toBeUndefined();
      expect(readFileSync(sourcesFile(), 'utf8')).toBe('# the sources\nsources:\n');
    });

    it("a site's address shows the feeds it offers, each to preview", async () => {
      const res = await eve.post('/console/sources/new/preview', { url: srv.url('/site') });
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('is a web page, not a feed');
      expect(page).toContain('Main wire');
      expect(page).toContain('Calm wire');
      expect(page).toContain(`value="${srv.url('/calm.xml')}"`);
    });

    it('adds the previewed source through the editor: comments kept, audited, listed on the dashboard', async () => {
      const res = await eve.post('/console/sources/new/preview', { url: srv.url('/hostile.xml'), country: 'PE' });
      const page = await res.text();
      const version = hidden(page, 'version');
      const added = await eve.post('/console/sources/new', {
        url: srv.url('/hostile.xml'),
        id: 'hostile',
        country: 'PE',
        topics: '',
        version,
      });
      expect(added.status).toBe(303);
      expect(added.headers.get('location')).toBe('/console/sources/hostile?done=Added%20hostile');
      const file = readFileSync(sourcesFile(), 'utf8');
      expect(file).toContain('# the sources');
      expect(file).toContain('id: hostile');
      const audit = await h.editor.accounts.audit.recent({ target: 'source:hostile' });
      expect(audit[0]).toMatchObject({ action: 'sources.add', actor: 'eve', origin: 'console' });
      const { html } = await eve.page('/console/sources');
      expect(html).toContain('href="/console/sources/hostile"');
      expect(html).toMatch(/new \(1\)/);
    });

    it('adds a source disabled, as `sources add --disabled` does: listed, not fetched', async () => {
      const form = await eve.page('/console/sources/new');
      expect(form.html).toContain('name="disabled"');
      const added = await eve.post('/console/sources/new', {
        url: srv.url('/calm.xml'),
        id: 'calm-off',
        disabled: 'on',
      });
      expect(added.status).toBe(303);
      const file = readFileSync(sourcesFile(), 'utf8');
      expect(file).toMatch(/id: calm-off\n(\s+\w+: .*\n)*?\s+enabled: false/);
      expect(file).toContain('# the sources');
      // The source's page offers to enable it; removing it leaves the file as it was before.
      const { html } = await eve.page('/console/sources/calm-off');
      expect(html).toContain('>Enable</button>');
      expect((await eve.post('/console/sources/calm-off/remove', {})).status).toBe(303);
      expect(readFileSync(sourcesFile(), 'utf8')).not.toContain('calm-off');
    });

    it('a fourth and fifth preview in a minute: the fifth is refused with 429 and Retry-After', async () => {
      // eve has made three previews; the limit is four a minute.
      const fourth = await eve.post('/console/sources/new/preview', { url: srv.url('/calm.xml') });
      expect(fourth.status).toBe(200);
      const fifth = await eve.post('/console/sources/new/preview', { url: srv.url('/calm.xml') });
      expect(fifth.status).toBe(429);
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await fifth.text()).toContain('previews a minute');
    });

    it('fetch now runs as a job; the entries are stored and the dashboard shows the feed title escaped', async () => {
      const res = await eve.post('/console/sources/hostile/fetch', {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/console\/jobs\/\d+$/);
      await settledJob(res.headers.get('location'));
      expect((await h.editor.entries.countsBySource()).get('hostile')).toBe(3);
      const { html } = await eve.page('/console/sources?status=ok');
      expect(html).toContain('href="/console/sources/hostile"');
      expect(html).toContain(ESCAPED_SCRIPT);
      expect(html).not.toContain('<script>alert(1)');
      const detail = await eve.page('/console/sources/hostile');
      expect(detail.res.status).toBe(200);
      expect(detail.html).toContain('Recent fetches');
      expect(detail.html).toMatch(/<td>3 \/ 0 \/ 0<\/td>/);
      expect(detail.html).not.toContain('<script>alert(1)');
    });

    it('a failing source shows since when and why, the error a remote wrote escaped', async () => {
      const { version } = (await api(eveToken, 'GET', '/sources')).json as { version: string };
      const add = await api(
        eveToken,
        'POST',
        '/sources',
        { url: srv.url('/broken.xml'), id: 'broken' },
        {
          'if-match': version,
        },
      );
      expect(add.res.status).toBe(201);
      const fetched = await api(eveToken, 'POST', '/sources/broken/fetch');
      expect(fetched.res.status).toBe(202);
      expect(fetched.res.headers.get('location')).toMatch(/^\/api\/v1\/jobs\/\d+$/);
      await settledJob(fetched.res.headers.get('location'));
      const list = await api(eveToken, 'GET', '/sources?status=failing');
      const items = list.json.items as { id: string; lastError?: string; failingSince?: string; failures: number }[];
      expect(items.map((s) => s.id)).toEqual(['broken']);
      expect(items[0]?.lastError).toContain('<script>alert(1)');
      expect(items[0]?.failingSince).toBeTruthy();
      expect(items[0]?.failures).toBe(1);
      const page = await eve.page('/console/sources?status=failing');
      expect(page.html).toContain('href="/console/sources/broken"');
      expect(page.html).not.toContain('href="/console/sources/hostile"');
      expect(page.html).toContain('1 in a row, since');
      const detail = await eve.page('/console/sources/broken');
      expect(detail.html).toContain(ESCAPED_SCRIPT);
      expect(detail.html).not.toContain('<script>alert(1)');
      expect(detail.html).not.toContain('" onmouseover="x');
      // The console's front page counts it.
      const front = await eve.page('/console/');
      expect(front.html).toContain('<a href="/console/sources?status=failing">1 failing</a>');
      expect(front.html).toContain('<a href="/console/entries">3 entries</a>');
    });

    it('a form read before a CLI edit of sources.yaml is refused with 412; the file keeps its comments', async () => {
      const { html } = await eve.page('/console/sources/hostile');
      const version = hidden(html, 'version');
      // Someone edits the file at the CLI meanwhile.
      writeFileSync(sourcesFile(), `${readFileSync(sourcesFile(), 'utf8')}# edited at the CLI\n`);
      const before = readFileSync(sourcesFile(), 'utf8');
      const res = await eve.post('/console/sources/hostile/edit', {
        url: srv.url('/hostile.xml'),
        title: 'Renamed',
        country: 'PE',
        topics: '',
        interval: '',
        version,
      });
      expect(res.status).toBe(412);
      expect(await res.text()).toContain('changed since');
      expect(readFileSync(sourcesFile(), 'utf8')).toBe(before);
      // With the page read again, the edit goes through and both comments stay.
      const again = await eve.page('/console/sources/hostile');
      const saved = await eve.post('/console/sources/hostile/edit', {
        url: srv.url('/hostile.xml'),
        title: 'Renamed',
        country: 'PE',
        topics: 'strikes',
        interval: '',
        version: hidden(again.html, 'version'),
      });
      expect(saved.status).toBe(303);
      const file = readFileSync(sourcesFile(), 'utf8');
      expect(file).toContain('# the sources');
      expect(file).toContain('# edited at the CLI');
      expect(file).toContain('title: Renamed');
    });

    it('disables and enables a source; the dashboard filters by it', async () => {
      const { html } = await eve.page('/console/sources/hostile');
      const res = await eve.post('/console/sources/hostile/disable', { version: hidden(html, 'version') });
      expect(res.status).toBe(303);
      expect(readFileSync(sourcesFile(), 'utf8')).toContain('enabled: false');
      const disabled = await eve.page('/console/sources?status=disabled');
      expect(disabled.html).toContain('href="/console/sources/hostile"');
      const page = await eve.page('/console/sources/hostile');
      expect(page.html).toContain('action="/console/sources/hostile/enable"');
      const back = await eve.post('/console/sources/hostile/enable', { version: hidden(page.html, 'version') });
      expect(back.status).toBe(303);
      expect(readFileSync(sourcesFile(), 'utf8')).not.toContain('enabled: false');
      expect((await h.editor.accounts.audit.recent({ target: 'source:hostile' })).map((a) => a.action)).toEqual(
        expect.arrayContaining(['sources.disable', 'sources.enable', 'sources.update']),
      );
    });

    it('imports OPML from a file upload after showing each outline as new, duplicate or invalid', async () => {
      const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="News"><outline text="${HOSTILE.replace(/</g, '&lt;').replace(/"/g, '&quot;')}" xmlUrl="${srv.url('/calm.xml')}"/>
      <outline text="Again" xmlUrl="${srv.url('/hostile.xml')}"/>
      <outline text="Local" xmlUrl="file:///etc/passwd"/></outline></body></opml>`;
      const { html: form } = await eve.page('/console/sources/import');
      expect(form).toContain('enctype="multipart/form-data"');
      const data = new FormData();
      data.set('_csrf', eve.csrf);
      data.set('file', new Blob([opml], { type: 'text/x-opml' }), 'feeds.opml');
      const res = await fetch(`${h.base}/console/sources/import/preview`, {
        method: 'POST',
        body: data,
        redirect: 'manual',
        headers: { cookie: eve.cookieHeader(), origin: h.base },
      });
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain(ESCAPED_SCRIPT);
      expect(page).not.toContain('<script>alert(1)');
      expect(page).toContain('already listed as &quot;hostile&quot;');
      expect(page).toContain('only http(s) feeds can be imported');
      expect(page).toMatch(/name="row" value="0" checked/);
      expect(page).toMatch(/name="row" value="1" disabled/);
      const imported = await eve.post('/console/sources/import', {
        row: ['0'],
        opml: hidden(page, 'opml'),
        version: hidden(page, 'version'),
        country: '',
      });
      expect(imported.status).toBe(303);
      expect(decodeURIComponent(imported.headers.get('location') ?? '')).toContain('Imported 1 sources');
      const file = readFileSync(sourcesFile(), 'utf8');
      expect(file).toContain(srv.url('/calm.xml'));
      expect(file).not.toContain('file:///etc/passwd');
      expect(file).toContain('# the sources');
    });

    it('pasted OPML text previews too; the export is a text/x-opml download', async () => {
      const opml = `<opml version="2.0"><body><outline text="Calm" xmlUrl="${srv.url('/calm.xml')}"/></body></opml>`;
      const res = await eve.post('/console/sources/import/preview', { opml });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('duplicate');
      const exp = await eve.get('/console/sources/opml');
      expect(exp.status).toBe(200);
      expect(exp.headers.get('content-type')).toContain('text/x-opml');
      expect(exp.headers.get('content-disposition')).toContain('attachment');
      const text = await exp.text();
      // The listed title, the feed's URL, and the site link the fetch stored (read from the store).
      expect(text).toContain(
        `<outline type="rss" text="Renamed" title="Renamed" xmlUrl="${srv.url('/hostile.xml')}" htmlUrl="https://example.org/"/>`,
      );
      expect(text).toContain('<opml version="2.0">');
    });

    it('removes a source; its page is then 404', async () => {
      const { html } = await eve.page('/console/sources/broken');
      const res = await eve.post('/console/sources/broken/remove', { version: hidden(html, 'version') });
      expect(res.status).toBe(303);
      expect(readFileSync(sourcesFile(), 'utf8')).not.toContain('id: broken');
      expect((await eve.page('/console/sources/broken')).res.status).toBe(404);
    });

    it('a URL that cannot be previewed says why, and can still be added as given', async () => {
      const ann = b();
      await ann.login('ann');
      await ann.page('/console/sources/new');
      const res = await ann.post('/console/sources/new/preview', { url: srv.url('/missing.xml'), id: 'later' });
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(page).toContain('Nothing to preview');
      expect(page).toContain('404');
      expect(readFileSync(sourcesFile(), 'utf8')).not.toContain('id: later');
      const added = await ann.post('/console/sources/new', {
        url: hidden(page, 'url'),
        id: hidden(page, 'id'),
        title: '',
        country: '',
        topics: '',
        interval: '',
        version: hidden(page, 'version'),
      });
      expect(added.status).toBe(303);
      expect(readFileSync(sourcesFile(), 'utf8')).toContain('id: later');
      const { version } = (await api(eveToken, 'GET', '/sources')).json as { version: string };
      expect((await api(eveToken, 'DELETE', '/sources/later', undefined, { 'if-match': version })).res.status).toBe(
        204,
      );
    });

    it('a viewer sees the dashboard without write forms and cannot preview', async () => {
      const vic = b();
      await vic.login('vic');
      const { res, html } = await vic.page('/console/sources');
      expect(res.status).toBe(200);
      expect(html).not.toContain('Add a source');
      expect(html).not.toContain('Fetch all now');
      const refused = await vic.post('/console/sources/new/preview', { url: srv.url('/calm.xml') });
      expect(refused.status).toBe(403);
    });

    it('a bad filter is refused with the parameter named', async () => {
      const { res, html } = await eve.page('/console/sources?sort=nonsense');
      expect(res.status).toBe(400);
      expect(html).toContain('sort: expected one of');
    });
  });

  describe('sources in the API', () => {
    it('lists with ETag, sorts, filters by text and pages with a before cursor', async () => {
      const all = await api(vicToken, 'GET', '/sources?limit=1');
      expect(all.res.status).toBe(200);
      const etag = all.res.headers.get('etag');
      expect(etag).toMatch(/^"sha256-/);
      expect(all.json.version).toBe(etag);
      const first = all.json.items as { id: string }[];
      expect(first.map((s) => s.id)).toEqual([CALM]);
      expect(typeof all.json.next).toBe('string');
      const second = await api(vicToken, 'GET', `/sources?limit=1&before=${String(all.json.next)}`);
      expect((second.json.items as { id: string }[]).map((s) => s.id)).toEqual(['hostile']);
      expect(second.json.next).toBeUndefined();
      const byEntries = await api(vicToken, 'GET', '/sources?sort=entries');
      const rows = byEntries.json.items as { id: string; entries: number }[];
      expect(rows[0]).toMatchObject({ id: 'hostile', entries: 3 });
      const text = await api(vicToken, 'GET', '/sources?q=renamed');
      expect((text.json.items as { id: string }[]).map((s) => s.id)).toEqual(['hostile']);
      const bad = await api(vicToken, 'GET', `/sources?sort=id&before=${String(byEntries.json.next ?? 'x')}`);
      expect(bad.res.status).toBe(400);
    });

    it('one source with its history; PATCH and DELETE with If-Match (412 when stale)', async () => {
      const got = await api(vicToken, 'GET', '/sources/hostile');
      expect(got.res.status).toBe(200);
      const detail = got.json as { source: { title: string; feedTitle: string }; history: unknown[] };
      expect(detail.source.title).toBe('Renamed');
      expect(detail.source.feedTitle).toBe(HOSTILE);
      expect(detail.history.length).toBe(1);
      const etag = got.res.headers.get('etag') ?? '';
      const refused = await api(vicToken, 'PATCH', '/sources/hostile', { title: 'x' });
      expect(refused.res.status).toBe(403);
      const patched = await api(
        eveToken,
        'PATCH',
        '/sources/hostile',
        { title: 'Wire', enabled: false },
        {
          'if-match': etag,
        },
      );
      expect(patched.res.status).toBe(200);
      expect(patched.res.headers.get('etag')).not.toBe(etag);
      const stale = await api(eveToken, 'PATCH', '/sources/hostile', { title: 'Lost' }, { 'if-match': etag });
      expect(stale.res.status).toBe(412);
      expect(readFileSync(sourcesFile(), 'utf8')).toContain('title: Wire');
      const missing = await api(eveToken, 'DELETE', '/sources/nope');
      expect(missing.res.status).toBe(404);
      const notJson = await fetch(`${h.base}/api/v1/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${eveToken}`, 'content-type': 'text/plain' },
        body: 'https://example.org/feed.xml',
      });
      expect(notJson.status).toBe(415);
      await spec.check('POST', '/api/v1/sources', notJson);
      const invalid = await api(eveToken, 'POST', '/sources', { url: srv.url('/x.xml'), id: 'Bad Id!' });
      expect(invalid.res.status).toBe(422);
      const gone = await api(eveToken, 'DELETE', `/sources/${CALM}`, undefined, {
        'if-match': patched.res.headers.get('etag') ?? '',
      });
      expect(gone.res.status).toBe(204);
      expect((await api(vicToken, 'GET', `/sources/${CALM}`)).res.status).toBe(404);
      expect(readFileSync(sourcesFile(), 'utf8')).toContain('# the sources');
    });

    it('previews (rate limited per user), OPML preview, import and export', async () => {
      const edToken = await tokenFor(h, 'ed', ['read', 'sources:write']);
      const feed = await api(edToken, 'POST', '/sources/preview', { url: srv.url('/hostile.xml') });
      expect(feed.res.status).toBe(200);
      expect(feed.json).toMatchObject({ kind: 'feed', title: HOSTILE, itemCount: 3, format: 'rss' });
      const site = await api(edToken, 'POST', '/sources/preview', { url: srv.url('/site') });
      expect((site.json.candidates as { url: string }[]).map((c) => c.url)).toEqual([
        srv.url('/hostile.xml'),
        srv.url('/calm.xml'),
      ]);
      const failing = await api(edToken, 'POST', '/sources/preview', { url: srv.url('/missing') });
      expect(failing.res.status).toBe(422);
      await api(edToken, 'POST', '/sources/preview', { url: srv.url('/calm.xml') });
      const limited = await api(edToken, 'POST', '/sources/preview', { url: srv.url('/calm.xml') });
      expect(limited.res.status).toBe(429);
      expect(Number(limited.res.headers.get('retry-after'))).toBeGreaterThan(0);

      const opml = `<opml version="2.0"><body><outline text="Calm" xmlUrl="${srv.url('/calm.xml')}"/>
      <outline text="Dup" xmlUrl="${srv.url('/hostile.xml')}"/><outline text="Bad" xmlUrl="ftp://x/y"/></body></opml>`;
      const pre = await api(eveToken, 'POST', '/sources/opml/preview', { opml });
      expect((pre.json.rows as { status: string }[]).map((r) => r.status)).toEqual(['new', 'duplicate', 'invalid']);
      const notOpml = await api(eveToken, 'POST', '/sources/opml/preview', { opml: 'hello' });
      expect(notOpml.res.status).toBe(400);
      const imported = await api(eveToken, 'POST', '/sources/opml/import', { opml, rows: [0, 1] });
      expect(imported.res.status).toBe(200);
      expect(imported.json.ids).toHaveLength(1);
      expect((imported.json.skipped as { status: string }[]).map((r) => r.status)).toEqual(['duplicate']);
      const exp = await fetch(`${h.base}/api/v1/sources.opml`, { headers: { authorization: `Bearer ${vicToken}` } });
      await spec.check('GET', '/api/v1/sources.opml', exp);
      expect(exp.headers.get('content-type')).toContain('text/x-opml');
      expect(await exp.text()).toContain(srv.url('/calm.xml'));
    });

    it('fetch all now answers 202 with the job; the job ends done', async () => {
      const res = await api(eveToken, 'POST', '/sources/fetch');
      expect(res.res.status).toBe(202);
      expect(res.json).toMatchObject({ kind: 'fetch', createdBy: 'eve' });
      const job = await settledJob(res.res.headers.get('location'));
      expect(job?.origin).toBe('api');
      const missing = await api(eveToken, 'POST', '/sources/nope/fetch');
      expect(missing.res.status).toBe(404);

      // The ones named, as `wireroom fetch --source A --source B`; an unknown id or field is refused, not ignored.
      const named = await api(eveToken, 'POST', '/sources/fetch', { sources: ['hostile'] });
      expect(named.res.status).toBe(202);
      expect(named.json).toMatchObject({ kind: 'fetch', params: { sourceIds: ['hostile'] } });
      await settledJob(named.res.headers.get('location'));
      const jobsBefore = (await h.editor.jobs.list({ limit: 100 })).length;
      expect((await api(eveToken, 'POST', '/sources/fetch', { sources: ['hostile', 'nope'] })).res.status).toBe(404);
      const misspelt = await api(eveToken, 'POST', '/sources/fetch', { source: ['hostile'] });
      expect(misspelt.res.status).toBe(400);
      expect((await h.editor.jobs.list({ limit: 100 })).length).toBe(jobsBefore);
    });

    it('a server without jobs (wireroom serve) refuses fetch now with 503 and offers no fetch button', async () => {
      const serve = await serverWithoutJobs(h);
      try {
        for (const [p, body] of [
          ['/sources/fetch', undefined],
          ['/sources/fetch', { sources: ['hostile'] }],
          ['/sources/hostile/fetch', undefined],
        ] as const) {
          const res = await fetch(`${serve.base}/api/v1${p}`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${eveToken}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          expect(res.status, p).toBe(503);
          expect(((await res.json()) as { detail: string }).detail).toContain(
            'this server runs no jobs (wireroom serve)',
          );
        }
        const cancel = await fetch(`${serve.base}/api/v1/jobs/1/cancel`, {
          method: 'POST',
          headers: { authorization: `Bearer ${eveToken}` },
        });
        expect(cancel.status).toBe(503);
        const eve = new FormClient(serve.base);
        await eve.login('eve');
        expect((await eve.page('/console/sources')).html).not.toContain('Fetch all now');
        expect((await eve.page('/console/sources/hostile')).html).not.toContain('>Fetch now</button>');
        expect((await eve.page('/console/jobs')).html).toContain('This server runs no jobs (read-only).');
        expect((await eve.post('/console/sources/hostile/fetch', {})).status).toBe(503);
        expect((await eve.post('/console/jobs/1/cancel', {})).status).toBe(503);
      } finally {
        await serve.close();
      }
    });

    it('the jobs pages and API list the fetches, newest first, each done', async () => {
      const listed = await api(vicToken, 'GET', '/jobs');
      expect(listed.res.status).toBe(200);
      const jobs = listed.json.items as { id: number; kind: string; state: string }[];
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const page = await eve.page('/console/jobs');
      expect(page.res.status).toBe(200);
      expect((await api(vicToken, 'GET', '/jobs/999999')).res.status).toBe(404);
      expect((await eve.page('/console/jobs/999999')).res.status).toBe(404);
      // The console's and the API's fetches so far, newest first, each done.
      expect(jobs.length).toBeGreaterThanOrEqual(4);
      expect(jobs.map((j) => j.id)).toEqual([...jobs.map((j) => j.id)].sort((a, b) => b - a));
      expect(jobs.every((j) => j.kind === 'fetch' && j.state === 'done')).toBe(true);
      const first = jobs[0]?.id ?? 0;
      const one = await api(vicToken, 'GET', `/jobs/${first}`);
      expect(one.json).toMatchObject({ id: first, kind: 'fetch', state: 'done' });
      expect(page.html).toContain(`href="/console/jobs/${first}"`);
      expect(page.html).not.toContain('runs no jobs');
      const detail = await eve.page(`/console/jobs/${first}`);
      expect(detail.html).toContain('<dd class="" id="job-state">done</dd>');
    });

    it('a sources.yaml being edited by hand (no URL, a number for a title) still lists every source', async () => {
      writeFileSync(sourcesFile(), `${readFileSync(sourcesFile(), 'utf8')}  - id: half-written\n    title: 2024\n`);
      const list = await api(vicToken, 'GET', '/sources?q=half');
      expect(list.res.status).toBe(200);
      expect(list.json.items).toEqual([expect.objectContaining({ id: 'half-written', title: '2024', url: '' })]);
    });

    it('a local file is never listed from the API or the console (the CLI asks for --allow-file); a listed one keeps it', async () => {
      const before = readFileSync(sourcesFile(), 'utf8');
      try {
        // A file: URL would have the worker read a server file and the dashboard show how it starts.
        const sample = path.join(h.configDir, 'samples', 'peru-sample.rss');
        writeFileSync(sourcesFile(), `# the sources\nsources:\n  - id: local\n    url: file:${sample}\n`);
        for (const url of ['file:///etc/passwd', 'file:/etc/passwd', '/etc/passwd']) {
          const added = await api(eveToken, 'POST', '/sources', { url, id: 'pw' });
          expect(added.res.status).toBe(400);
          expect(added.json.detail).toContain(
            `only http(s) URLs can be listed from the console or the API, got "${url}"`,
          );
        }
        const moved = await api(eveToken, 'PATCH', '/sources/local', { url: 'file:///etc/passwd' });
        expect(moved.res.status).toBe(400);
        const eve = new FormClient(h.base);
        await eve.login('eve');
        await eve.page('/console/sources/new');
        const viaForm = await eve.post('/console/sources/new', { url: 'file:///etc/passwd', id: 'pw' });
        expect(viaForm.status).toBe(400);
        expect(readFileSync(sourcesFile(), 'utf8')).not.toContain('passwd');
        // The listed local source's other fields still change, its URL sent back as it was.
        const renamed = await eve.post('/console/sources/local/edit', { url: `file:${sample}`, title: 'Local sample' });
        expect(renamed.status).toBe(303);
        expect(readFileSync(sourcesFile(), 'utf8')).toContain('title: Local sample');
      } finally {
        writeFileSync(sourcesFile(), before);
      }
    });
  });
}

for (const s of stores()) describe.skipIf(skipArm(s))(`sources on ${s.kind}${s.skip}`, () => sourcesOn(s.kind));
