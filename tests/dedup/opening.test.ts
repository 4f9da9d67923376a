// Sketches read an article's opening only: the words must be those of the whole text, for any cut.
import { describe, expect, it } from 'vitest';
import { htmlText, leadWords, openingWords, words } from '../../src/dedup/index.ts';
import { generatedArticles } from '../helpers/articles.ts';

function bodies(): string[] {
  const out: string[] = [];
  // Tags, entities, accents and long attributes on every offset around the cuts.
  for (let shift = 0; shift < 60; shift += 3) {
    out.push(
      `<figure><img src="https://cdn.example/${'a'.repeat(shift)}/p.jpg" alt="Caf&eacute; photo"></figure>` +
        '<p>Perú: el Congreso &amp; la presidenta <a href="https://x.example/a?b=1&amp;c=2">debaten</a> la reforma électorale.</p>\n'.repeat(
          60,
        ),
    );
    out.push(
      `<div title="${'long attribute '.repeat(200 + shift)}">${'word '.repeat(5)}</div>` +
        '<p>One two three four five six seven.</p>'.repeat(40),
    );
  }
  return [...out, ...generatedArticles(11, 40, 4)];
}

describe('opening words of an article', () => {
  it('are the first words of the whole text, however the HTML is cut', () => {
    for (const html of bodies()) {
      const whole = words(htmlText(html));
      expect(whole.length).toBeGreaterThan(100);
      for (const n of [12, 25, 60, 400]) {
        const got = openingWords(html, n);
        expect(got.length).toBeGreaterThanOrEqual(Math.min(n, whole.length));
        expect(got).toEqual(whole.slice(0, got.length));
      }
      const entry = { title: 'T', summary: 'Short summary.', contentHtml: html };
      expect(leadWords(entry, 25)).toEqual(whole.slice(0, 25));
    }
  });
});
