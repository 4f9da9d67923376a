// A long-running worker remembers the items it stored (dedup/seen.ts, worker/seen-items.ts): an item unchanged since
// the source's last stored document is only keyed, not normalized, tagged or sketched again. What is stored must be
// what a worker without that memory stores.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { entryKey, unseenToStore } from '../../src/dedup/index.ts';
import { feedLinkOf, itemIdentity, normalizeItem } from '../../src/normalize/index.ts';
import { plainText } from '../../src/normalize/text.ts';
import { parseFeed } from '../../src/parse/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { loadTaxonomy, createTagger } from '../../src/tag/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { createWorkerDeps, runCycle, type CycleReport } from '../../src/worker/index.ts';
import { prepareDocument, type PrepareInput } from '../../src/worker/prepare.ts';
import { realDocuments } from '../helpers/documents.ts';
import { fixtureServer, REPO_ROOT, rss, tempDir, writeConfig } from '../helpers/env.ts';

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9)).toUTCString();
const item = (id: string, d: number, description: string) => ({
  guid: id,
  title: `Huelga de mineros en Arequipa, día ${id}`,
  link: `https://news.example/${id}`,
  description: `<p>${description} <a href="/more/${id}?utm_source=rss">Más</a></p>`,
  pubDate: day(d),
});
const A = item('a', 1, 'Los mineros de Arequipa paralizan las operaciones.');
const B = item('b', 2, 'El Gobierno peruano convoca a una mesa de diálogo en Lima.');
const C = item('c', 3, 'La policía despeja la carretera Panamericana Sur.');
const FIRST = rss([C, B, A]);
// The next fetch: one new item, one edited, two as they were.
const SECOND = rss([item('d', 4, 'El Congreso cita al ministro de Energía.'), C, { ...B, description: 'Editado.' }, A]);

describe('unseenToStore', () => {
  it('stores what was not seen, unless the last item with its key was seen', () => {
    const r = unseenToStore([
      { key: 'new', seen: false },
      { key: 'x', seen: false },
      { key: 'x', seen: true },
      { key: 'y', seen: true },
      { key: 'z', seen: true },
      { key: 'z', seen: false },
    ]);
    // "x": the store keeps the last of a key, the seen (unchanged) one; "z": the last is new, so it is stored.
    expect(r.store).toEqual([true, false, false, false, false, true]);
    expect(r.seen).toBe(2);
  });
});

describe('prepareDocument with the fingerprints of the last stored document', () => {
  const source: SourceConfig = { id: 's', url: 'https://news.example/feed', enabled: true, topics: [], trusted: true };
  const tagger = createTagger(loadTaxonomy(path.join(REPO_ROOT, 'config')));
  const input = (body: string, seen?: Float64Array): PrepareInput => ({
    body: Buffer.from(body),
    url: source.url,
    source,
    guidReuse: false,
    now: new Date(Date.UTC(2026, 10, 5)).toISOString(),
    seen,
  });

  it('makes no fingerprints unless asked, and prepares every item', async () => {
    const out = await prepareDocument(input(FIRST), tagger);
    expect(out.fingerprints).toBeUndefined();
    expect(out.entries).toHaveLength(3);
    expect(out.seenUnchanged).toBe(0);
  });

  it('prepares only the new and the changed items, the same as a full prepare does them', async () => {
    const first = await prepareDocument(input(FIRST, new Float64Array(0)), tagger);
    expect(first.fingerprints).toHaveLength(3);
    const second = await prepareDocument(input(SECOND, first.fingerprints), tagger);
    const full = await prepareDocument(input(SECOND), tagger);
    expect(second.entries.map((e) => e.key)).toEqual(['d', 'b']);
    expect(second.seenUnchanged).toBe(2);
    expect(Object.keys(second.tags ?? {}).sort()).toEqual(['b', 'd']);
    for (const e of second.entries) {
      expect(e).toEqual(full.entries.find((f) => f.key === e.key));
      expect(second.tags?.[e.key]).toEqual(full.tags?.[e.key]);
    }
    // A different address for the same document: nothing is taken as seen (its links may resolve differently).
    const moved = await prepareDocument(
      { ...input(SECOND, first.fingerprints), url: 'https://mirror.example/feed' },
      tagger,
    );
    expect(moved.seenUnchanged).toBe(0);
    expect(moved.entries).toHaveLength(4);
  });

  it('still sees a guid reused for a new link, with the seen item keyed beside it', async () => {
    const first = await prepareDocument(input(rss([A]), new Float64Array(0)), tagger);
    const reused = await prepareDocument(input(rss([{ ...B, guid: 'a' }, A]), first.fingerprints), tagger);
    expect(reused.guidReuseDetected).toBe(true);
    expect(reused.seenUnchanged).toBe(1);
    expect(reused.entries.map((e) => e.key)).toEqual(['a|https://news.example/b']);
  });
});

