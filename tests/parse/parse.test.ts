import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { FeedParseError, parseFeed } from '../../src/parse/index.ts';

const URL_ = 'http://example.com/feed.xml';
const rss = (item: string, decl = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${decl}\n<rss version="2.0"><channel><title>T</title><link>http://example.com/</link>${item}</channel></rss>`;

describe('charset', () => {
  it('reads windows-1252 bytes declared as ISO-8859-1 (curly quotes, euro)', async () => {
    const body = iconv.encode(
      rss('<item><title>don’t pay 5€</title></item>', '<?xml version="1.0" encoding="ISO-8859-1"?>'),
      'windows-1252',
    );
    const feed = await parseFeed(body, { url: URL_ });
    expect(feed.items[0]?.title).toBe('don’t pay 5€');
  });

  it('prefers the BOM over the declaration and the header, and warns about the conflict', async () => {
    const text = rss('<item><title>Ünïcödé</title></item>', '<?xml version="1.0" encoding="windows-1251"?>');
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const feed = await parseFeed(body, { url: URL_, contentType: 'text/xml; charset=iso-8859-1' });
    expect(feed.items[0]?.title).toBe('Ünïcödé');
    expect(feed.warnings.join(' ')).toMatch(/encoding conflict/);
  });

  it('prefers the XML declaration over the HTTP charset', async () => {
    const body = iconv.encode(
      rss('<item><title>Привет мир</title></item>', '<?xml version="1.0" encoding="KOI8-R"?>'),
      'koi8-r',
    );
    const feed = await parseFeed(body, { url: URL_, contentType: 'application/rss+xml; charset=utf-8' });
    expect(feed.items[0]?.title).toBe('Привет мир');
  });

  it('uses the HTTP charset when the document declares none', async () => {
    const body = iconv.encode(
      rss('<item><title>日本語のニュース</title></item>', '<?xml version="1.0"?>'),
      'shift_jis',
    );
    const feed = await parseFeed(body, { url: URL_, contentType: 'text/xml; charset=Shift_JIS' });
    expect(feed.items[0]?.title).toBe('日本語のニュース');
  });

  it('decodes Shift_JIS, EUC-JP, GBK, Big5 and windows-1251 from the declaration', async () => {
    for (const [enc, title] of [
      ['Shift_JIS', '東京'],
      ['EUC-JP', '大阪'],
      ['GB2312', '北京新闻'],
      ['Big5', '臺灣新聞'],
      ['windows-1251', 'Новости'],
    ] as const) {
      const body = iconv.encode(
        rss(`<item><title>${title}</title></item>`, `<?xml version="1.0" encoding="${enc}"?>`),
        enc,
      );
      expect((await parseFeed(body, { url: URL_ })).items[0]?.title).toBe(title);
    }
  });

  it('decodes UTF-16 LE and BE with a BOM', async () => {
    const text = rss('<item><title>Ελληνικά</title></item>', '<?xml version="1.0" encoding="UTF-16"?>');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    expect((await parseFeed(le, { url: URL_ })).items[0]?.title).toBe('Ελληνικά');
    expect((await parseFeed(be, { url: URL_ })).items[0]?.title).toBe('Ελληνικά');
  });

  it('falls back to windows-1252 when bytes declared UTF-8 are not UTF-8', async () => {
    const body = iconv.encode(rss('<item><title>café</title></item>'), 'windows-1252');
    const feed = await parseFeed(body, { url: URL_ });
    expect(feed.items[0]?.title).toBe('café');
    expect(feed.warnings.join(' ')).toMatch(/not valid UTF-8/);
  });
});

describe('format detection and rejection', () => {
  it('sniffs the content, not the header', async () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>x</id><title>E</title></entry></feed>';
    const feed = await parseFeed(Buffer.from(atom), { url: URL_, contentType: 'text/html' });
    expect(feed.format).toBe('atom');
  });

  it('rejects an HTML error page served as a feed', async () => {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>oops</body></html>';
    await expect(parseFeed(Buffer.from(html), { url: URL_ })).rejects.toThrow(FeedParseError);
    await expect(parseFeed(Buffer.from('<html><body>x</body></html>'), { url: URL_ })).rejects.toThrow(
      'not a feed: HTML page (<html> root)',
    );
  });

  it('rejects empty and non-feed documents with a one-line reason', async () => {
    await expect(parseFeed(Buffer.from('   '), { url: URL_ })).rejects.toThrow('not a feed: empty document');
    await expect(parseFeed(Buffer.from('<?xml version="1.0"?><opml/>'), { url: URL_ })).rejects.toThrow(
      'unknown root element <opml>',
    );
  });
});

