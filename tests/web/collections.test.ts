// Collections in the console and the API, on a real server over a temp copy of config/: the editor keeps the
// file's comments, a stale version is refused with 412 and leaves the file as it was, and the preview shows the
// items that fixture entries (ingested by the worker from a real HTTP server) would give the candidate's feed. On
// both stores (issue #15): ingested by a cycle on SQLite, by one fleet worker on PostgreSQL, the same pages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, rss } from '../helpers/env.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { FormClient, ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const HOSTILE = '<script>alert(1)</script>';
const STRIKE_TITLE = 'Miners strike in Peru as unions block the highway';
const OTHER_TITLE = 'Rain expected over Lisbon harbour this weekend';

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`collections: console and API on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let feeds: Awaited<ReturnType<typeof fixtureServer>>;
    let file: string;
    let spec: OpenApiChecker;

    beforeAll(async () => {
      feeds = await fixtureServer({
        '/wire.xml': (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
            rss([
              {
                guid: 'w1',
                title: STRIKE_TITLE,
                link: 'https://example.org/w1',
                description: 'Thousands of miners in Peru went on strike on Monday, unions said.',
                pubDate: new Date('2026-11-20T10:00:00Z').toUTCString(),
              },
              {
                guid: 'w2',
                title: OTHER_TITLE,
                link: 'https://example.org/w2',
                description: 'Forecasters in Portugal expect a wet weekend.',
                pubDate: new Date('2026-11-21T10:00:00Z').toUTCString(),
              },
            ]),
          ),
      });
      h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' }, store: arm.kind });
      const report = await ingestSources(
        h,
        `# the sources\nsources:\n  - { id: wire, url: "${feeds.url('/wire.xml')}" }\n`,
      );
      expect(report.sources.map((s) => s.status)).toEqual(['ok']);
      file = path.join(h.configDir, 'collections.yaml');
      spec = await OpenApiChecker.load(h.base);
    });
    afterAll(async () => {
      await h?.close();
      await feeds?.close();
    });

    const versionIn = (html: string) => {
      const version = /name="version" value="([^"]+)"/.exec(html)?.[1]?.replace(/&quot;/g, '"') ?? '';
      expect(version).toMatch(/^"sha256-/);
      return version;
    };

    it('lists the collections; a viewer sees them without the form to add one', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const { res, html } = await eve.page('/console/collections');
      expect(res.status).toBe(200);
      expect(html).toContain('latin-america');
      expect(html).toContain('Labour and strikes');
      expect(html).toContain('New collection');

      const vic = new FormClient(h.base);
      await vic.login('vic');
      const seen = await vic.page('/console/collections');
      expect(seen.html).toContain('latin-america');
      expect(seen.html).not.toContain('New collection');
      expect((await vic.post('/console/collections', { slug: 'x', title: 'x', action: 'save' })).status).toBe(403);
    });

    it('previews a candidate from the ingested entries without writing the file', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const { html } = await eve.page('/console/collections');
      const before = readFileSync(file, 'utf8');
      const res = await eve.post('/console/collections', {
        version: versionIn(html),
        slug: 'peru-strikes',
        title: 'Peru strikes',
        countries: 'pe',
        topics: ['strikes'],
        action: 'preview',
      });
      expect(res.status).toBe(200);
      const page = await res.text();
      const preview = page.slice(page.indexOf('id="preview"'));
      expect(preview).toContain(STRIKE_TITLE);
      expect(preview).not.toContain(OTHER_TITLE);
      // The form comes back as it was typed, ready to save.
      expect(page).toMatch(/name="slug" value="peru-strikes"/);
      expect(readFileSync(file, 'utf8')).toBe(before);

      const unknown = await eve.post('/console/collections', {
        slug: 'peru-strikes',
        title: 'Peru strikes',
        topics: ['no-such-topic'],
        action: 'preview',
      });
      expect(await unknown.text()).toContain('unknown topic (not in topics.yaml) &quot;no-such-topic&quot;');
      expect(readFileSync(file, 'utf8')).toBe(before);

      // What the page's script asks for as the form changes: only the preview section, even before a slug is typed.
      const fragment = await eve.post('/console/collections', {
        topics: 'strikes',
        action: 'preview',
        fragment: 'preview',
      });
      expect(fragment.status).toBe(200);
      const section = await fragment.text();
      expect(section).toMatch(/^<section id="preview"/);
      expect(section).toContain(STRIKE_TITLE);
      const badLimit = await eve.post('/console/collections', { limit: 'ten', action: 'preview', fragment: 'preview' });
      expect(await badLimit.text()).toContain('expected a whole number, got &quot;ten&quot;');
      expect(readFileSync(file, 'utf8')).toBe(before);
    });

    it('creates, edits and deletes a collection, keeping the comments; a stale editor gets 412', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const ada = new FormClient(h.base);
      await ada.login('ada');
      const list = await eve.page('/console/collections');
      const created = await eve.post('/console/collections', {
        version: versionIn(list.html),
        slug: 'peru-watch',
        title: `Peru ${HOSTILE}`,
        description: 'Strikes in Peru',
        countries: 'PE',
        topics: ['strikes'],
        limit: '20',
        action: 'save',
      });
      expect(created.status).toBe(303);
      expect(created.headers.get('location')).toBe('/console/collections/peru-watch?done=Collection+created');
      let text = readFileSync(file, 'utf8');
      expect(text).toContain('# Named collections: curated feeds');
      expect(text).toContain('slug: peru-watch');
      expect(text).toContain('- slug: latin-america');
      expect((await h.editor.accounts.audit.recent({ target: 'collection:peru-watch' }))[0]).toMatchObject({
        actor: 'eve',
        origin: 'console',
        action: 'collections.create',
      });

      // The saved collection's page: escaped title, its preview, the version both editors now hold.
      const evePage = await eve.page('/console/collections/peru-watch');
      expect(evePage.res.status).toBe(200);
      expect(evePage.html).toContain('Peru &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(evePage.html).not.toContain(HOSTILE);
      expect(evePage.html.slice(evePage.html.indexOf('id="preview"'))).toContain(STRIKE_TITLE);
      // The live preview's script runs under the page's CSP nonce.
      const nonce = /script-src 'nonce-([^']+)'/.exec(evePage.res.headers.get('content-security-policy') ?? '')?.[1];
      expect(evePage.html).toContain(`<script nonce="${nonce}">`);
      const adaPage = await ada.page('/console/collections/peru-watch');
      const stale = versionIn(adaPage.html);
      expect(stale).toBe(versionIn(evePage.html));

      const saved = await eve.post('/console/collections/peru-watch', {
        version: versionIn(evePage.html),
        slug: 'peru-watch',
        title: 'Peru watch',
        countries: 'PE, BO',
        topics: ['strikes', 'labour'],
        action: 'save',
      });
      expect(saved.status).toBe(303);
      text = readFileSync(file, 'utf8');
      expect(text).toContain('title: Peru watch');
      expect(text).toMatch(/countries:\s*\n?\s*- PE\s*\n\s*- BO|countries: \[ ?PE, BO ?\]/);
      expect(text).toContain('# Each story appears once.');

      const refused = await ada.post('/console/collections/peru-watch', {
        version: stale,
        slug: 'peru-watch',
        title: 'Ada overwrote this',
        action: 'save',
      });
      expect(refused.status).toBe(412);
      const refusedHtml = await refused.text();
      expect(refusedHtml).toContain('changed since version');
      expect(refusedHtml).toContain('Ada overwrote this');
      expect(readFileSync(file, 'utf8')).toBe(text);

      const stalerDelete = await ada.post('/console/collections/peru-watch/delete', { version: stale });
      expect(stalerDelete.status).toBe(412);
      expect(readFileSync(file, 'utf8')).toBe(text);

      const fresh = await eve.page('/console/collections/peru-watch');
      const deleted = await eve.post('/console/collections/peru-watch/delete', { version: versionIn(fresh.html) });
      expect(deleted.status).toBe(303);
      text = readFileSync(file, 'utf8');
      expect(text).not.toContain('peru-watch');
      expect(text).toContain('# Named collections: curated feeds');
      expect(text).toContain('- slug: andes-protests');
      expect((await eve.page('/console/collections/peru-watch')).res.status).toBe(404);
    });

    it('refuses an invalid collection with 422 naming the field, and leaves the file', async () => {
      const eve = new FormClient(h.base);
      await eve.login('eve');
      const { html } = await eve.page('/console/collections');
      const before = readFileSync(file, 'utf8');
      const res = await eve.post('/console/collections', {
        version: versionIn(html),
        slug: 'bad-one',
        title: 'Bad',
        countries: 'XX',
        action: 'save',
      });
      expect(res.status).toBe(422);
      const body = await res.text();
      expect(body).toContain('config/collections.yaml');
      expect(body).toContain('unknown country code &quot;XX&quot;');
      expect(readFileSync(file, 'utf8')).toBe(before);
      // A form that lost its version is not written unchecked.
      const unversioned = await eve.post('/console/collections', { slug: 'no-version', title: 'x', action: 'save' });
      expect(unversioned.status).toBe(412);
      expect(readFileSync(file, 'utf8')).toBe(before);
    });

    it('does the same through the API, every response as openapi.json says', async () => {
      const token = await tokenFor(h, 'eve', ['read', 'collections:write']);
      const viewer = await tokenFor(h, 'vic', ['read']);
      const call = spec.caller(h.base, token);

      const listed = await call('GET', '/api/v1/collections');
      expect(listed.res.status).toBe(200);
      const etag = listed.res.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"sha256-/);
      expect((listed.json?.collections as { slug: string }[]).map((c) => c.slug)).toContain('andes-protests');

      const collection = {
        slug: 'api-peru',
        title: `API ${HOSTILE}`,
        filter: { countries: ['PE'], topics: ['strikes'] },
      };
      const preview = await call('POST', '/api/v1/collections/preview', collection);
      expect(preview.res.status).toBe(200);
      expect((preview.json?.items as { title: string }[]).map((i) => i.title)).toEqual([STRIKE_TITLE]);
      const badPreview = await call('POST', '/api/v1/collections/preview', {
        ...collection,
        filter: { topics: ['nope'] },
      });
      expect(badPreview.json?.problems).toEqual([
        { field: 'filter.topics[0]', reason: 'unknown topic (not in topics.yaml) "nope"' },
      ]);
      expect((await call('POST', '/api/v1/collections/preview', { slug: 'x' })).res.status).toBe(400);

      const created = await call('POST', '/api/v1/collections', collection, { 'if-match': etag });
      expect(created.res.status).toBe(201);
      expect(created.res.headers.get('location')).toBe('/api/v1/collections/api-peru');
      const v1 = created.res.headers.get('etag') ?? '';
      expect(v1).not.toBe(etag);
      expect((await call('POST', '/api/v1/collections', collection)).res.status).toBe(422);

      const got = await call('GET', '/api/v1/collections/api-peru');
      expect(got.json?.collection).toEqual(collection);

      const before = readFileSync(file, 'utf8');
      const stale = await call(
        'PUT',
        '/api/v1/collections/api-peru',
        { ...collection, title: 'x' },
        { 'if-match': etag },
      );
      expect(stale.res.status).toBe(412);
      expect(readFileSync(file, 'utf8')).toBe(before);
      const updated = await call(
        'PUT',
        '/api/v1/collections/api-peru',
        { ...collection, limit: 5 },
        { 'if-match': v1 },
      );
      expect(updated.res.status).toBe(200);
      expect(readFileSync(file, 'utf8')).toMatch(/slug: api-peru[\s\S]*limit: 5/);
      expect((await h.editor.accounts.audit.recent({ target: 'collection:api-peru' }))[0]).toMatchObject({
        actor: 'eve',
        origin: 'api',
        action: 'collections.update',
      });

      expect((await call('PUT', '/api/v1/collections/none', collection)).res.status).toBe(404);
      expect((await call('DELETE', '/api/v1/collections/api-peru', undefined, {}, { token: viewer })).res.status).toBe(
        403,
      );
      const gone = await call('DELETE', '/api/v1/collections/api-peru', undefined, {
        'if-match': updated.res.headers.get('etag') ?? '',
      });
      expect(gone.res.status).toBe(204);
      expect((await call('GET', '/api/v1/collections/api-peru')).res.status).toBe(404);
      expect(readFileSync(file, 'utf8')).toContain('# Named collections: curated feeds');
    });
  });
