// Text fields are decoded exactly once: "&amp;amp;" in the XML is the text "&amp;", in channel and item titles,
// on the strict path and on both salvage paths, and still after the normalizer has made plain-text titles.
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import type { SourceConfig } from '../../src/types.ts';

const URL_ = 'https://news.example.org/feed.xml';
const SOURCE: SourceConfig = { id: 'fixture', url: URL_, enabled: true, topics: [], trusted: true };
const NOW = new Date('2030-01-01T00:00:00Z');

// As written in the XML: what a reader should see is "Q&amp;A: AT&T <3 &lt;tags&gt;".
const ESCAPED = 'Q&amp;amp;A: AT&amp;T &lt;3 &amp;lt;tags&amp;gt;';
const SHOWN = 'Q&amp;A: AT&T <3 &lt;tags&gt;';

const rss2 = (item = '') => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>${ESCAPED}</title>
    <link>https://news.example.org/</link>
    <description>Channel ${ESCAPED}</description>
    <item>
      <title>${ESCAPED}</title>
      <link>https://news.example.org/1</link>
      <guid isPermaLink="false">1</guid>
      <description>Summary</description>${item}
    </item>
  </channel>
</rss>`;

const docs: Record<string, string> = {
  'RSS 2.0': rss2(),
  'RSS 0.91 with a DOCTYPE': `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>${ESCAPED}</title><link>https://news.example.org/</link><description>d</description><language>en</language>
<item><title>${ESCAPED}</title><link>https://news.example.org/1</link></item></channel></rss>`,
  'RSS 1.0 (RDF)': `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example.org/"><title>${ESCAPED}</title><link>https://news.example.org/</link><description>d</description></channel>
  <item rdf:about="https://news.example.org/1"><title>${ESCAPED}</title><link>https://news.example.org/1</link><dc:date>2024-01-01T00:00:00Z</dc:date></item>
</rdf:RDF>`,
  'Atom, type text': `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">${ESCAPED}</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>${ESCAPED}</title><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated><link href="https://news.example.org/1"/></entry></feed>`,
  // Salvage: a bare "&" makes the strict parse fail, repairText escapes it and parses again.
  'RSS 2.0 repaired (bare &)': rss2('\n      <category>News & views</category>'),
  // Salvage: an unclosed element makes the document be rebuilt by the forgiving parser.
  'RSS 2.0 rebuilt (unclosed element)': rss2('\n      <comments>https://news.example.org/1#c'),
};

describe('text is decoded exactly once', () => {
  for (const [name, doc] of Object.entries(docs)) {
    it(name, async () => {
      const feed = await parseFeed(Buffer.from(doc), { url: URL_ });
      if (name.includes('repaired') || name.includes('rebuilt')) expect(feed.warnings.join(' ')).toMatch(/salvaged/);
      expect(feed.title).toBe(SHOWN);
      expect(feed.items[0]?.title).toBe(SHOWN);
      const [entry] = normalizeFeed(feed, SOURCE, { now: NOW, feedUrl: URL_ });
      expect(entry?.title).toBe(SHOWN);
    });
  }

  it('an RSS title that carries escaped markup is still read as HTML', async () => {
    const doc = rss2().replace(`<title>${ESCAPED}</title>\n      <link>https://news.example.org/1`, '<title>&lt;b&gt;Bold&lt;/b&gt; move &amp;amp; more</title>\n      <link>https://news.example.org/1');
    const feed = await parseFeed(Buffer.from(doc), { url: URL_ });
    expect(feed.items[0]).toMatchObject({ title: '<b>Bold</b> move &amp; more', titleIsHtml: true });
    expect(normalizeFeed(feed, SOURCE, { now: NOW, feedUrl: URL_ })[0]?.title).toBe('Bold move & more');
  });

  it('an Atom type="html" title is HTML: its own escaping is undone once, by the normalizer', async () => {
    const doc = docs['Atom, type text']!.replace(`<entry><title>${ESCAPED}`, `<entry><title type="html">${ESCAPED}`);
    const feed = await parseFeed(Buffer.from(doc), { url: URL_ });
    expect(feed.items[0]).toMatchObject({ title: SHOWN, titleIsHtml: true });
    expect(normalizeFeed(feed, SOURCE, { now: NOW, feedUrl: URL_ })[0]?.title).toBe('Q&A: AT&T <3 <tags>');
  });
});
