// Review of issue #15 (the console and API on both stores): a collection whose full-text query holds U+0000 is a
// problem of the candidate (its field and reason), not an internal error. Before, the preview answered 500 on both
// stores (SQLite's FTS5: "unterminated string"; PostgreSQL: "invalid byte sequence for encoding UTF8: 0x00"), and a
// saved one broke its feed. Real parts: a fixture feed on 127.0.0.1 ingested by the worker, the harness's server on a
// SQLite file and on a real PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipArm, stores } from '../helpers/stores.ts';
import { fixtureServer, rss } from '../helpers/env.ts';
import { ingestSources, startHarness, tokenFor, type Harness } from './harness.ts';

const FEED = rss([
  { guid: 'h1', title: 'Harbour reopens after the storm', link: 'https://example.org/h1', pubDate: 'Mon, 01 Jan 2024' },
]);

for (const arm of stores())
  describe.skipIf(skipArm(arm))(`a collection query with a control character, on ${arm.kind}${arm.skip}`, () => {
    let h: Harness;
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let token: string;

    beforeAll(async () => {
      srv = await fixtureServer({
        '/h.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED),
      });
      h = await startHarness({ users: { eve: 'editor' }, store: arm.kind });
      await ingestSources(h, `sources:\n  - id: harbour\n    url: ${srv.url('/h.xml')}\n`);
      token = await tokenFor(h, 'eve', ['read', 'collections:write']);
    }, 120_000);

    afterAll(async () => {
      await h?.close();
      await srv?.close();
    });

    const preview = async (filter: object) => {
      const res = await fetch(`${h.base}/api/v1/collections/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'storms', title: 'Storms', filter }),
      });
      return { status: res.status, body: (await res.json()) as { problems?: { field: string; reason: string }[] } };
    };

    it('is a problem of the candidate in the preview, included or excluded', async () => {
      for (const [filter, field] of [
        [{ q: 'storm\u0000s' }, 'filter.q'],
        [{ q: 'harbour', exclude: { q: 'storm\u0000s' } }, 'filter.exclude.q'],
      ] as const) {
        const { status, body } = await preview(filter);
        expect(status).toBe(200);
        expect(body.problems).toEqual([{ field, reason: 'contains control characters' }]);
      }
      // The same query without it previews the stored entry.
      const ok = await preview({ q: 'storm' });
      expect(ok).toMatchObject({
        status: 200,
        body: { problems: [], items: [{ title: 'Harbour reopens after the storm' }] },
      });
    });
  });
