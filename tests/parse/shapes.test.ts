// Real feed shapes that once lost text, authors or whole items, and links that must never be stored
// (issue #11 §5). Each goes through parseFeed and normalizeFeed, as the worker does.
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/parse/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import type { SourceConfig } from '../../src/types.ts';

const URL_ = 'http://example.com/feed.xml';
const SOURCE: SourceConfig = { id: 'shapes', url: URL_, enabled: true, topics: [], trusted: true };
const rss = (items: string) =>
  '<?xml version="1.0"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>' +
  `<link>http://example.com/</link>${items}</channel></rss>`;

async function ingest(xml: string) {
  const parsed = await parseFeed(Buffer.from(xml), { url: URL_ });
  return { parsed, entries: normalizeFeed(parsed, SOURCE, { now: new Date('2024-06-01T00:00:00Z'), feedUrl: URL_ }) };
}

describe('feed shapes', () => {
  it('an Atom entry whose only text is media:group/media:description (YouTube) gets it as summary', async () => {
    const { entries } = await ingest(
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">' +
        '<title>Channel</title><id>yt:channel:1</id><entry><id>yt:video:abc</id><title>Video one</title>' +
        '<link rel="alternate" href="https://www.youtube.com/watch?v=abc"/><published>2024-01-01T00:00:00Z</published>' +
        '<media:group><media:title>Video one</media:title>' +
        '<media:description>First line &lt;b&gt;not bold&lt;/b&gt;\nSecond line</media:description>' +
        '</media:group></entry></feed>',
    );
    expect(entries[0]?.summary).toBe('First line <b>not bold</b> Second line');
    expect(entries[0]?.contentHtml).toBe('First line &lt;b&gt;not bold&lt;/b&gt;<br />Second line');
  });

  it("an RSS item's dc:author is its author", async () => {
    const { entries } = await ingest(rss('<item><title>A</title><dc:author>Jane Doe</dc:author></item>'));
    expect(entries[0]?.authors).toEqual([{ name: 'Jane Doe' }]);
  });

  it('a description holding unescaped XHTML keeps its markup, sanitized, as content', async () => {
    const { entries } = await ingest(
      rss(
        '<item><title>A</title><description><p>Example <b>bold</b><script>x()</script> &amp; more</p></description></item>',
      ),
    );
    expect(entries[0]?.contentHtml).toBe('<p>Example <b>bold</b> &amp; more</p>');
    expect(entries[0]?.summary).toBe('Example bold & more');
  });

  it('a CDATA description reading "<!DOCTYPE" swallows nothing: every item is stored with its own text', async () => {
    const { parsed, entries } = await ingest(
      rss(
        '<item><title>A</title><guid>a</guid><description><![CDATA[ <!DOCTYPE ]]></description></item>' +
          '<item><title>B</title><link>http://example.com/b</link><guid>b</guid><description>Bee</description></item>',
      ),
    );
    expect(entries.map((e) => e.guid)).toEqual(['a', 'b']);
    expect(entries[0]?.summary).not.toMatch(/Bee|example\.com/);
    expect(entries[1]).toMatchObject({ title: 'B', url: 'http://example.com/b', summary: 'Bee' });
    expect(parsed.warnings).toEqual([]);
  });

  it('CDATA text is never edited as markup: an Atom-looking element inside it stays as written', async () => {
    const { entries } = await ingest(
      rss(
        '<item><title>A</title><description><![CDATA[<p>Markup: <summary type="xhtml"><div>S</div></summary>' +
          ' & <b>R&D</b></p>]]></description></item>',
      ),
    );
    expect(entries[0]?.contentHtml).toBe('<p>Markup: <summary><div>S</div></summary> &amp; <b>R&amp;D</b></p>');
  });

  it('keeps only http(s) entry links; others are dropped with a warning naming the item', async () => {
    const { parsed, entries } = await ingest(
      rss(
        '<item><title>Script</title><guid>s</guid><link>javascript:alert(1)</link></item>' +
          '<item><title>Data</title><guid>d</guid><link>data:text/html,hi</link></item>' +
          '<item><title>Fine</title><guid>f</guid><link>/relative/ok</link></item>',
      ),
    );
    expect(entries.map((e) => e.url)).toEqual([undefined, undefined, 'http://example.com/relative/ok']);
    expect(parsed.warnings).toEqual([
      '"Script": link with scheme javascript: dropped (only http and https links are kept)',
      '"Data": link with scheme data: dropped (only http and https links are kept)',
    ]);
  });
});

describe('hostile shapes cost one pass', () => {
  // Each of these once rescanned the rest of the document from every repetition (minutes to hours at the body cap)
  // or nested the salvage pass into a stack overflow. Now each ends, with a feed or a one-line FeedParseError.
  const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>';
  const units = ['<![CDATA[', '<!--', '<item><description>', '<summary type="xhtml">', '<!DOCTYPE x', '<rss a'];
  for (const unit of units) {
    it(`300,000 unclosed ${JSON.stringify(unit)}`, async () => {
      const body = Buffer.from(head + unit.repeat(300_000));
      const outcome = await parseFeed(body, { url: URL_ }).then(
        () => 'parsed',
        (err: unknown) => (err instanceof FeedParseError ? 'rejected' : String(err)),
      );
      expect(['parsed', 'rejected']).toContain(outcome);
    });
  }

  it('a document nested too deep to salvage is rejected with the reason', async () => {
    const body = Buffer.from(`${head}${'<item><description>'.repeat(5000)}`);
    await expect(parseFeed(body, { url: URL_ })).rejects.toThrow(/not salvaged: elements nested \d+ deep/);
  });
});

describe('CDATA in an RSS description', () => {
  it('stays HTML when the description also holds raw elements', async () => {
    const { entries } = await ingest(
      rss(
        '<item><title>A</title><description><![CDATA[<p>Hello <b>world</b></p>]]>' +
          '<img src="http://example.com/i.png"/></description></item>',
      ),
    );
    expect(entries[0]?.contentHtml).toBe('<p>Hello <b>world</b></p><img src="http://example.com/i.png" />');
  });
});
