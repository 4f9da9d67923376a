// sanitizeWithText reads a summary's plain text in the sanitizer's own pass: its HTML must be sanitizeHtml's, and its
// text must give what htmlToText gives wherever a caller cuts it (up to the length it asked for).
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';
import { htmlToText, sanitizeHtml, sanitizeWithText } from '../../src/sanitize/index.ts';
import { truncateWords } from '../../src/normalize/index.ts';
import { generatedArticles } from '../helpers/articles.ts';
import { realDocuments } from '../helpers/documents.ts';
import { payloads } from '../web/browser/hostile.ts';

const BASE = 'https://site.example/posts/1';

const CASES = [
  ...payloads('http://127.0.0.1:9/beacon').all,
  // Escaped characters in text come back as they were read.
  '<p>a &amp; b &lt;c&gt; d &amp;amp; e &gt; f</p>',
  'Caf&eacute; &amp; co',
  // Text that sanitize-html drops and htmlToText keeps (textarea, option, xmp), and the other way round.
  '<p>before</p><textarea>typed &amp; kept</textarea><p>after</p>',
  '<select><option>one</option><option>two</option></select> end',
  '<xmp><b>raw</b></xmp> end',
  '<noscript><p>hidden</p><script>x()</script>still</noscript>shown<template><p>t</p></template>',
  '<style>p{}</style><div>block<br>line</div><ul><li>one</li><li>two</li></ul>',
  '<iframe src="https://evil.example/x">fallback</iframe><iframe></iframe><p>after</p>',
  '<object data="x">object fallback</object><unknown>kept</unknown>',
  '<p>unclosed <b>bold <i>both</p> tail',
  '<<script>script>alert(1)<</script>/script>',
  '<!--<script>x</script>--><![CDATA[<script>y</script>]]>',
  'plain text only > with a sign',
  '   ',
  '',
];

function expectSame(html: string, keep: number): void {
  const { html: out, text } = sanitizeWithText(html, BASE, keep);
  expect(out).toBe(sanitizeHtml(html, BASE));
  const whole = htmlToText(html);
  if (keep === Infinity) expect(text).toBe(whole);
  else for (const cut of [Math.min(keep, 120), keep]) expect(truncateWords(text, cut)).toBe(truncateWords(whole, cut));
}

describe('sanitizeWithText', () => {
  it("gives sanitizeHtml's HTML and htmlToText's text on hostile and odd input", () => {
    for (const html of CASES) for (const keep of [Infinity, 5, 120]) expectSame(html, keep);
  });

  it('keeps the text of elements sanitize-html drops, as htmlToText does', () => {
    const html = '<p>before</p><textarea>typed, kept</textarea><p>after</p>';
    expect(sanitizeWithText(html, BASE).text).toBe('before typed, kept after');
    expect(sanitizeWithText('<p>a &amp; b &lt;c&gt;</p>', BASE).text).toBe('a & b <c>');
  });

  it('gives the same summaries as htmlToText on long articles cut anywhere', () => {
    const articles = generatedArticles(7, 30, 3);
    for (let shift = 0; shift < 40; shift++) {
      const pad = 'x'.repeat(shift);
      articles.push(
        `<p>${pad}${'Caf&eacute; &amp; r&eacute;sum&eacute;   <b>bold</b>\n\n<script>no()</script> more. '.repeat(60)}</p>`,
      );
    }
    for (const html of articles) for (const keep of [120, 500, 1500, Infinity]) expectSame(html, keep);
  });

  it('gives the same on every item of the real-world feeds', async () => {
    let fields = 0;
    for (const doc of realDocuments(Infinity)) {
      const url = `https://feeds.example/${encodeURIComponent(doc.name)}`;
      const feed = await parseFeed(doc.body, { url }).catch(() => undefined);
      for (const item of feed?.items ?? []) {
        for (const html of [item.contentHtml, item.summaryHtml]) {
          if (html === undefined) continue;
          fields++;
          expectSame(html, 500);
        }
      }
    }
    expect(fields).toBeGreaterThan(100);
  });
});
