// sanitizeHtml takes shortcuts past sanitize-html where the result is known; each must give what the full sanitizer
// gives, byte for byte, on hostile input, real-world feeds and random text.
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';
import { sanitizeHtml, sanitizeMarkup } from '../../src/sanitize/index.ts';
import { realDocuments } from '../helpers/documents.ts';
import { prng } from '../helpers/prng.ts';
import { payloads } from '../web/browser/hostile.ts';

const BASE = 'https://site.example/posts/1';

const HOSTILE = [
  ...payloads('http://127.0.0.1:9/beacon').all,
  '<p onmouseover="x()">ok</p><script>bad()</script><style>p{}</style><object data="x">fb</object>',
  '<a href="java\tscript:alert(1)">a</a><a href="VBScript:x">b</a><img src="data:image/svg+xml;base64,PHN2Zz4=">',
  '<iframe src="https://evil.example/x">fallback</iframe><iframe src="javascript:1"></iframe><p>after</p>',
  '<img src="a.jpg" srcset="a.jpg 1x, javascript:alert(1) 2x, /b.jpg 640w, data:text/html;base64,AA 3x">',
  '<span style="color: #999; background-image: url(x.png); width: expression(alert(1))">s</span>',
  'a > b, "quoted" and \'single\' > plain',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;lt;img src=x onerror=alert(1)&amp;gt;',
  '<<script>script>alert(1)<</script>/script>',
  '<!--<script>x</script>--><![CDATA[<script>y</script>]]>',
  'text\u0000with\u0000nul > and \r\n line\u2028breaks\u00a0',
  '   ',
  '',
];

/** Plain text of every kind the fast path takes: no '<' and no '&', with the characters that could matter. */
function randomText(count: number): string[] {
  const rnd = prng(14);
  const chars = [
    'a',
    'Z',
    ' ',
    '>',
    '"',
    "'",
    '=',
    '/',
    ';',
    '#',
    '\u0000',
    '\r',
    '\n',
    '\t',
    '\f',
    '\u00a0',
    'é',
    '😀',
  ];
  chars.push('\ud800', '\u2028', '\ufeff', 'javascript:', 'style=');
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(rnd() * 16) }, () => chars[Math.floor(rnd() * chars.length)]).join(''),
  );
}

describe('sanitizeHtml shortcuts', () => {
  it("give the full sanitizer's output on hostile input", () => {
    for (const html of HOSTILE) expect(sanitizeHtml(html, BASE)).toBe(sanitizeMarkup(html, BASE));
  });

  it("give the full sanitizer's output on random plain text", () => {
    const texts = randomText(5000);
    expect(texts.filter((t) => t.includes('>')).length).toBeGreaterThan(1000);
    for (const t of texts) expect(sanitizeHtml(t, BASE)).toBe(sanitizeMarkup(t, BASE));
  });

  it("give the full sanitizer's output on every item of the real-world feeds", async () => {
    let fields = 0;
    for (const doc of realDocuments(Infinity)) {
      const url = `https://feeds.example/${encodeURIComponent(doc.name)}`;
      const feed = await parseFeed(doc.body, { url }).catch(() => undefined);
      for (const item of feed?.items ?? []) {
        for (const html of [item.contentHtml, item.summaryHtml, item.title]) {
          if (html === undefined) continue;
          fields++;
          expect(sanitizeHtml(html, url)).toBe(sanitizeMarkup(html, url));
        }
      }
    }
    expect(fields).toBeGreaterThan(100);
  });
});
