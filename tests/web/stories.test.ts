// Stories in the console and the API, on entries the worker ingested from two real feeds served on 127.0.0.1 that
// carry the same articles (so detection puts them together by URL): the list with member counts and cursor paging,
// a story's members and why, and editors' merges and splits from both surfaces, each audited. Every API response is
// checked against openapi.json. On both stores (issue #15): ingested by a cycle on SQLite, by one fleet worker on
// PostgreSQL, the same stories and answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { fixtureServer, rss } from '../helpers/env.ts';
import { FormClient, ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 9)).toUTCString();
const HOSTILE_TITLE = '<script>alert(1)</script> Strike " onmouseover="x in Lima';
const shared = [
  { guid: 's1', title: HOSTILE_TITLE, link: 'https://news.example/strike-lima', pubDate: day(1) },
  { guid: 's2', title: 'Congress votes on the budget', link: 'https://news.example/budget-vote', pubDate: day(2) },
];
// The title goes through the feed as escaped text, so the stored title is the hostile string itself.
const escapeTitles = (items: typeof shared) =>
  items.map((i) => ({ ...i, title: i.title.replace(/&/g, '&amp;').replace(/</g, '&lt;') }));
const FEED_A = rss([
  ...escapeTitles(shared),
  ...Array.from({ length: 4 }, (_, i) => ({
    guid: `a${i}`,
    title: `Alpha column number ${i} on river levels`,
    link: `https://alpha.example/${i}`,
    pubDate: day(5 + i),
  })),
]);
const FEED_B = rss(
  escapeTitles(shared).map((i) => ({ ...i, guid: `b-${i.guid}`, pubDate: day(1 + Number(i.guid.slice(1)) - 1) })),
);

