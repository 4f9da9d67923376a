import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyUrn } from '../../src/publish/index.ts';
import { openStore, type FeedReader, type StoredEntry } from '../../src/store/index.ts';
import { SHARED } from '../helpers/env.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { makeFixture, seedEntries, standardEntries, type Fixture } from './seed.ts';
import { body, siteOf } from './site.ts';
import { checkAtom, checkRss, kid, kids, parseXml } from './validity.ts';

const SCHEMA = path.join(SHARED, 'corpus/jsonfeed-schema/schema-v1.1.json');
type ParsedItem = {
  id?: string;
  guid?: string;
  link?: string;
  title?: string;
  pubDate?: string;
  creator?: string;
  categories?: unknown[];
  'content:encoded'?: string;
};
const parser = new Parser<Record<string, unknown>, ParsedItem>({
  customFields: {
    item: [
      ['dc:creator', 'creator'],
      ['source', 'source'],
    ],
  },
});

let f: Fixture;
const uidOf = (e: StoredEntry) =>
  (
    f.store.db.prepare('SELECT s.uid FROM stories s JOIN entries e ON e.story_id = s.id WHERE e.id = ?').get(e.id) as {
      uid: string;
    }
  ).uid;

beforeAll(() => {
  f = makeFixture([
    ...standardEntries(),
    // Hostile text: a CDATA terminator twice, markup in a tag label, control characters, a bare-name author.
    {
      sourceId: 'wire',
      key: 'hostile',
      title: 'A ]]> B ]]> C \u0001',
      publishedAt: '2024-05-07T08:00:00.000Z',
      contentHtml: '<p>x ]]> y ]]> z\u000b</p>',
      tags: [{ kind: 'topic', value: 'a<b&"c' }],
      authors: [{ name: 'Ann <Editor> & Co' }],
    },
  ]);
});
afterAll(() => f?.cleanup());

const expectedAll = () => ['hostile', 'world', 'pe-protest', 'pe-mention', 'bo-protest', 'bo-election', 'pe-strike'];

