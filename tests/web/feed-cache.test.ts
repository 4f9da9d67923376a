// Console bookkeeping is not a change of data: a session marked seen (at most every 15 s) or a token's recorded
// use leaves the store's data version as it was, so the public feeds' cached responses and ETags stand and the
// cached API lists keep answering. A real edit still moves it. On both stores (issue #15): SQLite's data version
// (every commit but bookkeeping) and PostgreSQL's feed change counter (what a feed shows) alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { FormClient, ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`console bookkeeping and the feeds cache on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let spec: OpenApiChecker;
    beforeAll(async () => {
      h = await startHarness({ users: { ada: 'admin' }, store: arm.kind });
      spec = await OpenApiChecker.load(h.base);
      await ingestSources(
        h,
        '# the sources\nsources:\n  - id: sample\n    url: file:samples/peru-sample.rss\n    country: PE\n',
      );
    }, 120_000);
    afterAll(() => h?.close());

    // A session's last-seen time, read and backdated in its table: no store method does either.
    const lastSeen = async (id: number) =>
      h.pg
        ? (await h.pg.pool.query<{ at: string }>('SELECT last_seen_at AS at FROM sessions WHERE id = $1', [id])).rows[0]
            ?.at
        : h.store.db.prepare<[number], { at: string }>('SELECT last_seen_at AS at FROM sessions WHERE id = ?').get(id)
            ?.at;
    const backdate = async (id: number, at: string) => {
      if (h.pg) await h.pg.pool.query('UPDATE sessions SET last_seen_at = $1 WHERE id = $2', [at, id]);
      else h.store.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
    };
    const dataVersion = () => h.editor.feeds.dataVersion();

    it('a console page view that marks the session seen does not invalidate a cached feed', async () => {
      const feed = await fetch(`${h.base}/feeds/country/pe.json`);
      expect(feed.status).toBe(200);
      const etag = feed.headers.get('etag');
      expect(etag).toBeTruthy();
      const renders = h.server.renders();

      // Signing in (a wrong password first) is bookkeeping too: an attempt and a session, no data.
      const before = await dataVersion();
      const b = new FormClient(h.base);
      expect((await b.login('ada', 'not the password at all')).status).toBe(401);
      expect((await b.login('ada')).status).toBe(303);
      expect(await dataVersion()).toBe(before);
      const sessionId = Number(b.cookies.get('wireroom_session')?.split('.')[0]);
      // The session was last seen 20 s ago: the next page view writes its last-seen time (at most every 15 s).
      const earlier = new Date(Date.now() - 20_000).toISOString();
      await backdate(sessionId, earlier);
      expect(await lastSeen(sessionId)).toBe(earlier);
      const version = await dataVersion();
      expect((await b.get('/console/sources')).status).toBe(200);
      expect(await lastSeen(sessionId)).not.toBe(earlier);
      expect(await dataVersion()).toBe(version);

      const again = await fetch(`${h.base}/feeds/country/pe.json`, { headers: { 'if-none-match': etag ?? '' } });
      expect(again.status).toBe(304);
      expect(h.server.renders()).toBe(renders);
    });

    it("a token's recorded use does not either; a real edit does", async () => {
      const version = await dataVersion();
      const t = await tokenFor(h, 'ada', ['read', 'tags:write']);
      const before = await dataVersion();
      // Issuing a token is a write like any other on SQLite; PostgreSQL's counter moves only with what a feed shows.
      expect(before !== version).toBe(arm.kind === 'sqlite');
      const call = spec.caller(h.base, t);
      const me = await call('GET', '/api/v1/me');
      expect(me.res.status).toBe(200);
      const used = (await h.editor.accounts.tokens.list()).find((r) => r.scopes.includes('tags:write'));
      expect(used?.lastUsedAt).toBeTruthy();
      expect(await dataVersion()).toBe(before);

      const listed = await call('GET', '/api/v1/entries?limit=1');
      const entry = (listed.json as { items: { id: number }[] } | undefined)?.items[0];
      expect(entry).toBeDefined();
      expect(await dataVersion()).toBe(before);
      const { res } = await call('POST', `/api/v1/entries/${entry?.id}/tags`, {
        kind: 'topic',
        value: 'economy',
        action: 'add',
      });
      expect(res.status).toBe(200);
      expect(await dataVersion()).not.toBe(before);
    });
  });