interface StoryDetail {
  id: number;
  uid: string;
  members: { entry: number; title: string; source: string; method: string; representative: boolean }[];
  explanation: string[];
}

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`stories: console and API over ingested feeds on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let spec: OpenApiChecker;
    let reader: string;
    let editor: string;

    const api = async (p: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
      const res = await fetch(h.base + p, {
        method: init.method ?? 'GET',
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        headers: {
          authorization: `Bearer ${init.token ?? reader}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      });
      const body = await spec.check(init.method ?? 'GET', p, res);
      return { status: res.status, body: body as Record<string, unknown> };
    };
    const story = async (id: number) => {
      const { status, body } = await api(`/api/v1/stories/${id}`);
      expect(status).toBe(200);
      return body as unknown as StoryDetail;
    };
    /** The story the entries API says this entry is in. */
    const storyOf = async (entryId: number) => (await api(`/api/v1/entries/${entryId}`)).body.story as number;
    const sharedStory = async (title: string) => {
      const { body } = await api('/api/v1/stories?limit=200');
      const items = (body as unknown as { items: { id: number; title: string; members: number }[] }).items;
      const found = items.find((s) => s.title === title);
      expect(found, title).toBeDefined();
      return found ?? { id: 0, title, members: 0 };
    };

    beforeAll(async () => {
      srv = await fixtureServer({
        '/a.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED_A),
        '/b.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED_B),
      });
      h = await startHarness({ users: { ada: 'admin', eve: 'editor', vic: 'viewer' }, store: arm.kind });
      const report = await ingestSources(
        h,
        `sources:\n  - id: alpha\n    url: ${srv.url('/a.xml')}\n  - id: beta\n    url: ${srv.url('/b.xml')}\n`,
      );
      // A fleet worker (PostgreSQL) reports sources as they finish: compared in id order.
      expect(report.sources.map((s) => `${s.id} ${s.status} ${s.error ?? ''}`).sort()).toEqual([
        'alpha ok ',
        'beta ok ',
      ]);
      spec = await OpenApiChecker.load(h.base);
      reader = await tokenFor(h, 'vic', ['read']);
      editor = await tokenFor(h, 'eve', ['read', 'stories:write']);
    }, 120_000);

    afterAll(async () => {
      await h?.close();
      await srv?.close();
    });

    it('lists stories newest first with member counts, paged by the cursor without gaps', async () => {
      const { status, body } = await api('/api/v1/stories?limit=200');
      expect(status).toBe(200);
      const all = (body as unknown as { items: { id: number; members: number; published: string }[] }).items;
      expect(all.length).toBe(6);
      expect(all.reduce((n, s) => n + s.members, 0)).toBe(8);
      expect((await sharedStory(HOSTILE_TITLE)).members).toBe(2);
      const seen: number[] = [];
      let next: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = (await api(`/api/v1/stories?limit=4${next ? `&before=${next}` : ''}`)).body as {
          items: { id: number }[];
          next?: string;
        };
        seen.push(...page.items.map((s) => s.id));
        next = page.next;
        if (!next) break;
      }
      expect(seen).toEqual(all.map((s) => s.id));
      const shared2 = (await api('/api/v1/stories?min_members=2&limit=1')).body as {
        items: { id: number; members: number; title: string }[];
        next?: string;
      };
      const rest = (await api(`/api/v1/stories?min_members=2&before=${shared2.next}`)).body as typeof shared2;
      expect([...shared2.items, ...rest.items].map((s) => s.title)).toEqual([
        'Congress votes on the budget',
        HOSTILE_TITLE,
      ]);
      expect(rest.next).toBeUndefined();
      expect((await api('/api/v1/stories?min_members=0')).status).toBe(400);
      expect((await api('/api/v1/stories?before=xyz!')).status).toBe(400);
      expect((await api('/api/v1/stories/999999')).status).toBe(404);
    });

    it("shows a story's members and why they are together, every title escaped", async () => {
      const { id } = await sharedStory(HOSTILE_TITLE);
      const s = await story(id);
      expect(s.members.map((m) => m.source).sort()).toEqual(['alpha', 'beta']);
      expect(s.members.every((m) => m.title === HOSTILE_TITLE)).toBe(true);
      expect(s.members.map((m) => m.method).sort()).toEqual(['founder', 'url']);
      expect(s.explanation.join('\n')).toMatch(/same URL as entry \d+/);
      const b = new FormClient(h.base);
      await b.login('vic');
      const list = await b.page('/console/stories');
      expect(list.res.status).toBe(200);
      expect(list.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Strike &quot; onmouseover=&quot;x in Lima');
      expect(list.html).not.toContain('<script>alert(1)');
      expect(list.html).toContain('Alpha column number 0');
      const several = await b.page('/console/stories?min_members=2');
      expect(several.html).toContain('Congress votes on the budget');
      expect(several.html).not.toContain('Alpha column number 0');
      const page = await b.page(`/console/stories/${id}`);
      expect(page.res.status).toBe(200);
      expect(page.html).not.toContain('<script>alert(1)');
      expect(page.html).not.toContain('" onmouseover="x');
      expect(page.html).toMatch(/same URL as entry \d+/);
      expect((await b.page('/console/stories/999999')).res.status).toBe(404);
    });

    it('splits and merges from the console, audited as the editor', async () => {
      const { id } = await sharedStory('Congress votes on the budget');
      const before = await story(id);
      const moving = before.members.find((m) => !m.representative)?.entry ?? 0;
      const b = new FormClient(h.base);
      await b.login('eve');
      await b.page(`/console/stories/${id}`);
      const split = await b.post(`/console/stories/${id}/split`, { entries: [String(moving)] });
      expect(split.status).toBe(303);
      expect(split.headers.get('location')).toMatch(new RegExp(`^/console/stories/${id}\\?done=`));
      expect((await b.page(split.headers.get('location') ?? '')).html).toContain(`#${moving} is now story #`);
      expect((await story(id)).members.map((m) => m.entry)).not.toContain(moving);
      const alone = await storyOf(moving);
      expect(alone).not.toBe(id);
      expect((await story(alone)).members.map((m) => m.entry)).toEqual([moving]);
      expect((await h.editor.accounts.audit.recent({ target: `entry:${moving}` }))[0]).toMatchObject({
        actor: 'eve',
        origin: 'console',
        action: 'stories.split',
      });

      const merge = await b.post(`/console/stories/${id}/merge`, { other: String(alone) });
      expect(merge.status).toBe(303);
      const kept = Number(/\/console\/stories\/(\d+)/.exec(merge.headers.get('location') ?? '')?.[1]);
      expect((await story(kept)).members.map((m) => m.entry).sort()).toEqual(before.members.map((m) => m.entry).sort());
      expect((await b.page(`/console/stories/${kept}`)).html).toContain('editor merged entry');
      expect((await h.editor.accounts.audit.recent({ editorialOnly: true }))[0]?.action).toBe('stories.merge');

      // A viewer cannot; a story cannot be merged with itself; a stranger cannot be split out.
      const viewer = new FormClient(h.base);
      await viewer.login('vic');
      await viewer.page(`/console/stories/${kept}`);
      expect((await viewer.post(`/console/stories/${kept}/split`, { entries: [String(moving)] })).status).toBe(403);
      expect((await b.post(`/console/stories/${kept}/merge`, { other: String(kept) })).status).toBe(400);
      expect((await b.post(`/console/stories/${kept}/split`, { entries: ['999999'] })).status).toBe(400);
      expect((await b.post(`/console/stories/${kept}/split`, {})).status).toBe(400);
    });

    it('splits and merges through the API, audited with the token', async () => {
      const { id } = await sharedStory(HOSTILE_TITLE);
      const before = await story(id);
      const moving = before.members.find((m) => !m.representative)?.entry ?? 0;
      const split = await api(`/api/v1/stories/${id}/split`, {
        method: 'POST',
        body: { entries: [moving] },
        token: editor,
      });
      expect(split.status).toBe(200);
      const [moved] = split.body.split as { entry: number; story: number }[];
      expect(moved?.entry).toBe(moving);
      expect((split.body.story as StoryDetail).members.map((m) => m.entry)).not.toContain(moving);
      expect(await storyOf(moving)).toBe(moved?.story);
      const audit = (await h.editor.accounts.audit.recent({ target: `entry:${moving}` }))[0];
      expect(audit).toMatchObject({ actor: 'eve', origin: 'api', action: 'stories.split' });
      expect(audit?.tokenId).toBeGreaterThan(0);

      const merge = await api(`/api/v1/stories/${id}/merge`, {
        method: 'POST',
        body: { other: moved?.story },
        token: editor,
      });
      expect(merge.status).toBe(200);
      const merged = merge.body as unknown as StoryDetail;
      expect(merged.members.map((m) => m.entry).sort()).toEqual(before.members.map((m) => m.entry).sort());
      expect(merged.uid).toBe(before.uid);
      expect(await storyOf(moving)).toBe(merged.id);

      const post = (p: string, body: unknown, token = editor) => api(p, { method: 'POST', body, token });
      expect((await post(`/api/v1/stories/${merged.id}/merge`, { other: merged.id })).status).toBe(400);
      expect((await post(`/api/v1/stories/${merged.id}/merge`, { other: 999999 })).status).toBe(404);
      expect((await post(`/api/v1/stories/999999/split`, { entries: [moving] })).status).toBe(404);
      expect((await post(`/api/v1/stories/${merged.id}/split`, { entries: [] })).status).toBe(400);
      expect((await post(`/api/v1/stories/${merged.id}/split`, { entries: [moving] }, reader)).status).toBe(403);
      expect((await post(`/api/v1/stories/${merged.id}/merge`, { nothing: 1 })).status).toBe(400);
    });

    it('two splits of one entry sent at once: one is done, the other refused, one audit row', async () => {
      // Two stories of one entry each, merged into one of two members: then its newer member is split out twice.
      const { body } = await api('/api/v1/stories?limit=200');
      const singles = (body as unknown as { items: { id: number; members: number }[] }).items
        .filter((s) => s.members === 1)
        .slice(0, 2);
      expect(singles.length).toBe(2);
      const [a = { id: 0 }, b = { id: 0 }] = singles;
      const merge = await api(`/api/v1/stories/${a.id}/merge`, {
        method: 'POST',
        body: { other: b.id },
        token: editor,
      });
      expect(merge.status).toBe(200);
      const merged = merge.body as unknown as StoryDetail;
      const moving = merged.members.find((m) => !m.representative)?.entry ?? 0;
      const splits = () =>
        h.editor.accounts.audit
          .recent({ target: `entry:${moving}` })
          .then((rows) => rows.filter((r) => r.action === 'stories.split').length);
      const before = await splits();
      const answers = await Promise.all(
        [1, 2].map(() =>
          fetch(`${h.base}/api/v1/stories/${merged.id}/split`, {
            method: 'POST',
            body: JSON.stringify({ entries: [moving] }),
            headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
          }),
        ),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(await splits()).toBe(before + 1);
    });
  });
