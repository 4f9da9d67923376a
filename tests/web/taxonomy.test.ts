// Taxonomy in the console and the API, on a real server with background jobs over a temp copy of config/: a dry run
// shows an ingested entry gaining a topic once a keyword is added, without writing the file; Save writes it with
// the version the form was read at (412 for a stale one); Retag now runs a retag job to its end, after which the
// published topic feed carries the entry. Every API response is checked against openapi.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteExporter } from '../../src/cli/serving.ts';
import { startServer } from '../../src/http/index.ts';
import { createWeb } from '../../src/web/index.ts';
import { createWorkerDeps, JobRunner } from '../../src/worker/index.ts';
import { fixtureServer, rss } from '../helpers/env.ts';
import { FormClient, ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

// Normalize strips tags from titles, so what reaches the page is text that must still be escaped.
const QUOKKA = 'Quokka census: 1 < 2 & "record" numbers';
const ZORB = 'Zorbington council meets in the capital';

/** A second server over the harness's store and config, with a JobRunner as `wireroom run` wires one. */
export async function serverWithJobs(h: Harness) {
  const deps = createWorkerDeps(h.config, h.store, undefined, { threads: 0 });
  const jobs = new JobRunner(deps, { exportSite: siteExporter(h.store, () => h.config) });
  const web = createWeb({ store: h.store, config: h.config, log: { info: () => {}, warn: () => {} }, jobs });
  const server = await startServer({ store: h.store, config: h.config, port: 0, web: web.listener });
  return {
    jobs,
    base: server.url.replace(/\/$/, ''),
    async close() {
      await jobs.stop();
      await server.close();
      await deps.preparer.close();
    },
  };
}

const comments = (text: string) => text.split('\n').filter((l) => l.trim().startsWith('#'));

describe('taxonomy: console and API', () => {
  let h: Harness;
  let feeds: Awaited<ReturnType<typeof fixtureServer>>;
  let live: Awaited<ReturnType<typeof serverWithJobs>>;
  let spec: OpenApiChecker;
  let topicsFile: string;
  let countriesFile: string;

  beforeAll(async () => {
    feeds = await fixtureServer({
      '/wire.xml': (_q, res) =>
        void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
          rss([
            {
              guid: 'q1',
              title: QUOKKA,
              link: 'https://example.org/q1',
              description: 'Volunteers counted the small marsupials on the island.',
              pubDate: new Date('2026-11-20T10:00:00Z').toUTCString(),
            },
            {
              guid: 'z1',
              title: ZORB,
              link: 'https://example.org/z1',
              description: 'The council discussed the budget.',
              pubDate: new Date('2026-11-21T10:00:00Z').toUTCString(),
            },
          ]),
        ),
    });
    h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' } });
    expect(
      (
        await ingestSources(h, `# the sources\nsources:\n  - { id: wire, url: "${feeds.url('/wire.xml')}" }\n`)
      ).sources.map((s) => s.status),
    ).toEqual(['ok']);
    live = await serverWithJobs(h);
    spec = await OpenApiChecker.load(live.base);
    topicsFile = path.join(h.configDir, 'topics.yaml');
    countriesFile = path.join(h.configDir, 'countries.yaml');
  });
  afterAll(async () => {
    await live?.close();
    await h?.close();
    await feeds?.close();
  });

  const versionIn = (html: string) => {
    const version = /name="version" value="([^"]+)"/.exec(html)?.[1]?.replace(/&quot;/g, '"') ?? '';
    expect(version).toMatch(/^"sha256-/);
    return version;
  };
  const textareaIn = (html: string, name: string) =>
    (new RegExp(`<textarea name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const dryRunIn = (html: string) => html.slice(html.indexOf('id="dry-run"'));

  it('shows topics and aliases; a viewer cannot change them', async () => {
    const vic = new FormClient(live.base);
    await vic.login('vic');
    const { res, html } = await vic.page('/console/taxonomy');
    expect(res.status).toBe(200);
    expect(html).toContain('/console/taxonomy/topics/environment');
    expect(html).toContain('Dina Boluarte');
    expect(html).not.toContain('Retag now');
    const topic = await vic.page('/console/taxonomy/topics/environment');
    expect(topic.html).not.toContain('Dry run');
    expect((await vic.post('/console/taxonomy/topics/environment', { action: 'save' })).status).toBe(403);
    expect((await vic.post('/console/taxonomy/retag', {})).status).toBe(403);
  });

  it('dry-runs a new keyword (the entry gains the topic, nothing written), saves it, retags, publishes', async () => {
    const eve = new FormClient(live.base);
    await eve.login('eve');
    const ada = new FormClient(live.base);
    await ada.login('ada');
    const page = await eve.page('/console/taxonomy/topics/environment');
    expect(page.res.status).toBe(200);
    const stale = versionIn((await ada.page('/console/taxonomy/topics/environment')).html);
    const keywords = textareaIn(page.html, 'kw_en');
    expect(keywords).toContain('\n');
    const before = readFileSync(topicsFile, 'utf8');

    const fields = { version: versionIn(page.html), label: 'Environment', kw_en: `${keywords}\nquokka*` };
    const dry = await eve.post('/console/taxonomy/topics/environment', { ...fields, action: 'dry-run' });
    expect(dry.status).toBe(200);
    const shown = dryRunIn(await dry.text());
    expect(shown).toContain('Quokka census: 1 &lt; 2 &amp; &quot;record&quot; numbers');
    expect(shown).not.toContain('1 < 2');
    expect(shown).toContain('+topic:environment');
    expect(shown).not.toContain(ZORB);
    expect(readFileSync(topicsFile, 'utf8')).toBe(before);

    const saved = await eve.post('/console/taxonomy/topics/environment', { ...fields, action: 'save' });
    expect(saved.status).toBe(303);
    const after = readFileSync(topicsFile, 'utf8');
    expect(after).toContain('quokka*');
    expect(comments(after)).toEqual(comments(before));
    expect(h.store.accounts.audit.recent({ target: 'topic:environment' })[0]).toMatchObject({
      actor: 'eve',
      origin: 'console',
      action: 'topics.update',
    });

    // Ada's form was read before Eve saved: refused, and the file is as Eve left it.
    const refused = await ada.post('/console/taxonomy/topics/environment', {
      version: stale,
      label: 'Environment',
      kw_en: 'climate',
      action: 'save',
    });
    expect(refused.status).toBe(412);
    expect(await refused.text()).toContain('topics.yaml changed since version');
    expect(readFileSync(topicsFile, 'utf8')).toBe(after);

    const done = await eve.page(saved.headers.get('location') ?? '');
    expect(done.html).toContain('Retag now');
    const retag = await eve.post('/console/taxonomy/retag', { since: '' });
    expect(retag.status).toBe(303);
    const id = Number(/^\/console\/jobs\/(\d+)$/.exec(retag.headers.get('location') ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    const job = await live.jobs.settled(id);
    expect(job).toMatchObject({ kind: 'retag', state: 'done', createdBy: 'eve', origin: 'console' });

    const feed = await fetch(`${live.base}/feeds/topic/environment.json`);
    expect(feed.status).toBe(200);
    expect(((await feed.json()) as { items: { title: string }[] }).items.map((i) => i.title)).toContain(QUOKKA);
  });

  it('adds and removes a country alias with a dry run first', async () => {
    const eve = new FormClient(live.base);
    await eve.login('eve');
    const { html } = await eve.page('/console/taxonomy');
    const before = readFileSync(countriesFile, 'utf8');
    const fields = { version: versionIn(html), name: 'Zorbington', target: 'pe' };
    const dry = await eve.post('/console/taxonomy/aliases', { ...fields, action: 'dry-run' });
    expect(dry.status).toBe(200);
    const shown = dryRunIn(await dry.text());
    expect(shown).toContain(ZORB);
    expect(shown).toContain('+country:PE');
    expect(readFileSync(countriesFile, 'utf8')).toBe(before);

    const saved = await eve.post('/console/taxonomy/aliases', { ...fields, action: 'save' });
    expect(saved.status).toBe(303);
    const after = readFileSync(countriesFile, 'utf8');
    expect(after).toContain('- { name: Zorbington, country: PE }');
    expect(comments(after)).toEqual(comments(before));

    const again = await eve.page('/console/taxonomy');
    expect(again.html).toContain('Zorbington');
    // A name from the file is shown escaped.
    const hostile = await eve.post('/console/taxonomy/aliases', {
      version: versionIn(again.html),
      name: '<img src=x onerror=alert(1)>',
      target: 'BO',
      action: 'save',
    });
    expect(hostile.status).toBe(303);
    const shownHostile = await eve.page('/console/taxonomy');
    expect(shownHostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(shownHostile.html).not.toContain('<img src=x');
    expect(
      (
        await eve.post('/console/taxonomy/aliases/remove', {
          version: versionIn(shownHostile.html),
          name: '<img src=x onerror=alert(1)>',
          target: 'BO',
          action: 'save',
        })
      ).status,
    ).toBe(303);
    const latest = await eve.page('/console/taxonomy');
    const removed = await eve.post('/console/taxonomy/aliases/remove', {
      version: versionIn(latest.html),
      name: 'Zorbington',
      target: 'PE',
      action: 'save',
    });
    expect(removed.status).toBe(303);
    expect(readFileSync(countriesFile, 'utf8')).toBe(before);
    const stale = await eve.post('/console/taxonomy/aliases/remove', {
      version: versionIn(again.html),
      name: 'Boluarte',
      target: 'PE',
      action: 'save',
    });
    expect(stale.status).toBe(412);
    expect(readFileSync(countriesFile, 'utf8')).toBe(before);
  });

  it('does the same through the API, every response as openapi.json says', async () => {
    const token = tokenFor(h, 'eve', ['read', 'tags:write']);
    const viewer = tokenFor(h, 'vic', ['read']);
    const call = async (
      method: string,
      p: string,
      body?: unknown,
      headers: Record<string, string> = {},
      opts: { token?: string; base?: string } = {},
    ) => {
      const res = await fetch((opts.base ?? live.base) + p, {
        method,
        headers: { authorization: `Bearer ${opts.token ?? token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await spec.check(method, p, res)) as Record<string, unknown> | undefined;
      return { res, json };
    };

    const topics = await call('GET', '/api/v1/taxonomy/topics');
    expect(topics.res.status).toBe(200);
    const etag = topics.res.headers.get('etag') ?? '';
    const list = topics.json?.topics as { slug: string; keywords?: Record<string, string[]> }[];
    const migration = list.find((t) => t.slug === 'migration');
    expect(migration?.keywords?.en?.length).toBeGreaterThan(0);

    const zorbWords = [...(migration?.keywords?.en ?? []), 'zorbington'];
    const dry = await call('POST', '/api/v1/taxonomy/dry-run', {
      topic: { slug: 'migration', keywords: { en: zorbWords } },
    });
    expect(dry.res.status).toBe(200);
    const changed = dry.json?.changed as { title: string; gained: { kind: string; value: string }[] }[];
    expect(changed.find((e) => e.title === ZORB)?.gained).toContainEqual(
      expect.objectContaining({ kind: 'topic', value: 'migration' }),
    );
    const bad = await call('POST', '/api/v1/taxonomy/dry-run', { topics: 'topics:\n  - slug: [unclosed\n' });
    expect(bad.res.status).toBe(422);
    expect((await call('POST', '/api/v1/taxonomy/dry-run', { topic: { slug: 'nope' } })).res.status).toBe(404);

    const before = readFileSync(topicsFile, 'utf8');
    expect(
      (await call('PUT', '/api/v1/taxonomy/topics/migration', { keywords: { en: zorbWords } }, {}, { token: viewer }))
        .res.status,
    ).toBe(403);
    const put = await call(
      'PUT',
      '/api/v1/taxonomy/topics/migration',
      { keywords: { en: zorbWords } },
      { 'if-match': etag },
    );
    expect(put.res.status).toBe(200);
    expect((put.json?.topic as { keywords: { en: string[] } }).keywords.en).toContain('zorbington');
    const stale = await call('PUT', '/api/v1/taxonomy/topics/migration', { label: 'Stale' }, { 'if-match': etag });
    expect(stale.res.status).toBe(412);
    expect(readFileSync(topicsFile, 'utf8')).not.toBe(before);
    expect(readFileSync(topicsFile, 'utf8')).not.toContain('Stale');
    expect((await call('PUT', '/api/v1/taxonomy/topics/nope', { label: 'x' })).res.status).toBe(404);
    expect((await call('PUT', '/api/v1/taxonomy/topics/migration', { colour: 'red' })).res.status).toBe(400);

    const aliases = await call('GET', '/api/v1/taxonomy/countries/pe/aliases');
    expect((aliases.json?.aliases as { name: string }[]).map((a) => a.name)).toContain('Dina Boluarte');
    const added = await call(
      'POST',
      '/api/v1/taxonomy/countries/pe/aliases',
      { name: 'Quokkaville' },
      { 'if-match': aliases.res.headers.get('etag') ?? '' },
    );
    expect(added.res.status).toBe(201);
    expect(added.json?.alias).toEqual({ name: 'Quokkaville', country: 'PE' });
    expect(readFileSync(countriesFile, 'utf8')).toContain('- { name: Quokkaville, country: PE }');
    expect((await call('POST', '/api/v1/taxonomy/countries/pe/aliases', { name: 'Quokkaville' })).res.status).toBe(422);
    const removed = await call('DELETE', '/api/v1/taxonomy/countries/pe/aliases?name=Quokkaville', undefined, {
      'if-match': added.res.headers.get('etag') ?? '',
    });
    expect(removed.res.status).toBe(204);
    expect(readFileSync(countriesFile, 'utf8')).not.toContain('Quokkaville');
    expect((await call('DELETE', '/api/v1/taxonomy/countries/pe/aliases?name=Quokkaville')).res.status).toBe(404);

    const retag = await call('POST', '/api/v1/retag', { since: '2026-11-01' });
    expect(retag.res.status).toBe(202);
    expect(retag.res.headers.get('location')).toBe(`/api/v1/jobs/${String(retag.json?.id)}`);
    expect((await live.jobs.settled(Number(retag.json?.id)))?.state).toBe('done');
    expect((await call('POST', '/api/v1/retag', { since: 'last tuesday' })).res.status).toBe(400);
    // The harness's own server runs no jobs, like `wireroom serve`.
    expect((await call('POST', '/api/v1/retag', {}, {}, { base: h.base })).res.status).toBe(503);
  });
});
