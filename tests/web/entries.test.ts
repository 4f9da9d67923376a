// Entries in the console and the API, on entries the worker ingested from real feeds served on 127.0.0.1: the seed's
// Peru sample, a wire of dated items (some tagged with uncertain countries) and a hostile feed. Filters, cursor
// paging, the entry page, tag corrections (entry page, API, audit log) and the review queue; every API response is
// checked against openapi.json. On both stores (issue #15): ingested by a cycle on SQLite, by one fleet worker on
// PostgreSQL, the same pages and answers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { confidenceOf } from '../../src/tag/index.ts';
import { fixtureServer, REPO_ROOT, rss } from '../helpers/env.ts';
import { FormClient, ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const SAMPLE = readFileSync(path.join(REPO_ROOT, 'config/samples/peru-sample.rss'), 'utf8');
const SEED = readFileSync(path.join(REPO_ROOT, '../shared/seed/peru-feed-sample.txt'), 'utf8');
/** The seed's items as the bundled sample carries them, and those about Peru (one is about Latin America at large). */
const SAMPLE_ITEMS = [...SAMPLE.matchAll(/<item>\s*<title>([^<]+)<\/title>\s*<description>([^<]+)</g)].map((m) => ({
  title: m[1] ?? '',
  about: `${m[1]} ${m[2]}`,
}));
const SEED_TITLES = SAMPLE_ITEMS.map((i) => i.title);
const PERU_TITLES = SAMPLE_ITEMS.filter((i) => /Peru|Lima|Castillo|Boluarte/.test(i.about)).map((i) => i.title);

const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n, 10)).toUTCString();
const WIRE = rss([
  {
    guid: 'w1',
    title: 'Officials meet on budget',
    description: 'BOGOTA (Reuters) - Officials met on Tuesday to discuss the budget.',
    link: 'https://wire.example/w1',
    pubDate: day(1),
  },
  {
    guid: 'w2',
    title: 'Elections ahead',
    description: 'Voters in Bolivia head to the polls next week.',
    link: 'https://wire.example/w2',
    pubDate: day(2),
  },
  ...Array.from({ length: 9 }, (_, i) => ({
    guid: `n${i}`,
    title: `Harvest report number ${i} from the northern farms`,
    description: `Farmers counted sacks of grain, lot ${i}, and sent them to market.`,
    link: `https://wire.example/n${i}`,
    pubDate: day(3 + i),
  })),
]);

