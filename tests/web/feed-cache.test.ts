// Console bookkeeping is not a change of data: a session marked seen (at most every 15 s) or a token's recorded
// use leaves the store's data version as it was, so the public feeds' cached responses and ETags stand and the
// cached API lists keep answering. A real edit still moves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';
import { OpenApiChecker } from './openapi-check.ts';

describe('console bookkeeping and the feeds cache', () => {
  let h: Harness;
  let spec: OpenApiChecker;
  beforeAll(async () => {
    h = await startHarness({ users: { ada: 'admin' } });
    spec = await OpenApiChecker.load(h.base);
    await ingestSources(
      h,
      '# the sources\nsources:\n  - id: sample\n    url: file:samples/peru-sample.rss\n    country: PE\n',
    );
  });
  afterAll(() => h.close());

  const lastSeen = (id: number) =>
    h.store.db.prepare<[number], { at: string }>('SELECT last_seen_at AS at FROM sessions WHERE id = ?').get(id)?.at;

  it('a console page view that marks the session seen does not invalidate a cached feed', async () => {
    const feed = await fetch(`${h.base}/feeds/country/pe.json`);
    expect(feed.status).toBe(200);
    const etag = feed.headers.get('etag');
    expect(etag).toBeTruthy();
    const renders = h.server.renders();

    // Signing in (a wrong password first) is bookkeeping too: an attempt and a session, no data.
    const before = h.store.feeds.dataVersion();
    const b = new FormClient(h.base);
    expect((await b.login('ada', 'not the password at all')).status).toBe(401);
    expect((await b.login('ada')).status).toBe(303);
    expect(h.store.feeds.dataVersion()).toBe(before);
    const sessionId = Number(b.cookies.get('wireroom_session')?.split('.')[0]);
    // The session was last seen 20 s ago: the next page view writes its last-seen time (at most every 15 s).
    const earlier = new Date(Date.now() - 20_000).toISOString();
    h.store.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(earlier, sessionId);
    const version = h.store.feeds.dataVersion();
    expect((await b.get('/console/sources')).status).toBe(200);
    expect(lastSeen(sessionId)).not.toBe(earlier);
    expect(h.store.feeds.dataVersion()).toBe(version);

    const again = await fetch(`${h.base}/feeds/country/pe.json`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(h.server.renders()).toBe(renders);
  });

  it("a token's recorded use does not either; a real edit does", async () => {
    const version = h.store.feeds.dataVersion();
    const t = tokenFor(h, 'ada', ['read', 'tags:write']);
    const before = h.store.feeds.dataVersion();
    expect(before).not.toBe(version); // issuing a token is a write like any other
    const call = spec.caller(h.base, t);
    const me = await call('GET', '/api/v1/me');
    expect(me.res.status).toBe(200);
    expect(h.store.accounts.tokens.list().find((r) => r.scopes.includes('tags:write'))?.lastUsedAt).toBeTruthy();
    expect(h.store.feeds.dataVersion()).toBe(before);

    const entry = h.store.entries.list({ limit: 1 })[0];
    expect(entry).toBeDefined();
    const { res } = await call('POST', `/api/v1/entries/${entry?.id}/tags`, {
      kind: 'topic',
      value: 'economy',
      action: 'add',
    });
    expect(res.status).toBe(200);
    expect(h.store.feeds.dataVersion()).not.toBe(before);
  });
});
