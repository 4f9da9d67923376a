// Static export only ever replaces a folder it wrote itself: never a file, never someone's folder. Feeds are
// paged as plain files (page/N), each page linking the next, up to a set depth. Every test on SQLite and on a
// PostgreSQL copy of the same fixture (tests/helpers/stores.ts); `wireroom publish` runs on either.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import {
  EXPORT_MARKER,
  feedFile,
  FORMATS,
  shownEntry,
  STATIC_PAGES,
  writeStaticSite,
} from '../../src/publish/index.ts';
import type { FeedReader } from '../../src/store/index.ts';
import { tempDir } from '../helpers/env.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { nonIncreasing, readPage } from './read.ts';
import { makeFixture, SOURCES, standardEntries, type Fixture } from './seed.ts';
import { body, siteOf } from './site.ts';
import { checkAtom, checkRss } from './validity.ts';

// One server for the file: both describes read through these arms.
const STORES = stores();
afterAll(async () => {
  for (const s of STORES) await s.close();
});

for (const s of STORES)
  describe.skipIf(skipArm(s))(`publish --out safety on ${s.kind}${s.skip}`, () => {
    let f: Fixture;
    let reader: FeedReader;
    const tmp = tempDir();
    beforeAll(async () => {
      f = makeFixture(standardEntries());
      reader = await s.reader(f);
    }, 120_000);
    afterAll(() => {
      f?.cleanup();
      tmp.cleanup();
    });

    it('refuses a file, a folder with other content, and a missing parent, and leaves them as they were', async () => {
      const file = path.join(tmp.dir, 'notes.txt');
      writeFileSync(file, 'mine');
      await expect(writeStaticSite(siteOf(f, reader), file)).rejects.toThrow(/is a file/);
      expect(readFileSync(file, 'utf8')).toBe('mine');

      const folder = path.join(tmp.dir, 'project');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'keep.txt'), 'keep');
      await expect(writeStaticSite(siteOf(f, reader), folder)).rejects.toThrow(/not written by `wireroom publish`/);
      expect(readFileSync(path.join(folder, 'keep.txt'), 'utf8')).toBe('keep');

      await expect(writeStaticSite(siteOf(f, reader), path.join(tmp.dir, 'no', 'such', 'out'))).rejects.toThrow(
        /does not exist/,
      );
    });

    it('writes a new or empty folder, and replaces its own earlier export', async () => {
      const out = path.join(tmp.dir, 'site');
      const first = await writeStaticSite(siteOf(f, reader), out);
      expect(first.files).toBeGreaterThan(10);
      expect(existsSync(path.join(out, EXPORT_MARKER))).toBe(true);
      expect(existsSync(path.join(out, 'feeds', 'all.rss'))).toBe(true);
      const second = await writeStaticSite(siteOf(f, reader), out);
      expect(second.files).toBe(first.files);
      const empty = path.join(tmp.dir, 'empty');
      mkdirSync(empty);
      expect((await writeStaticSite(siteOf(f, reader), empty)).files).toBe(first.files);
    });
  });

