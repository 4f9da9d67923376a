// Review of issue #15 (the console and API on PostgreSQL): a tag correction whose value holds a control character
// (U+0000 among them) is refused with 400 and the editor's reason on both stores. Before, SQLite stored it and
// PostgreSQL, whose text holds no U+0000, answered 500. Real parts: a fixture feed on 127.0.0.1 ingested by the worker,
// the harness's server on a SQLite file and on a real PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { fixtureServer, rss } from '../helpers/env.ts';
import { ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';

const FEED = rss([
  { guid: 'h1', title: 'Harbour reopens after the storm', link: 'https://example.org/h1', pubDate: 'Mon, 01 Jan 2024' },
]);

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`a tag correction with a control character, on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let token: string;
    let entry: number;

    beforeAll(async () => {
      srv = await fixtureServer({
        '/h.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED),
      });
      h = await startHarness({ users: { eve: 'editor' }, store: arm.kind });
      await ingestSources(h, `sources:\n  - id: harbour\n    url: ${srv.url('/h.xml')}\n`);
      token = await tokenFor(h, 'eve', ['read', 'tags:write']);
      const res = await fetch(`${h.base}/api/v1/entries`, { headers: { authorization: `Bearer ${token}` } });
      const items = ((await res.json()) as { items: { id: number }[] }).items;
      expect(items.length).toBe(1);
      entry = items[0]!.id;
    }, 120_000);

    afterAll(async () => {
      await h?.close();
      await srv?.close();
    });

    const correct = (value: string) =>
      fetch(`${h.base}/api/v1/entries/${entry}/tags`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'topic', value, action: 'add' }),
      });

    it('is refused with 400 and the reason, and nothing is stored or audited', async () => {
      for (const value of ['storm\u0000s', 'storm\u0007', 'storm\u007f']) {
        const res = await correct(value);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { detail: string }).detail).toMatch(/control character/);
      }
      const audit = await h.editor.accounts.audit.recent({ limit: 10, editorialOnly: true });
      expect(audit.filter((a) => a.action === 'tags.correct')).toEqual([]);
      expect(await h.editor.tags.overrides(entry)).toEqual([]);
      // An ordinary value still goes through.
      expect((await correct('storms')).status).toBe(200);
    });
  });
