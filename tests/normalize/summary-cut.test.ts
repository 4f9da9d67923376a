// A summary reads only the opening of a long article: the result must be what converting the whole would give.
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/sanitize/index.ts';
import { truncateWords } from '../../src/normalize/index.ts';
import { generatedArticles } from '../helpers/articles.ts';

/** Long HTML whose entities, tags and whitespace runs fall on many offsets around the parser's chunk boundaries. */
function articles(): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 40; shift++) {
    const pad = 'x'.repeat(shift);
    out.push(
      `<p>${pad}${'Caf&eacute; &amp; r&eacute;sum&eacute;   <b>bold</b>\n\n<script>no()</script> text&nbsp;&nbsp;more. '.repeat(120)}</p>`,
    );
  }
  return [...out, ...generatedArticles(7, 30, 3)];
}

describe('summary of a long article', () => {
  it('stops converting past what is kept, with the same result as converting everything', () => {
    for (const html of articles()) {
      const whole = htmlToText(html);
      expect(whole.length).toBeGreaterThan(2000);
      for (const keep of [120, 500, 1500]) {
        const part = htmlToText(html, keep);
        expect(part.length).toBeLessThan(whole.length);
        expect(truncateWords(part, keep)).toBe(truncateWords(whole, keep));
      }
    }
  });
});