const SCRIPT = '<script>alert(1)</script>';
const HOSTILE = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Hostile</title><link>https://evil.example/</link><description>d</description>
<item><guid>h1</guid><title>${SCRIPT.replace(/</g, '&amp;lt;')} Peru strike in Lima</title><link>https://evil.example/h1</link>
<dc:creator>&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</dc:creator>
<category>" onmouseover="x</category>
<description>&lt;p&gt;Workers in Lima called a strike.&lt;img src=x onerror=alert(3)&gt;&lt;/p&gt;</description>
<pubDate>${day(20)}</pubDate></item>
</channel></rss>`;

interface EntryJson {
  id: number;
  title: string;
  link: string | null;
  source: string;
  summary: string;
  published: string;
  story: number | null;
  tags: { kind: string; value: string; role?: string; confidence?: string; overridden?: boolean }[];
}

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`entries: console and API over ingested feeds on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let spec: OpenApiChecker;
    let reader: string;
    let writer: string;
    const eve = () => new FormClient(h.base);

    const api = async (p: string, init: RequestInit & { token?: string } = {}) => {
      const res = await fetch(h.base + p, {
        ...init,
        headers: {
          authorization: `Bearer ${init.token ?? reader}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
      const body = await spec.check(init.method ?? 'GET', p, res);
      return { res, body: body as Record<string, unknown> };
    };
    const list = async (query: string) => {
      const { res, body } = await api(`/api/v1/entries?${query}`);
      expect(res.status).toBe(200);
      return body as unknown as { items: EntryJson[]; next?: string };
    };

    beforeAll(async () => {
      srv = await fixtureServer({
        '/peru.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(SAMPLE),
        '/wire.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(WIRE),
        '/hostile.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(HOSTILE),
      });
      h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' }, store: arm.kind });
      const report = await ingestSources(
        h,
        `sources:\n  - id: sample-peru\n    url: ${srv.url('/peru.xml')}\n    country: PE\n  - id: wire\n    url: ${srv.url('/wire.xml')}\n  - id: hostile\n    url: ${srv.url('/hostile.xml')}\n`,
      );
      // A fleet worker (PostgreSQL) reports sources as they finish: compared in id order.
      expect(report.sources.map((s) => `${s.id} ${s.status} ${s.error ?? ''}`).sort()).toEqual([
        'hostile ok ',
        'sample-peru ok ',
        'wire ok ',
      ]);
      spec = await OpenApiChecker.load(h.base);
      reader = await tokenFor(h, 'vic', ['read']);
      writer = await tokenFor(h, 'eve', ['read', 'tags:write']);
    }, 120_000);

    afterAll(async () => {
      await h?.close();
      await srv?.close();
    });

    it("finds the seed's Peru items with country=PE, newest first, in the documented shape", async () => {
      expect(SEED_TITLES.length).toBe(10);
      for (const t of SEED_TITLES) expect(SEED).toContain(t);
      expect(PERU_TITLES.length).toBe(9);
      const page = await list('country=PE&limit=50');
      const titles = page.items.map((e) => e.title);
      for (const t of PERU_TITLES) expect(titles).toContain(t);
      for (const e of page.items) expect(e.tags.some((t) => t.kind === 'country' && t.value === 'PE')).toBe(true);
      const keys = page.items.map((e) => `${e.published}|${String(e.id).padStart(10, '0')}`);
      expect([...keys].sort().reverse()).toEqual(keys);
      const wire = await list('source=wire&country=pe');
      expect(wire.items).toEqual([]);
    });

    it('filters by source, topic, region, words and dates, and names a bad parameter', async () => {
      const wire = await list('source=wire');
      expect(wire.items.length).toBe(11);
      expect(new Set(wire.items.map((e) => e.source))).toEqual(new Set(['wire']));
      const words = await list('q=Boluarte');
      expect(words.items.length).toBeGreaterThan(0);
      for (const e of words.items) expect(`${e.title} ${e.summary}`).toMatch(/Boluarte/);
      const bolivia = await list('country=BO');
      expect(bolivia.items.map((e) => e.title)).toEqual(['Elections ahead']);
      const region = await list('region=south-america&source=wire');
      expect(region.items.map((e) => e.title).sort()).toEqual(['Elections ahead', 'Officials meet on budget']);
      const strikes = await list('topic=strikes');
      expect(strikes.items.length).toBeGreaterThan(0);
      const dated = await list('source=wire&since=2024-01-04&until=2024-01-05');
      expect(dated.items.map((e) => e.published.slice(0, 10))).toEqual(['2024-01-05', '2024-01-04']);
      for (const bad of ['country=Peru', 'since=yesterday', 'limit=0', 'limit=201', 'before=nonsense', 'q=%2A%2A']) {
        const { res, body } = await api(`/api/v1/entries?${bad}`);
        expect(res.status, bad).toBe(400);
        expect(String(body.detail)).toMatch(new RegExp(`^${bad.split('=')[0]}:`));
      }
    });

    it('pages with the cursor: every entry once, in order, no gaps', async () => {
      const all = await list('limit=200');
      expect(all.next).toBeUndefined();
      expect(all.items.length).toBe(22);
      const seen: number[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await list(`limit=3${next ? `&before=${next}` : ''}`);
        seen.push(...page.items.map((e) => e.id));
        next = page.next;
        pages++;
      } while (next && pages < 20);
      expect(seen).toEqual(all.items.map((e) => e.id));
      const peru = await list('country=PE&limit=4');
      const rest = await list(`country=PE&limit=50&before=${peru.next}`);
      expect([...peru.items, ...rest.items].map((e) => e.id)).toEqual(
        (await list('country=PE')).items.map((e) => e.id),
      );
    });

    it('shows the console list and entry page with every feed string escaped and the text sandboxed', async () => {
      const b = eve();
      await b.login('vic');
      const { res, html } = await b.page('/console/entries?source=hostile');
      expect(res.status).toBe(200);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Peru strike in Lima');
      expect(html).not.toContain(SCRIPT);
      const peru = await b.page('/console/entries?country=pe');
      for (const t of PERU_TITLES.slice(0, 3)) expect(peru.html).toContain(t);
      const [hostile] = (await list('source=hostile')).items;
      expect(hostile).toBeDefined();
      const entry = await b.page(`/console/entries/${hostile?.id}`);
      expect(entry.res.status).toBe(200);
      expect(entry.html).not.toContain(SCRIPT);
      expect(entry.html).not.toMatch(/<img[^>]*onerror/i);
      expect(entry.html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(entry.html).toContain('&quot; onmouseover=&quot;x');
      expect(entry.html).toMatch(/<iframe sandbox="" srcdoc="[^"]*Workers in Lima called a strike/);
      expect(entry.html).not.toMatch(/allow-scripts|allow-same-origin/);
      // What `wireroom explain` says: the rule and matched text of each tag, and the story.
      expect(entry.html).toMatch(/<td>country<\/td><td>PE<\/td><td>focus<\/td>/);
      expect(entry.html).toContain('founded the story');
      expect((await b.page('/console/entries/999999')).res.status).toBe(404);
      const bad = await b.page('/console/entries?country=peru');
      expect(bad.res.status).toBe(400);
      expect(bad.html).toContain('country: ');
    });

    it('gives one entry with its tags and reasons, overrides and story in the API', async () => {
      const [hostile] = (await list('source=hostile')).items;
      const { res, body } = await api(`/api/v1/entries/${hostile?.id}`);
      expect(res.status).toBe(200);
      expect(body.title).toBe(`${SCRIPT} Peru strike in Lima`);
      expect(body.authors).toEqual([{ name: '</script><img src=x onerror=alert(2)>' }]);
      expect(String(body.contentHtml)).not.toMatch(/onerror/);
      const tags = body.tags as { kind: string; value: string; rule: string; score: number }[];
      expect(tags.find((t) => t.kind === 'country' && t.value === 'PE')?.rule).toBeTruthy();
      expect((body.storyExplanation as string[])[0]).toMatch(/^story /);
      expect((await api('/api/v1/entries/999999')).res.status).toBe(404);
      expect((await api('/api/v1/entries/abc')).res.status).toBe(400);
    });

    it('corrects a tag from the entry page: seen on the page, in the API, in lists and in the audit log', async () => {
      const [first] = (await list('source=sample-peru&limit=1')).items;
      const id = first?.id ?? 0;
      const b = eve();
      await b.login('eve');
      await b.page(`/console/entries/${id}`);
      const res = await b.post(`/console/entries/${id}/tags`, { kind: 'country', value: 'bo', action: 'add' });
      expect(res.status).toBe(303);
      const to = res.headers.get('location') ?? '';
      expect(to).toMatch(new RegExp(`^/console/entries/${id}\\?done=`));
      const page = await b.page(to);
      expect(page.html).toContain('added country:BO');
      expect(page.html).toMatch(
        /<td>country<\/td><td>BO<\/td><td>focus<\/td><td>1.00<\/td><td>[a-z]*<\/td><td>manual<\/td>/,
      );
      expect(page.html).toContain('+country:BO');
      const { body } = await api(`/api/v1/entries/${id}`);
      expect((body.tags as EntryJson['tags']).find((t) => t.value === 'BO')).toMatchObject({ overridden: true });
      expect((await list('country=BO')).items.map((e) => e.id)).toContain(id);
      const [audit] = await h.editor.accounts.audit.recent({ target: `entry:${id}` });
      expect(audit).toMatchObject({ actor: 'eve', origin: 'console', action: 'tags.correct' });
      expect(JSON.stringify(audit?.after)).toContain('+country:BO');

      // A viewer has no tags:write; a malformed value is refused with the editor's reason.
      const viewer = eve();
      await viewer.login('vic');
      await viewer.page(`/console/entries/${id}`);
      expect(
        (await viewer.post(`/console/entries/${id}/tags`, { kind: 'country', value: 'BO', action: 'remove' })).status,
      ).toBe(403);
      const wrong = await b.post(`/console/entries/${id}/tags`, { kind: 'country', value: 'Bolivia', action: 'add' });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('ISO alpha-2');
    });

    it('corrects a tag through the API (audited with the token) and refuses what it must', async () => {
      const [first] = (await list('source=sample-peru&limit=1')).items;
      const id = first?.id ?? 0;
      const post = (body: unknown, token = writer, entry = id) =>
        api(`/api/v1/entries/${entry}/tags`, { method: 'POST', body: JSON.stringify(body), token });
      const { res, body } = await post({ kind: 'country', value: 'BO', action: 'remove' });
      expect(res.status).toBe(200);
      expect(body.changes).toEqual(['-country:BO']);
      expect(((body.entry as EntryJson).tags ?? []).some((t) => t.value === 'BO')).toBe(false);
      expect((await list('country=BO')).items.map((e) => e.id)).not.toContain(id);
      const audit = (await h.editor.accounts.audit.recent({ target: `entry:${id}` }))[0];
      expect(audit).toMatchObject({ actor: 'eve', origin: 'api', action: 'tags.correct' });
      expect(audit?.tokenId).toBeGreaterThan(0);
      expect((await post({ kind: 'topic', value: 'strikes', action: 'add' }, reader)).res.status).toBe(403);
      expect((await post({ kind: 'planet', value: 'mars', action: 'add' })).res.status).toBe(400);
      const form = await fetch(`${h.base}/api/v1/entries/${id}/tags`, {
        method: 'POST',
        body: 'kind=country&value=BO&action=add',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(415);
      await spec.check('POST', `/api/v1/entries/${id}/tags`, form);
      const broken = await fetch(`${h.base}/api/v1/entries/${id}/tags`, {
        method: 'POST',
        body: '{"kind": "country",',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
      });
      expect(broken.status).toBe(400);
      await spec.check('POST', `/api/v1/entries/${id}/tags`, broken);
      expect((await post({ kind: 'country', value: 'BO', action: 'add' }, writer, 999999)).res.status).toBe(404);
    });

    it('lists uncertain country tags to review; accepting one from the queue takes it off', async () => {
      const { res, body } = await api('/api/v1/review?limit=50');
      expect(res.status).toBe(200);
      const items = (body as unknown as { items: EntryJson[] }).items;
      const budget = items.find((e) => e.title === 'Officials meet on budget');
      expect(budget?.tags.find((t) => t.kind === 'country')).toMatchObject({ value: 'CO', confidence: 'medium' });
      for (const e of items)
        expect(e.tags.some((t) => t.kind === 'country' && t.role === 'focus' && t.confidence !== 'high')).toBe(true);
      const colombia = (await api('/api/v1/review?country=co')).body as unknown as { items: EntryJson[] };
      expect(colombia.items.map((e) => e.id)).toEqual([budget?.id]);
      const bolivia = (await api('/api/v1/review?country=BO')).body as unknown as { items: EntryJson[] };
      expect(bolivia.items.map((e) => e.title)).toEqual(['Elections ahead']);
      expect((await api('/api/v1/review?country=Colombia')).res.status).toBe(400);
      // The queue's SQL threshold is the confidence level's.
      expect(confidenceOf({ kind: 'country', role: 'focus', score: 3.99 })).toBe('medium');
      expect(confidenceOf({ kind: 'country', role: 'focus', score: 4 })).toBe('high');

      const b = eve();
      await b.login('eve');
      const queue = await b.page('/console/review');
      expect(queue.html).toContain('Officials meet on budget');
      const onlyBolivia = await b.page('/console/review?country=BO');
      expect(onlyBolivia.html).toContain('Elections ahead');
      expect(onlyBolivia.html).not.toContain('Officials meet on budget');
      const accept = await b.post(`/console/entries/${budget?.id}/tags`, {
        kind: 'country',
        value: 'CO',
        action: 'add',
        back: '/console/review',
      });
      expect(accept.status).toBe(303);
      expect(accept.headers.get('location')).toMatch(/^\/console\/review\?done=/);
      const after = await b.page(accept.headers.get('location') ?? '');
      expect(after.html).not.toContain('Officials meet on budget');
      const again = (await api('/api/v1/review')).body as unknown as { items: EntryJson[] };
      expect(again.items.map((e) => e.id)).not.toContain(budget?.id);
      expect((await h.editor.accounts.audit.recent({ target: `entry:${budget?.id}` }))[0]?.action).toBe('tags.correct');
      // An outside address is never a place to go back to.
      const off = await b.post(`/console/entries/${budget?.id}/tags`, {
        kind: 'topic',
        value: 'economy',
        action: 'add',
        back: 'https://evil.example/',
      });
      expect(off.headers.get('location')).toMatch(new RegExp(`^/console/entries/${budget?.id}\\?done=`));
    });
  });
