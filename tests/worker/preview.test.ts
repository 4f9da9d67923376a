// Source previews against a real server on 127.0.0.1: the feed as ingest would make it (same prepare step, same
// tags), nothing stored; a web page answers with the feeds found on it; failures name the URL and the reason. On
// both stores (issue #15): what ingest stores is read back from SQLite (runCycle) and from PostgreSQL (runFleetCycle,
// one worker; tests/helpers/cycle-on-store.ts).
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromStored, type StoredTag } from '../../src/store/tags.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { createPreparer, FeedLookupError, previewSource, type Preparer } from '../../src/worker/index.ts';
import { publishedTags, type PreviewDeps } from '../../src/worker/preview.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { fixtureServer, REPO_ROOT, rss, tempDir, writeConfig } from '../helpers/env.ts';

const NOW = new Date('2024-03-01T12:00:00Z');

const items = [
  {
    guid: '1',
    title: 'Peru: general strike called as miners walk out in Arequipa',
    link: 'https://example.org/1?utm_source=feed',
    pubDate: 'Tue, 27 Feb 2024 10:00:00 GMT',
  },
  { guid: '2', title: 'Chile: parliament votes on pension reform', link: 'https://example.org/2' },
  { guid: '3', title: 'Bolivia: coup attempt fails in La Paz', link: 'https://example.org/3' },
  { guid: '4', title: 'Weather: a quiet week', link: 'https://example.org/4' },
  { guid: '5', title: 'Argentina: inflation slows again', link: 'https://example.org/5' },
  { guid: '6', title: 'Brazil: elections called for October', link: 'https://example.org/6' },
  { guid: '7', title: 'Ecuador: indigenous groups march on Quito', link: 'https://example.org/7' },
].map((item, i) => ({ pubDate: `Mon, 26 Feb 2024 0${i}:00:00 GMT`, ...item, description: item.title }));

type Fixture = Awaited<ReturnType<typeof fixtureServer>>;

/** The FeedLookupError `p` fails with; a result instead fails the test. */
async function failure(p: Promise<unknown>): Promise<FeedLookupError> {
  const result = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('value' in result) throw new Error(`expected a FeedLookupError, got ${JSON.stringify(result.value)}`);
  expect(result.error).toBeInstanceOf(FeedLookupError);
  return result.error as FeedLookupError;
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`previewSource on ${arm.kind}${arm.skip}`, () => {
    let srv: Fixture;
    let tmp: ReturnType<typeof tempDir>;
    let p: ProjectOnStore;
    let preparer: Preparer;
    let deps: PreviewDeps;

    /** The tags ingest stored for an entry, with reasons (entry_tag_sets, the same table on both stores). */
    const storedTags = async (entryId: number) => {
      const [row] = await p.rows<{ tags: string }>('SELECT tags FROM entry_tag_sets WHERE entry_id = ?', entryId);
      return row ? (JSON.parse(row.tags) as StoredTag[]).map(fromStored) : [];
    };

    beforeAll(async () => {
      srv = await fixtureServer({
        '/wire.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items)),
        '/moved.xml': (_q, res) => void res.writeHead(302, { location: '/wire.xml' }).end(),
        '/site': (_q, res) =>
          void res
            .writeHead(200, { 'content-type': 'text/html' })
            .end(
              '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Wire" href="/wire.xml"></head></html>',
            ),
        '/nothing': (_q, res) =>
          void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>hi</p>'),
        '/broken.json': (_q, res) =>
          void res
            .writeHead(200, { 'content-type': 'application/feed+json' })
            .end('{"version": "https://jsonfeed.org/v'),
      });
      tmp = tempDir();
      const dir = writeConfig(tmp.dir, { sources: `sources:\n  - { id: wire, url: "${srv.url('/wire.xml')}" }\n` });
      // The shipped taxonomy, so the tags compared below are real ones.
      for (const f of ['topics.yaml', 'countries.yaml'])
        copyFileSync(path.join(REPO_ROOT, 'config', f), path.join(dir, f));
      p = await arm.project(tmp.dir, 'test');
      p.clock.now = NOW;
      // No worker threads for the preview, as before.
      preparer = createPreparer({ threads: 0, taxonomy: loadTaxonomy(dir) });
      deps = { config: p.config, preparer, now: () => NOW };
    }, 120_000);

    afterAll(async () => {
      await preparer?.close();
      await arm.close();
      await srv?.close();
      tmp?.cleanup();
    });

    describe('previewSource', () => {
      it('shows the first five entries as ingest would make them, and stores nothing', async () => {
        const preview = await previewSource(deps, srv.url('/moved.xml'));
        if (preview.kind !== 'feed') throw new Error(`expected a feed preview, got ${preview.kind}`);
        expect(preview).toMatchObject({
          url: srv.url('/moved.xml'),
          finalUrl: srv.url('/wire.xml'),
          title: 'Fixture',
          format: 'rss',
          itemCount: 7,
        });
        expect(preview.items.map((i) => i.title)).toEqual(items.slice(0, 5).map((i) => i.title));
        // Normalized: tracking parameters gone, dates in UTC ISO.
        expect(preview.items[0]).toMatchObject({
          link: 'https://example.org/1',
          published: '2024-02-27T10:00:00.000Z',
        });
        expect(preview.items[0]?.tags).toEqual(expect.arrayContaining(['country:PE', 'topic:strikes']));
        expect(await p.entries()).toEqual([]);
        expect(await p.source('wire')).toBeUndefined();
      });

      it('tags each entry exactly as ingest stores it', async () => {
        const preview = await previewSource(deps, srv.url('/wire.xml'), { source: { id: 'wire' } });
        if (preview.kind !== 'feed') throw new Error(`expected a feed preview, got ${preview.kind}`);
        const report = await p.cycle({ force: true });
        expect(report.sources[0]).toMatchObject({ id: 'wire', status: 'ok', new: 7 });
        const stored = new Map((await p.entries('wire')).map((e) => [e.url, e]));
        for (const item of preview.items) {
          const entry = stored.get(item.link);
          expect(entry?.publishedAt).toBe(item.published);
          expect([...item.tags].sort()).toEqual(publishedTags(await storedTags(entry?.id ?? 0)).sort());
        }
        expect(preview.items.some((i) => i.tags.length > 1)).toBe(true);
      });

      it('answers a web page with the feeds found on it', async () => {
        const preview = await previewSource(deps, srv.url('/site'));
        expect(preview).toEqual({
          kind: 'page',
          url: srv.url('/site'),
          finalUrl: srv.url('/site'),
          candidates: [{ url: srv.url('/wire.xml'), title: 'Wire', format: 'rss' }],
        });
      });

      it('names the URL and the reason when there is nothing to show', async () => {
        const none = await failure(previewSource(deps, srv.url('/nothing')));
        expect(none.code).toBe('no-feeds');
        expect(none.message).toBe(`${srv.url('/nothing')}: not a feed and no feeds found on the page`);

        const broken = await failure(previewSource(deps, srv.url('/broken.json')));
        expect(broken.code).toBe('parse');
        expect(broken.message).toMatch(new RegExp(`^${srv.url('/broken.json')}: .*JSON`));

        const missing = await failure(previewSource(deps, srv.url('/missing.xml')));
        expect(missing).toMatchObject({ code: 'http', status: 404 });
        expect(missing.message).toBe(`${srv.url('/missing.xml')}: HTTP 404 Not Found`);

        const file = await failure(previewSource(deps, 'file:///etc/passwd'));
        expect(file.code).toBe('not-http');
      });
    });
  });