// The same assertions on SQLite and on a PostgreSQL copy of the same fixture (tests/helpers/stores.ts): the copy keeps
// every story's uid, so ids (read from the SQLite fixture) are the same on both.
for (const s of stores())
  describe(`feeds on ${s.kind}${s.skip}`, () => {
    let reader: FeedReader;
    const run = skipArm(s) ? describe.skip : describe;
    const siteNow = () => siteOf(f, reader);
    beforeAll(async () => {
      if (!skipArm(s)) reader = await s.reader(f);
    }, 120_000);
    afterAll(() => s.close());

    run('every format parses back to exactly the stored entries', () => {
      it('RSS 2.0', async () => {
        const site = siteNow();
        const xml = await body(site, 'feeds/all.rss');
        expect(checkRss(xml)).toEqual([]);
        const feed = await parser.parseString(xml);
        expect(feed.items.map((i) => i.guid)).toEqual(expectedAll().map((k) => storyUrn(uidOf(f.byKey.get(k)!))));
        for (const it of feed.items) {
          const e = [...f.byKey.values()].find((x) => x.url === it.link)!;
          expect(e, it.link).toBeDefined();
          expect(it.title).toBe(
            e.title
              .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
              .replace(/]]>/g, ']]\u200b>')
              .trim(),
          );
          expect(new Date(it.pubDate!).toISOString()).toBe(e.publishedAt);
          expect(it.creator).toBe(e.authors[0]!.name);
        }
        const strike = feed.items.find((i) => i.link === 'https://andina.example/pe-strike')!;
        expect(strike['content:encoded']).toContain('Also reported by');
        expect(
          (strike.categories as unknown as { _: string; $: { domain: string } }[]).map((c) => [c._, c.$.domain]),
        ).toEqual([
          ['Peru', 'urn:wireroom:country'],
          ['Latin America', 'urn:wireroom:region'],
          ['Strikes', 'urn:wireroom:topic'],
        ]);
        const root = parseXml(xml);
        const items = kids(kid(root, 'channel')!, 'item');
        expect(kid(items[0]!, 'source')!.attrs.url).toBe('https://wire.example/feed.xml');
        expect(kids(items[0]!, 'author')).toEqual([]);
        const enc = kid(
          items.find((i) => kid(i, 'link')!.text.endsWith('bo-protest'))!,
          'enclosure',
        )!;
        expect(enc.attrs).toEqual({
          url: 'https://bolnews.example/audio/report.mp3',
          type: 'audio/mpeg',
          length: '12345',
        });
      });

      it('Atom 1.0', async () => {
        const xml = await body(siteNow(), 'feeds/all.atom');
        expect(checkAtom(xml)).toEqual([]);
        const feed = await parser.parseString(xml);
        expect(feed.items.map((i) => i.id)).toEqual(expectedAll().map((k) => storyUrn(uidOf(f.byKey.get(k)!))));
        const root = parseXml(xml);
        const entries = kids(root, 'entry');
        const strike = entries.find((e) => kid(e, 'link')!.attrs.href === 'https://andina.example/pe-strike')!;
        expect(
          kids(strike, 'link')
            .filter((l) => l.attrs.rel === 'related')
            .map((l) => l.attrs.href),
        ).toEqual(['https://lared.example/pe-strike-copy', 'https://wire.example/pe-strike-wire']);
        expect(kids(strike, 'category').map((c) => c.attrs.term)).toEqual(['PE', 'latin-america', 'strikes']);
        expect(kid(kid(strike, 'source')!, 'title')!.text).toBe('Andina News');
        const hostile = entries[0]!;
        expect(kid(hostile, 'category')!.attrs.term).toBe('a<b&"c');
        expect(kid(hostile, 'author')!.children[0]!.text).toBe('Ann <Editor> & Co');
        const bo = entries.find((e) => kid(e, 'link')!.attrs.href.endsWith('bo-protest'))!;
        expect(kids(bo, 'link').find((l) => l.attrs.rel === 'enclosure')!.attrs.type).toBe('audio/mpeg');
        expect(kid(bo, 'title')!.text).toBe('Protest in La Paz  over fuel');
      });

      it.skipIf(!existsSync(SCHEMA))('JSON Feed 1.1 against its schema (needs ../shared/corpus)', async () => {
        const json = await body(siteNow(), 'feeds/all.json');
        const ajv = new Ajv.default({ strict: false, allErrors: true });
        addFormats.default(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
        const doc = JSON.parse(json);
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
        expect(doc.language).toBe('en');
        expect(doc.authors).toEqual([{ name: 'Test Wire', url: 'https://wire.example/' }]);
        expect(doc.items.map((i: { id: string }) => i.id)).toEqual(
          expectedAll().map((k) => storyUrn(uidOf(f.byKey.get(k)!))),
        );
        const strike = doc.items.find((i: { url: string }) => i.url === 'https://andina.example/pe-strike');
        expect(strike._wireroom).toMatchObject({
          countries: ['PE'],
          regions: ['latin-america'],
          topics: ['strikes'],
          source: { id: 'andina' },
        });
        expect(strike._wireroom.also_reported_by.map((a: { source: string }) => a.source)).toEqual(['lared', 'wire']);
        expect(strike.authors).toEqual([{ name: 'Reporter pe-strike' }]);
        expect(strike.author).toBeUndefined();
        const bo = doc.items.find((i: { url: string }) => i.url.endsWith('bo-protest'));
        expect(bo.attachments).toEqual([
          { url: 'https://bolnews.example/audio/report.mp3', mime_type: 'audio/mpeg', size_in_bytes: 12345 },
        ]);
      });

      it('every feed of the site is valid in every format', async () => {
        for await (const { path: p, resource } of siteNow().staticFiles()) {
          const text = resource.render();
          if (p.endsWith('.rss')) expect(checkRss(text), p).toEqual([]);
          if (p.endsWith('.atom')) expect(checkAtom(text), p).toEqual([]);
          if (p.endsWith('.json')) expect(() => JSON.parse(text), p).not.toThrow();
        }
      });
    });

    run('ids', () => {
      it('are the same in all three formats and across a restart', async () => {
        const a = siteNow();
        const rss = (await parser.parseString(await body(a, 'feeds/country/pe.rss'))).items.map((i) => i.guid);
        const atom = (await parser.parseString(await body(a, 'feeds/country/pe.atom'))).items.map((i) => i.id);
        const json = JSON.parse(await body(a, 'feeds/country/pe.json')).items.map((i: { id: string }) => i.id);
        expect(rss).toEqual(atom);
        expect(json).toEqual(atom);
        const before = await body(a, 'feeds/country/pe.atom');
        // A restart: the SQLite store opened again; on PostgreSQL, another copy read through new connections.
        f.store.close();
        f.store = openStore(f.dbFile);
        const again = await s.reader(f);
        expect(await body(siteOf(f, again), 'feeds/country/pe.atom')).toBe(before);
      });

      it('a story keeps its id when another source joins it', async () => {
        const g = makeFixture(standardEntries().slice(0, 1));
        try {
          const gReader = await s.reader(g);
          const first = await body(siteOf(g, gReader), 'feeds/all.json');
          seedEntries(
            g.store,
            [
              {
                sourceId: 'lared',
                key: 'late',
                title: 'Late copy',
                publishedAt: '2024-05-01T07:00:00.000Z',
                joins: 'pe-strike',
              },
            ],
            g.byKey,
          );
          await s.sync(g);
          const idsBefore = JSON.parse(first).items.map((i: { id: string }) => i.id);
          const idsAfter = JSON.parse(await body(siteOf(g, gReader), 'feeds/all.json')).items.map(
            (i: { id: string }) => i.id,
          );
          expect(idsAfter).toEqual(idsBefore);
        } finally {
          g.cleanup();
        }
      });
    });
  });
