// The config area in the console and the API, on a real server with background jobs over a temp copy of config/:
// a problem planted in the copy is listed with its file and line (and escaped); admins run the static export as a
// job into publish.export_dir and edit wireroom.yaml, checked like `wireroom check` first, with its file version.
// On both stores (issue #15): the same server on a SQLite file and on a PostgreSQL database.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { FormClient, serverWithoutJobs, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const HOSTILE = '<script>alert(1)</script>';

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`config: console and API on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let spec: OpenApiChecker;
    let mainFile: string;
    let plantedLine = 0;
    let unplant = () => {};

    /** A collection naming an unknown source (planted after the server started: it refuses to start with one). */
    function plant() {
      const collections = path.join(h.configDir, 'collections.yaml');
      const original = readFileSync(collections, 'utf8');
      const text = `${original}\n  - slug: planted\n    title: Planted\n    filter:\n      sources: ["${HOSTILE}"]\n`;
      writeFileSync(collections, text);
      plantedLine = text.split('\n').findIndex((l) => l.includes(HOSTILE)) + 1;
      unplant = () => writeFileSync(collections, original);
    }

    beforeAll(async () => {
      h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' }, jobs: true, store: arm.kind });
      spec = await OpenApiChecker.load(h.base);
      mainFile = path.join(h.configDir, 'wireroom.yaml');
    });
    afterEach(() => unplant());
    afterAll(async () => {
      await h?.close();
    });

    const versionIn = (html: string) => {
      const version = /name="version" value="([^"]+)"/.exec(html)?.[1]?.replace(/&quot;/g, '"') ?? '';
      expect(version).toMatch(/^"sha256-/);
      return version;
    };

    it('lists the planted problem with its file and line, escaped; only admins see export and wireroom.yaml', async () => {
      const vic = new FormClient(h.base);
      await vic.login('vic');
      expect((await vic.page('/console/config')).html).toContain('finds no problem');
      plant();
      const { res, html } = await vic.page('/console/config');
      expect(res.status).toBe(200);
      expect(html).toContain(`config/collections.yaml:${plantedLine}`);
      expect(html).toContain('collections[3].filter.sources[0]');
      expect(html).toContain('unknown source (not in sources.yaml) &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
      expect(html).not.toContain(HOSTILE);
      expect(html).not.toContain('Static export');
      expect(html).not.toContain('name="text"');

      const eve = new FormClient(h.base);
      await eve.login('eve');
      expect((await eve.page('/console/config')).html).not.toContain('Static export');
      expect((await eve.post('/console/config/export', {})).status).toBe(403);
      expect((await eve.post('/console/config/main', { text: 'x', action: 'save' })).status).toBe(403);
    });

    it('runs the static export as a job into publish.export_dir', async () => {
      const ada = new FormClient(h.base);
      await ada.login('ada');
      const { html } = await ada.page('/console/config');
      const out = path.join(h.root, 'public');
      expect(html).toContain(out);
      const res = await ada.post('/console/config/export', {});
      expect(res.status).toBe(303);
      const id = Number(/^\/console\/jobs\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);
      const job = await h.jobs!.settled(id);
      expect(job).toMatchObject({ kind: 'export', state: 'done', createdBy: 'ada', origin: 'console' });
      expect(existsSync(path.join(out, 'index.html'))).toBe(true);

      // The pages per feed, as `wireroom publish --pages N`; a number that is not one is refused before any job.
      expect(html).toContain('name="pages"');
      const one = await ada.post('/console/config/export', { pages: '1' });
      expect(one.status).toBe(303);
      const oneId = Number(/^\/console\/jobs\/(\d+)$/.exec(one.headers.get('location') ?? '')?.[1]);
      expect(await h.jobs!.settled(oneId)).toMatchObject({ state: 'done', params: { pages: 1 } });
      const bad = await ada.post('/console/config/export', { pages: 'all' });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('Pages per feed: expected a whole number from 1 up, got &quot;all&quot;');
      expect((await h.editor.jobs.list({ limit: 10 })).length).toBe(2);
    });

    it('edits wireroom.yaml: checked first (422 names file and line), stale versions refused (412)', async () => {
      const ada = new FormClient(h.base);
      await ada.login('ada');
      const { html } = await ada.page('/console/config');
      const before = readFileSync(mainFile, 'utf8');
      expect(html).toContain('base_url: http://127.0.0.1:0/');
      const version = versionIn(html);

      const invalid = `${before}publish:\n  default_limit: 0\n`;
      const checked = await ada.post('/console/config/main', { version, text: invalid, action: 'check' });
      expect(checked.status).toBe(200);
      const checkedHtml = await checked.text();
      const badLine = invalid.split('\n').indexOf('  default_limit: 0') + 1;
      expect(checkedHtml).toContain(`config/wireroom.yaml:${badLine}`);
      expect(checkedHtml).toContain('publish.default_limit');
      expect(readFileSync(mainFile, 'utf8')).toBe(before);

      const refused = await ada.post('/console/config/main', { version, text: invalid, action: 'save' });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(`config/wireroom.yaml:${badLine}`);
      expect(readFileSync(mainFile, 'utf8')).toBe(before);

      const edited = `${before}# edited in the console\npublish:\n  default_limit: 20\n`;
      const saved = await ada.post('/console/config/main', {
        version,
        text: edited.replace(/\n/g, '\r\n'),
        action: 'save',
      });
      expect(saved.status).toBe(303);
      expect(readFileSync(mainFile, 'utf8')).toBe(edited);
      expect((await h.editor.accounts.audit.recent({ target: 'config:wireroom.yaml' }))[0]).toMatchObject({
        actor: 'ada',
        action: 'config.main.update',
      });

      const stale = await ada.post('/console/config/main', { version, text: before, action: 'save' });
      expect(stale.status).toBe(412);
      expect(readFileSync(mainFile, 'utf8')).toBe(edited);
    });

    it('does the same through the API, every response as openapi.json says', async () => {
      const admin = await tokenFor(h, 'ada', ['read', 'admin']);
      const editor = await tokenFor(h, 'eve', ['read', 'tags:write']);
      const asAdmin = spec.caller(h.base, admin);
      const asEditor = spec.caller(h.base, editor);

      plant();
      const problems = await asEditor('GET', '/api/v1/config/problems');
      expect(problems.res.status).toBe(200);
      expect(problems.json?.problems).toContainEqual({
        file: 'config/collections.yaml',
        line: plantedLine,
        field: 'collections[3].filter.sources[0]',
        reason: `unknown source (not in sources.yaml) "${HOSTILE}"`,
        text: `config/collections.yaml:${plantedLine}: collections[3].filter.sources[0]: unknown source (not in sources.yaml) "${HOSTILE}"`,
      });

      unplant();
      expect((await asEditor('POST', '/api/v1/export', {})).res.status).toBe(403);
      const exported = await asAdmin('POST', '/api/v1/export', { pages: 1 });
      expect(exported.res.status).toBe(202);
      expect(exported.res.headers.get('location')).toBe(`/api/v1/jobs/${String(exported.json?.id)}`);
      expect((await h.jobs!.settled(Number(exported.json?.id)))?.state).toBe('done');
      expect((await asAdmin('POST', '/api/v1/export', { pages: 0 })).res.status).toBe(400);
      const serve = await serverWithoutJobs(h);
      try {
        expect((await asAdmin('POST', '/api/v1/export', {}, {}, { base: serve.base })).res.status).toBe(503);
      } finally {
        await serve.close();
      }

      expect((await asEditor('GET', '/api/v1/config/main')).res.status).toBe(403);
      const main = await asAdmin('GET', '/api/v1/config/main');
      expect(main.res.status).toBe(200);
      const etag = main.res.headers.get('etag') ?? '';
      expect(main.json?.version).toBe(etag);
      const text = String(main.json?.text);
      expect(text).toBe(readFileSync(mainFile, 'utf8'));

      const invalid = await asAdmin(
        'PUT',
        '/api/v1/config/main',
        { text: `${text}retention:\n  days: -3\n` },
        { 'if-match': etag },
      );
      expect(invalid.res.status).toBe(422);
      expect(String(invalid.json?.detail)).toContain('wireroom.yaml');
      expect(readFileSync(mainFile, 'utf8')).toBe(text);
      const saved = await asAdmin(
        'PUT',
        '/api/v1/config/main',
        { text: `${text}# via the API\n` },
        { 'if-match': etag },
      );
      expect(saved.res.status).toBe(200);
      expect(saved.res.headers.get('etag')).toBe(saved.json?.version);
      expect(readFileSync(mainFile, 'utf8')).toBe(`${text}# via the API\n`);
      const stale = await asAdmin('PUT', '/api/v1/config/main', { text }, { 'if-match': etag });
      expect(stale.res.status).toBe(412);
      expect(readFileSync(mainFile, 'utf8')).toBe(`${text}# via the API\n`);
    });
  });