describe('a worker that remembers what it stored', () => {
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  const tmp = tempDir('wireroom-seen-');
  let body = FIRST;
  const stores: Store[] = [];

  beforeAll(async () => {
    srv = await fixtureServer({
      '/feed.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body),
    });
  });
  afterAll(async () => {
    for (const s of stores) s.close();
    await srv?.close();
    tmp.cleanup();
  });

  const counts = (r: CycleReport) => {
    const s = r.sources[0]!;
    return { new: s.new, updated: s.updated, unchanged: s.unchanged };
  };

  async function project(name: string, rememberItems: boolean) {
    const root = path.join(tmp.dir, name);
    writeConfig(root, {
      main: 'schedule:\n  run_on_start: false\nfetch:\n  allow_private: ["127.0.0.1"]\ningest:\n  threads: 1\n',
      sources: `sources:\n  - { id: mine, url: "${srv.url('/feed.xml')}" }\n`,
    });
    const config = loadConfig(path.join(root, 'config'));
    const store = openStore(path.join(root, 'db', `${name}.sqlite`));
    stores.push(store);
    store.sources.sync(config.sources, new Date().toISOString());
    const deps = createWorkerDeps(config, store, undefined, { rememberItems });
    // Items each cycle's document had seen unchanged, as the preparer said.
    const skipped: number[] = [];
    const preparer = deps.preparer;
    deps.preparer = {
      ...preparer,
      prepare: async (input) => {
        const out = await preparer.prepare(input);
        skipped.push(out.seenUnchanged);
        return out;
      },
    };
    const cycle = async () => {
      const report = await runCycle(deps, { force: true });
      return { ...counts(report), skipped: skipped.pop() };
    };
    return { store, seen: deps.seen, cycle, close: () => preparer.close() };
  }

  // When each worker first stored a row differs by the time between their cycles; everything else must not.
  const withoutTimes = (e: { firstSeenAt?: string; changedAt?: string }) => ({
    ...e,
    firstSeenAt: undefined,
    changedAt: undefined,
  });
  const stored = (store: Store) =>
    store.entries
      .list({ sourceId: 'mine', limit: 10 })
      .map((e) => ({ ...e, id: 0, tags: store.tags.list(e.id).map((t) => `${t.kind}:${t.value}:${t.role ?? ''}`) }))
      .sort((a, b) => a.key.localeCompare(b.key));

  it('reports and stores what a worker without the memory does', async () => {
    const remembering = await project('remembering', true);
    const plain = await project('plain', false);
    body = FIRST;
    expect(await remembering.cycle()).toEqual({ new: 3, updated: 0, unchanged: 0, skipped: 0 });
    expect(await plain.cycle()).toEqual({ new: 3, updated: 0, unchanged: 0, skipped: 0 });
    body = SECOND;
    expect(await remembering.cycle()).toEqual({ new: 1, updated: 1, unchanged: 2, skipped: 2 });
    expect(await plain.cycle()).toEqual({ new: 1, updated: 1, unchanged: 2, skipped: 0 });
    expect(await remembering.cycle()).toEqual({ new: 0, updated: 0, unchanged: 4, skipped: 4 });
    const a = stored(remembering.store);
    const b = stored(plain.store);
    expect(a.map((e) => e.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(a.map(withoutTimes)).toEqual(b.map(withoutTimes));
    expect(a.find((e) => e.key === 'b')?.summary).toBe('Editado.');
    expect(plain.seen).toBeUndefined();
    await remembering.close();
    await plain.close();
  });

  it('forgets a source another process fetched since, and keeps it over a fetch that brought nothing', async () => {
    const worker = await project('shared', true);
    body = FIRST;
    await worker.cycle();
    body = SECOND;
    expect((await worker.cycle()).skipped).toBe(2);
    // A `wireroom fetch` from another process records its own fetch: the rows may have changed under the worker.
    const last = worker.store.sources.get('mine')?.lastFetchAt;
    worker.store.sources.record('mine', {
      status: 'ok',
      fetchedAt: new Date(Date.parse(last ?? '') + 1000).toISOString(),
      nextFetchAt: new Date().toISOString(),
    });
    expect(await worker.cycle()).toEqual({ new: 0, updated: 0, unchanged: 4, skipped: 0 });
    expect((await worker.cycle()).skipped).toBe(4);
    await worker.close();
  });
});

describe('itemIdentity', () => {
  it('gives the identity fields normalizeItem gives, on every item of real documents, or nothing', async () => {
    const opts = { now: new Date(Date.UTC(2026, 10, 5)), feedUrl: 'https://publisher.example/feed/' };
    let compared = 0;
    for (const doc of realDocuments(40)) {
      const parsed = await parseFeed(doc.body, { url: opts.feedUrl }).catch(() => undefined);
      if (!parsed) continue;
      const feedLink = feedLinkOf(parsed, opts.feedUrl);
      const source: SourceConfig = { id: 's', url: opts.feedUrl, enabled: true, topics: [], trusted: true };
      for (const item of parsed.items) {
        const identity = itemIdentity(item, opts, feedLink);
        const full = normalizeItem(item, parsed, source, opts, feedLink);
        if (!identity) {
          // Only when the key may need the text: no title of its own, or a date the stored row holds.
          expect(!plainText(item.title, item.titleIsHtml ?? true) || full.dateFlags.length > 0 || !!item.updated).toBe(
            true,
          );
          continue;
        }
        compared++;
        const { guid, url, title, publishedAt, dateFlags } = full;
        expect({ ...identity, summary: undefined }, doc.name).toEqual({
          guid,
          url,
          title,
          publishedAt,
          dateFlags,
          summary: undefined,
        });
        expect(entryKey(identity, false)).toBe(entryKey(full, false));
        expect(entryKey(identity, true)).toBe(entryKey(full, true));
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
