import { describe, expect, it } from 'vitest';
import { cleanUrl, normalizeFeed, parseDate } from '../../src/normalize/index.ts';
import type { ParsedFeed, ParsedItem, SourceConfig } from '../../src/types.ts';

const SOURCE: SourceConfig = { id: 'src', url: 'https://news.example/feed', enabled: true, topics: [], trusted: false };
const NOW = new Date('2024-06-01T12:00:00Z');
const feedOf = (items: Partial<ParsedItem>[], extra: Partial<ParsedFeed> = {}): ParsedFeed => ({
  format: 'rss',
  items: items.map((i) => ({ authors: [], categories: [], enclosures: [], ...i })),
  warnings: [],
  ...extra,
});
const one = (item: Partial<ParsedItem>, extra: Partial<ParsedFeed> = {}, max?: number) =>
  normalizeFeed(feedOf([item], extra), SOURCE, {
    now: NOW,
    feedUrl: 'https://news.example/feed',
    maxSummaryChars: max,
  })[0]!;

describe('parseDate', () => {
  const table: Array<[string, string | undefined]> = [
    ['Sat, 01 Jun 2024 10:00:00 GMT', '2024-06-01T10:00:00.000Z'],
    ['01 Jun 2024 10:00:00 +0200', '2024-06-01T08:00:00.000Z'], // no day name
    ['Mon, 01 Jun 2024 10:00:00 GMT', '2024-06-01T10:00:00.000Z'], // wrong day name
    ['Sat, 1 Jun 24 10:00 EST', '2024-06-01T15:00:00.000Z'], // 2-digit year, single-digit day, named zone
    ['Sat, 01 Jun 2024 10:00:00 PDT', '2024-06-01T17:00:00.000Z'],
    ['Sat, 01 Jun 2024 10:00:00 CEST', '2024-06-01T08:00:00.000Z'],
    ['Sat, 01 Jun 2024 10:00:00', '2024-06-01T10:00:00.000Z'], // no zone -> UTC
    ['Sat,, 01 Jun, 2024 10:00:00 GMT', '2024-06-01T10:00:00.000Z'], // extra commas
    ['2024-06-01T10:00:00Z', '2024-06-01T10:00:00.000Z'],
    ['2024-06-01T10:00:00.5-05:00', '2024-06-01T15:00:00.500Z'],
    ['2024-06-01T10:00+0530', '2024-06-01T04:30:00.000Z'],
    ['2024-06-01 10:00:00', '2024-06-01T10:00:00.000Z'],
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['20240601T100000Z', '2024-06-01T10:00:00.000Z'],
    ['1717236000', '2024-06-01T10:00:00.000Z'],
    ['1 de junio de 2024 10:00', '2024-06-01T10:00:00.000Z'],
    ['1 junho 2024', '2024-06-01T00:00:00.000Z'],
    ['samedi 1 juin 2024 10:00 +0200', '2024-06-01T08:00:00.000Z'],
    ['1. Juni 2024 10:00 MESZ'.replace('MESZ', 'CEST'), '2024-06-01T08:00:00.000Z'],
    ['June 1, 2024 10:00 am', '2024-06-01T10:00:00.000Z'],
    ['Sat Jun  1 10:00:00 2024', '2024-06-01T10:00:00.000Z'],
    // Month names and abbreviations from src/calendar, accented or not.
    ['5. Jänner 2010', '2010-01-05T00:00:00.000Z'],
    ['3 Mrz 2025 08:00', '2025-03-03T08:00:00.000Z'],
    ['12 aout 2024', '2024-08-12T00:00:00.000Z'],
    ['2 déc. 2024', '2024-12-02T00:00:00.000Z'],
    ['1 constructor 2024', undefined],
    ['31 Feb 2024', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ];
  it.each(table)('%s', (input, want) => {
    expect(parseDate(input)?.toISOString()).toBe(want);
  });
});

describe('cleanUrl', () => {
  it('drops tracking parameters and keeps the others in order', () => {
    expect(
      cleanUrl(
        'https://x.example/a?id=3&utm_source=rss&utm_medium=feed&b=2&fbclid=abc&gclid=1&mc_cid=2&mc_eid=3&igshid=4&_hsenc=5&ref_src=6#top',
      ),
    ).toBe('https://x.example/a?id=3&b=2#top');
    expect(cleanUrl('https://x.example/a?utm_campaign=x')).toBe('https://x.example/a');
    expect(cleanUrl('https://x.example/a?q=a%20b&page=2')).toBe('https://x.example/a?q=a%20b&page=2');
    expect(cleanUrl('https://x.example/a#xtor=RSS-1')).toBe('https://x.example/a');
    expect(cleanUrl('not a url')).toBe('not a url');
  });
});

describe('normalizeFeed', () => {
  it('makes titles plain text and falls back to the summary', () => {
    expect(one({ title: ' AT&amp;T <b>wins</b>\n again ', titleIsHtml: true }).title).toBe('AT&T wins again');
    expect(one({ title: 'a <b> literal', titleIsHtml: false }).title).toBe('a <b> literal');
    expect(one({ summaryHtml: '<p>First words of the summary</p>' }).title).toBe('First words of the summary');
  });

  it('bounds the summary on a word boundary with an ellipsis', () => {
    const s = one({ title: 't', summaryHtml: `<p>${'word '.repeat(50)}</p>` }, {}, 32).summary;
    expect(s).toBe('word word word word word word…');
    expect(s.length).toBeLessThanOrEqual(32);
  });

  it('resolves links against xml:base, then the feed link, then the feed URL, and cleans them', () => {
    expect(one({ link: 'a?utm_source=x&id=1', baseUrl: 'https://base.example/dir/' }).url).toBe(
      'https://base.example/dir/a?id=1',
    );
    expect(one({ link: '/b' }, { link: 'https://site.example/' }).url).toBe('https://site.example/b');
    expect(one({ link: 'c' }).url).toBe('https://news.example/c');
  });

  it('sanitizes content (or the summary when there is no content) against the item base', () => {
    const e = one({
      title: 't',
      contentHtml: '<p onclick="x()">hi <img src="i.png"><script>bad()</script></p>',
      baseUrl: 'https://b.example/',
    });
    expect(e.contentHtml).toBe('<p>hi <img src="https://b.example/i.png" /></p>');
    expect(one({ title: 't', summaryHtml: '<b>s</b>' }).contentHtml).toBe('<b>s</b>');
  });

  it('sets the key from guid, else cleaned URL, else title and date', () => {
    expect(one({ guid: ' g1 ', link: 'https://x/1' }).key).toBe('g1');
    expect(one({ link: 'https://x/1?utm_source=a' }).key).toBe('https://x/1');
    expect(one({ title: 'T', published: '2024-05-01T00:00:00Z' }).key).toBe('T|2024-05-01T00:00:00.000Z');
  });

  it('flags missing, unparsable and future dates and holds them to now', () => {
    expect(one({ title: 't' })).toMatchObject({ publishedAt: NOW.toISOString(), dateFlags: ['missing'] });
    expect(one({ title: 't', published: 'soon' })).toMatchObject({
      publishedAt: NOW.toISOString(),
      dateFlags: ['unparsed'],
    });
    expect(one({ title: 't', published: '2030-01-01T00:00:00Z' })).toMatchObject({
      publishedAt: NOW.toISOString(),
      dateFlags: ['future'],
    });
    expect(one({ title: 't', published: '2024-06-02T06:00:00Z' })).toMatchObject({
      publishedAt: '2024-06-02T06:00:00.000Z',
      dateFlags: [],
    });
    expect(one({ title: 't', published: '2024-05-01T00:00:00Z', updated: '2024-05-02T00:00:00Z' }).updatedAt).toBe(
      '2024-05-02T00:00:00.000Z',
    );
  });

  it('trims and dedupes categories, absolutizes enclosures, inherits the feed language', () => {
    const e = one(
      {
        title: 't',
        categories: [' Peru ', 'peru', 'Politics', ''],
        enclosures: [{ url: 'a.mp3', type: 'audio/mpeg' }],
        authors: [{ name: ' Ana  B ' }, { name: 'Ana B' }],
      },
      { language: 'es' },
    );
    expect(e.categories).toEqual(['Peru', 'Politics']);
    expect(e.enclosures).toEqual([{ url: 'https://news.example/a.mp3', type: 'audio/mpeg' }]);
    expect(e.authors).toEqual([{ name: 'Ana B' }]);
    expect(e.language).toBe('es');
  });

  it('bounds title and content sizes', () => {
    const e = one({ title: 'x'.repeat(5000), contentHtml: `<p>${'y'.repeat(2_000_000)}</p>` });
    expect(e.title.length).toBeLessThanOrEqual(1000);
    expect(e.contentHtml.length).toBeLessThanOrEqual(1_000_000);
  });
});
