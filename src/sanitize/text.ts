// HTML (or text with entities) -> plain text, for titles and summaries.
import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'figure',
  'figcaption',
  'dt',
  'dd',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Chunks fed to the parser when only the opening of the text is wanted: a summary's 500 characters are most often
 * in the first 1-2 KB of an article, and every character past them that the parser reads is wasted.
 */
const CHUNK = 512;

/**
 * The parser events that make plain text: text outside script-like elements, a space at each block's edges. Shared by
 * htmlToText's own parse and by the sanitizer's pass (sanitizeWithText), so both read text the same way.
 */
export function textEvents() {
  const parts: string[] = [];
  let skipping = 0;
  return {
    parts,
    onopentag(name: string) {
      if (SKIP.has(name)) skipping++;
      else if (BLOCK.has(name)) parts.push(' ');
    },
    onclosetag(name: string) {
      if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
      else if (BLOCK.has(name)) parts.push(' ');
    },
    ontext(t: string) {
      if (!skipping) parts.push(t);
    },
  };
}

/**
 * Plain text of some HTML. With `atLeast`, the parser stops once the text is longer than that: what a caller
 * that cuts at `atLeast` characters gets is the same, and a summary need not read a whole article.
 */
export function htmlToText(html: string, atLeast = Infinity): string {
  // Only '<' and '&' take the tokenizer out of plain text, so without them the parser would hand back the input.
  if (!html.includes('<') && !html.includes('&')) return collapse(html);
  const events = textEvents();
  const { parts } = events;
  const parser = new Parser(events, { decodeEntities: true, lowerCaseTags: true });
  if (html.length <= CHUNK || atLeast === Infinity) parser.write(html);
  else {
    // Collapsing only shortens: while the raw text is not past atLeast + 1, neither is the collapsed one.
    let raw = 0;
    let counted = 0;
    for (let i = 0; i < html.length; i += CHUNK) {
      parser.write(html.slice(i, i + CHUNK));
      for (; counted < parts.length; counted++) raw += parts[counted]?.length ?? 0;
      if (raw <= atLeast + 1) continue;
      // Only the end of a partial text can differ from the whole one's (a trimmed space): ask for one more.
      const text = collapse(parts.join(''));
      if (text.length > atLeast + 1) return text;
    }
  }
  parser.end();
  return collapse(parts.join(''));
}

export function collapse(s: string): string {
  // A lone no-break space is deliberate ("Pérou :"); a run of them, or one mixed with ordinary spaces, is not.
  // Runs of two or more fold to one space, and so does any lone space other than ' ' or no-break; a lone ' ' is
  // left as it is rather than replaced by itself, which is most of the matches in ordinary text.
  return s
    .replace(/[\u00a0 \t\n\r\f\v\u2028\u2029]{2,}|[\t\n\r\f\v\u2028\u2029]/g, ' ')
    .replace(/^[ \u00a0]+|[ \u00a0]+$/g, '');
}