describe('broken documents', () => {
  it('salvages unescaped & and HTML entities, with a warning', async () => {
    const feed = await parseFeed(Buffer.from(rss('<item><title>Q&A&nbsp;today &copy; &bogus;</title></item>')), {
      url: URL_,
    });
    expect(feed.items[0]?.title).toBe('Q&A\u00a0today © &bogus;');
    expect(feed.warnings[0]).toMatch(/^malformed XML at line \d+: .*salvaged/);
  });

  it('salvages a truncated document', async () => {
    const full = rss('<item><title>One</title></item><item><title>Two</title><description>cut here');
    const text = full.slice(0, full.indexOf('cut here') + 3);
    const feed = await parseFeed(Buffer.from(text), { url: URL_ });
    expect(feed.items.map((i) => i.title)).toEqual(['One', 'Two']);
    expect(feed.items[1]?.summaryHtml).toBe('cut');
    expect(feed.warnings.length).toBe(1);
  });

  it('removes characters XML forbids', async () => {
    const feed = await parseFeed(Buffer.from(rss('<item><title>bell\u0007 here</title></item>')), { url: URL_ });
    expect(feed.items[0]?.title).toBe('bell here');
    expect(feed.warnings[0]).toMatch(/not allowed in XML removed/);
  });

  it('throws FeedParseError when nothing can be salvaged', async () => {
    await expect(parseFeed(Buffer.from('<rss version="2.0"><<<<>>>>'), { url: URL_ })).rejects.toThrow(/malformed XML/);
  });
});

describe('hostile XML', () => {
  it('does not expand entities (billion laughs)', async () => {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ].join('\n');
    const doc = `<?xml version="1.0"?><!DOCTYPE rss [${lol}]><rss version="2.0"><channel><title>t</title><item><title>&lol9;</title></item></channel></rss>`;
    const before = process.memoryUsage().heapUsed;
    const feed = await parseFeed(Buffer.from(doc), { url: URL_ });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    expect((feed.items[0]?.title ?? '').length).toBeLessThan(100);
    expect(feed.warnings.join(' ')).toMatch(/entity declarations ignored/);
  });

  it('never reads external entities (XXE)', async () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname"><!ENTITY % dtd SYSTEM "http://127.0.0.1:1/evil.dtd"> %dtd;]><rss version="2.0"><channel><title>t</title><item><title>x&xxe;y</title></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(doc), { url: URL_ });
    const { readFileSync, existsSync } = await import('node:fs');
    const host = existsSync('/etc/hostname') ? readFileSync('/etc/hostname', 'utf8').trim() : 'no-such-host-file';
    expect(JSON.stringify(feed)).not.toContain(host);
    expect(feed.items[0]?.title).toBe('x&xxe;y');
  });
});

