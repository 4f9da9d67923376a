import { describe, expect, it } from 'vitest';
import { assignKeys } from '../../src/dedup/index.ts';
import type { Entry } from '../../src/types.ts';

function entry(over: Partial<Entry>): Entry {
  return {
    sourceId: 'src',
    key: '',
    title: 'A title',
    summary: '',
    contentHtml: '',
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: '2023-01-10T10:00:00.000Z',
    dateFlags: [],
    ...over,
  };
}

describe('assignKeys', () => {
  it('keys by guid, else cleaned URL, else title + date', () => {
    const { entries } = assignKeys(
      [
        entry({ guid: ' tag:site,2023:1 ', url: 'https://site.test/a' }),
        entry({ url: 'https://site.test/b?utm_source=rss#top' }),
        entry({ title: 'Only a title' }),
      ],
      { guidReuse: false },
    );
    expect(entries.map((e) => e.key)).toEqual([
      'tag:site,2023:1',
      'https://site.test/b',
      'Only a title|2023-01-10T10:00:00.000Z',
    ]);
  });

  it('gives a repeated fetch the same keys', () => {
    const batch = [
      entry({ guid: 'g1', url: 'https://site.test/1' }),
      entry({ url: 'https://site.test/2' }),
      entry({ title: 'T' }),
    ];
    const first = assignKeys(batch, { guidReuse: false }).entries.map((e) => e.key);
    const again = assignKeys(
      batch.map((e) => ({ ...e })),
      { guidReuse: false },
    ).entries.map((e) => e.key);
    expect(again).toEqual(first);
  });

  it('does not use a first-seen date (missing or future) as identity', () => {
    const a = assignKeys(
      [entry({ title: 'Undated', summary: 's', publishedAt: '2023-01-01T00:00:00Z', dateFlags: ['missing'] })],
      { guidReuse: false },
    );
    const b = assignKeys(
      [entry({ title: 'Undated', summary: 's', publishedAt: '2023-01-02T00:00:00Z', dateFlags: ['missing'] })],
      { guidReuse: false },
    );
    expect(a.entries[0]!.key).toBe(b.entries[0]!.key);
  });

  it('detects one guid used for different links and keys by guid + URL', () => {
    const batch = [
      entry({ guid: 'item', url: 'https://site.test/1' }),
      entry({ guid: 'item', url: 'https://site.test/2' }),
    ];
    const r = assignKeys(batch, { guidReuse: false });
    expect(r.guidReuseDetected).toBe(true);
    expect(new Set(r.entries.map((e) => e.key)).size).toBe(2);
    expect(r.entries[0]!.key).toBe('item|https://site.test/1');
  });

  it('keys by guid + URL for a source already known to reuse guids, without reporting it again', () => {
    const r = assignKeys([entry({ guid: 'item', url: 'https://site.test/1' })], { guidReuse: true });
    expect(r.guidReuseDetected).toBe(false);
    expect(r.entries[0]!.key).toBe('item|https://site.test/1');
  });

  it('does not call a repeated item with tracking-only link differences guid reuse', () => {
    const r = assignKeys(
      [
        entry({ guid: 'g', url: 'https://site.test/1?utm_source=a' }),
        entry({ guid: 'g', url: 'https://site.test/1?utm_source=b' }),
      ],
      { guidReuse: false },
    );
    expect(r.guidReuseDetected).toBe(false);
  });
});
