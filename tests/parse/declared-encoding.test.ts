// decodeBody drops the declared encoding from UTF-8 bytes before decoding them when it can; the text must be what
// decoding first and dropping it from the text (dropDeclaredEncoding) gives, on every mix of declaration parts.
import { describe, expect, it } from 'vitest';
import { decodeBody, dropDeclaredEncoding } from '../../src/parse/charset.ts';
import { prng } from '../helpers/prng.ts';

const PARTS = [
  '<?xml',
  ' version="1.0"',
  ' encoding="utf-8"',
  " encoding='UTF-8'",
  '\tencoding = "utf-8"',
  ' encoding="latin1"',
  ' encoding="x>y"',
  ' encoding="é"',
  ' standalone="yes"',
  ' ',
  '\n',
  '\u00a0',
  '\u2003',
  'é',
  '€',
  '\ud83d\ude00',
  '"',
  "'",
  '>',
  '?>',
  '<rss version="2.0"><channel><title>t</title></channel></rss>',
  ' '.repeat(600),
];

/** decodeBody's text the way it was made before: all bytes decoded, the declaration dropped from the text. */
function textFirst(body: Buffer): string {
  const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return dropDeclaredEncoding((bom ? body.subarray(3) : body).toString('utf8'));
}

describe('decodeBody: declared encoding dropped before decoding', () => {
  it('gives the text that dropping it after decoding gives', () => {
    const rnd = prng(1404);
    let dropped = 0;
    for (let n = 0; n < 20_000; n++) {
      const pick = () => PARTS[Math.floor(rnd() * PARTS.length)] ?? '';
      const lead = rnd() < 0.5 ? '<?xml' : '';
      const doc =
        (rnd() < 0.1 ? '\ufeff' : '') + lead + Array.from({ length: 1 + Math.floor(rnd() * 7) }, pick).join('');
      const body = Buffer.from(doc, 'utf8');
      const decoded = decodeBody(body);
      if (decoded.encoding !== 'utf-8') continue;
      const expected = textFirst(body);
      expect(decoded.text).toBe(expected);
      if (expected !== (doc.startsWith('\ufeff') ? doc.slice(1) : doc)) dropped++;
    }
    expect(dropped).toBeGreaterThan(2000);
  });
});