describe('mapping', () => {
  it('reads Atom categories, enclosures, authors, xml:base and dates', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/" xml:lang="en">
      <title>A</title><link href="/"/>
      <entry xml:base="posts/"><id>tag:x,1</id><title type="html">A &amp;lt;b&amp;gt; title</title>
        <link rel="alternate" href="one.html"/><link rel="enclosure" href="a.mp3" type="audio/mpeg" length="12"/>
        <category term="news"/><author><name>Ann</name><email>a@x.org</email></author>
        <published>not a date</published><updated>2024-01-02T03:04:05Z</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></content>
      </entry></feed>`;
    const feed = await parseFeed(Buffer.from(atom), { url: URL_ });
    const it0 = feed.items[0]!;
    expect(it0.link).toBe('http://example.org/blog/posts/one.html');
    expect(it0.enclosures).toEqual([{ url: 'http://example.org/blog/posts/a.mp3', type: 'audio/mpeg', length: 12 }]);
    expect(it0.categories).toEqual(['news']);
    expect(it0.authors).toEqual([{ name: 'Ann', email: 'a@x.org' }]);
    expect(it0.published).toBe('not a date');
    expect(it0.updated).toBe('2024-01-02T03:04:05Z');
    expect(it0.contentHtml).toBe('<p>Hi <b>there</b></p>');
    expect(it0.titleIsHtml).toBe(true);
    expect(feed.language).toBe('en');
  });

  it('reads RSS content:encoded, dc:creator, ttl and language', async () => {
    const doc = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><language>es</language><ttl>30</ttl>
      <item><title>x</title><description>short</description><content:encoded><![CDATA[<p>long</p>]]></content:encoded><dc:creator>Ana</dc:creator>
      <category domain="d">Política</category><enclosure url="http://e/x.jpg" type="image/jpeg" length="5"/><guid isPermaLink="false">g1</guid></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(doc), { url: URL_ });
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.language).toBe('es');
    const i = feed.items[0]!;
    expect([i.summaryHtml, i.contentHtml, i.guid]).toEqual(['short', '<p>long</p>', 'g1']);
    expect(i.authors).toEqual([{ name: 'Ana' }]);
    expect(i.categories).toEqual(['Política']);
    expect(i.enclosures[0]).toEqual({ url: 'http://e/x.jpg', type: 'image/jpeg', length: 5 });
  });
});

describe('JSON Feed', () => {
  it('reads 1.1 (authors, attachments, language)', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      home_page_url: 'https://j.example/',
      language: 'fr',
      items: [
        {
          id: 1,
          url: 'https://j.example/1',
          title: 'One',
          content_html: '<p>x</p>',
          summary: 's',
          date_published: '2024-05-01T10:00:00+02:00',
          date_modified: '2024-05-02T10:00:00Z',
          authors: [{ name: 'Jo' }],
          tags: ['a', 'b'],
          attachments: [{ url: 'https://j.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 9 }],
        },
      ],
    };
    const feed = await parseFeed(Buffer.from(JSON.stringify(doc)), { url: URL_, contentType: 'text/plain' });
    expect(feed.format).toBe('json');
    expect(feed.language).toBe('fr');
    expect(feed.items[0]).toMatchObject({
      guid: '1',
      link: 'https://j.example/1',
      contentHtml: '<p>x</p>',
      summaryHtml: 's',
      authors: [{ name: 'Jo' }],
      categories: ['a', 'b'],
      enclosures: [{ url: 'https://j.example/a.mp3', type: 'audio/mpeg', length: 9 }],
      published: '2024-05-01T10:00:00+02:00',
    });
  });

  it('reads 1.0 (author object, content_text)', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1',
      title: 'J',
      author: { name: 'Feed Author' },
      items: [{ id: 'a', content_text: 'a < b\n\nnext' }],
    };
    const feed = await parseFeed(Buffer.from(JSON.stringify(doc)), { url: URL_ });
    expect(feed.items[0]?.authors).toEqual([{ name: 'Feed Author' }]);
    expect(feed.items[0]?.contentHtml).toBe('<p>a &lt; b</p><p>next</p>');
    expect(feed.warnings).toEqual([]);
  });

  it('rejects JSON that is not a feed', async () => {
    await expect(parseFeed(Buffer.from('{"hello": 1}'), { url: URL_ })).rejects.toThrow(FeedParseError);
  });
});