/** A plain static host over the export on 127.0.0.1: files by path, nothing else (no query strings, no index pages). */
async function staticHost(root: string) {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const s of STORES)
  describe.skipIf(skipArm(s))(`publish --out pages on ${s.kind}${s.skip}`, () => {
    let f: Fixture;
    let reader: FeedReader;
    const tmp = tempDir();
    // Two items a page: 9 Peru stories make 5 pages, 1 Bolivia story makes 1.
    const config =
      'site:\n  title: Test Wire\n  base_url: https://wire.example/\n  language: en\npublish:\n  default_limit: 2\n  max_limit: 50\n';
    beforeAll(async () => {
      f = makeFixture(
        [
          ...Array.from({ length: 9 }, (_, i) => ({
            sourceId: SOURCES[i % 4]!,
            key: `pe-${i}`,
            title: `Peru story ${i}`,
            publishedAt: `2024-05-0${i + 1}T08:00:00.000Z`,
            tags: [{ kind: 'country' as const, value: 'PE' }],
          })),
          // A late copy of the oldest story: the story stays at its representative's date, on the last page.
          {
            sourceId: 'lared',
            key: 'pe-0-copy',
            title: 'Peru story 0, later',
            publishedAt: '2024-05-09T09:00:00.000Z',
            tags: [{ kind: 'country', value: 'PE' }],
            joins: 'pe-0',
          },
          {
            sourceId: 'bolnews',
            key: 'bo-0',
            title: 'Bolivia story',
            publishedAt: '2024-05-02T09:00:00.000Z',
            tags: [{ kind: 'country', value: 'BO' }],
          },
        ],
        { main: config },
      );
      reader = await s.reader(f);
    }, 120_000);
    afterAll(() => {
      f?.cleanup();
      tmp.cleanup();
    });

    it('writes page/N files up to the depth, each linking the next and the first, walkable on a static host', async () => {
      const out = path.join(tmp.dir, 'paged');
      await writeStaticSite(siteOf(f, reader), out, { pages: 3 });
      for (const n of [2, 3])
        for (const fmt of FORMATS)
          expect(existsSync(path.join(out, feedFile('country/pe', fmt, n))), `page ${n} ${fmt}`).toBe(true);
      expect(feedFile('country/pe', 'atom', 2)).toBe('feeds/country/pe/page/2.atom');
      expect(existsSync(path.join(out, 'feeds/country/pe/page/4.atom'))).toBe(false);
      expect(existsSync(path.join(out, 'feeds/country/bo/page'))).toBe(false);
      for (const n of [2, 3]) {
        expect(checkAtom(readFileSync(path.join(out, feedFile('country/pe', 'atom', n)), 'utf8'))).toEqual([]);
        expect(checkRss(readFileSync(path.join(out, feedFile('country/pe', 'rss', n)), 'utf8'))).toEqual([]);
      }
      const full = (await reader.page({ require: [{ countries: ['PE'] }] }, { limit: 50, shownEntry })).items.map(
        (i) => i.storyUid,
      );
      const host = await staticHost(out);
      try {
        for (const format of FORMATS) {
          const ids: string[] = [];
          const published: number[] = [];
          let url: string | undefined = `https://wire.example/${feedFile('country/pe', format)}`;
          for (let n = 1; url; n++) {
            expect(url, 'no query string').not.toContain('?');
            const res = await fetch(url.replace('https://wire.example', host.origin));
            expect(res.status, url).toBe(200);
            const page = readPage(await res.text(), format);
            expect(page.self).toBe(url);
            if (format !== 'json')
              expect(page.first).toBe(n === 1 ? undefined : `https://wire.example/${feedFile('country/pe', format)}`);
            ids.push(...page.ids);
            published.push(...page.published);
            url = page.next;
            expect(n).toBeLessThanOrEqual(3);
          }
          expect(ids, format).toEqual(full.slice(0, 6).map((uid) => `urn:wireroom:story:${uid}`));
          expect(nonIncreasing(published), format).toBe(true);
        }
        const view2 = await (await fetch(`${host.origin}/view/country/pe/page/2.html`)).text();
        expect(view2).toContain('<a rel="next" href="https://wire.example/view/country/pe/page/3.html">');
        expect(await (await fetch(`${host.origin}/view/country/pe/page/3.html`)).text()).not.toContain('rel="next"');
      } finally {
        await host.close();
      }
    });

    it('by default writes every page up to STATIC_PAGES; the last links to nothing older', async () => {
      const out = path.join(tmp.dir, 'all-pages');
      await writeStaticSite(siteOf(f, reader), out);
      expect(STATIC_PAGES).toBe(10);
      const last = readPage(readFileSync(path.join(out, 'feeds/country/pe/page/5.atom'), 'utf8'), 'atom');
      expect(last.next).toBeUndefined();
      const oldest = (await reader.page({ require: [{ countries: ['PE'] }] }, { limit: 50, shownEntry })).items.at(-1)!;
      expect(last.ids).toEqual([`urn:wireroom:story:${oldest.storyUid}`]);
      expect(existsSync(path.join(out, 'feeds/country/pe/page/6.atom'))).toBe(false);
      // Page 1 is what the server serves, but for its rel="next", which names a file instead of a ?before= query.
      const served = await body(siteOf(f, reader), 'feeds/country/pe.atom');
      const written = readFileSync(path.join(out, 'feeds/country/pe.atom'), 'utf8');
      expect(written.replace(/<link rel="next"[^>]*>/, '')).toBe(served.replace(/<link rel="next"[^>]*>/, ''));
      expect(served).toMatch(
        /<link rel="next" type="application\/atom\+xml" href="https:\/\/wire\.example\/feeds\/country\/pe\.atom\?before=[\w-]+"\/>/,
      );
      expect(written).toContain(
        '<link rel="next" type="application/atom+xml" href="https://wire.example/feeds/country/pe/page/2.atom"/>',
      );
    });

    it('--pages sets the depth; a bad value is refused before anything is written', async () => {
      const out = path.join(tmp.dir, 'cli');
      const io = { out: () => true, err: () => true };
      const run = (pages: string) =>
        main(
          [
            'node',
            'wireroom',
            '--config',
            f.configDir,
            '--db',
            s.setting(f),
            'publish',
            '--out',
            out,
            '--pages',
            pages,
          ],
          io,
        );
      expect(await run('0')).toBe(2);
      expect(existsSync(out)).toBe(false);
      expect(await run('2')).toBe(0);
      expect(existsSync(path.join(out, 'feeds/country/pe/page/2.json'))).toBe(true);
      expect(existsSync(path.join(out, 'feeds/country/pe/page/3.json'))).toBe(false);
      expect(
        readPage(readFileSync(path.join(out, 'feeds/country/pe/page/2.json'), 'utf8'), 'json').next,
      ).toBeUndefined();
    });
  });
