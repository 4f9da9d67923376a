// What a retag reads of stored entries (EntryRepo.taggablePages): every entry once, in id order and in pages of the
// size asked, only those published since the date given, each with the fields the tagger reads as stored.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Entry } from '../../src/types.ts';
import { tempDir } from '../helpers/env.ts';

function entry(i: number): Entry {
  return {
    sourceId: i % 2 ? 'a' : 'b',
    key: `k${i}`,
    url: `https://example.org/${i}`,
    title: `Title ${i}`,
    summary: `Summary ${i}`,
    contentHtml: `<p>Body ${i}</p>`,
    language: i % 3 ? 'en' : undefined,
    authors: [{ name: `Author ${i}` }],
    categories: i % 2 ? ['Politics', `c${i}`] : [],
    enclosures: [],
    publishedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    dateFlags: [],
  };
}

describe('EntryRepo.taggablePages', () => {
  let store: Store | undefined;
  let cleanup = () => {};
  afterEach(() => {
    store?.close();
    cleanup();
  });

  const stored = () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const s = (store = openStore(path.join(t.dir, 'w.sqlite')));
    s.sources.sync(
      ['a', 'b'].map((id) => ({ id, url: `https://${id}.example/feed`, enabled: true, topics: [], trusted: true })),
      new Date().toISOString(),
    );
    // Stored out of date order: pages follow ids, not dates.
    const entries = Array.from({ length: 7 }, (_, i) => entry(6 - i));
    s.transaction(() => s.entries.upsert(entries, new Date().toISOString()));
    return s;
  };

  it('gives every entry once, in id order, pages of the size asked, with the fields the tagger reads', () => {
    const s = stored();
    const pages = [...s.entries.taggablePages({ size: 3 })];
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const read = pages.flat();
    expect(read.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const e of read) {
      const full = s.entries.get(e.id);
      expect(e).toEqual({
        id: full?.id,
        sourceId: full?.sourceId,
        title: full?.title,
        summary: full?.summary,
        contentHtml: full?.contentHtml,
        language: full?.language,
        categories: full?.categories,
        publishedAt: full?.publishedAt,
      });
    }
    expect(read.find((e) => e.title === 'Title 1')?.categories).toEqual(['Politics', 'c1']);
    expect(read.find((e) => e.title === 'Title 3')?.language).toBeUndefined();
  });

  it('reads only entries published since the date given', () => {
    const s = stored();
    const read = [...s.entries.taggablePages({ since: '2024-01-05T00:00:00.000Z', size: 2 })].flat();
    expect(read.map((e) => e.title)).toEqual(['Title 6', 'Title 5', 'Title 4']);
  });
});
