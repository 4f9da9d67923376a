// stripInvalidXmlChars lets most documents through after a quick scan for anything that might be invalid; what it
// removes must be what the exact rule (XML 1.0 Char) removes, on every mix of the characters at its edges.
import { describe, expect, it } from 'vitest';
import { stripInvalidXmlChars } from '../../src/parse/salvage.ts';
import { prng } from '../helpers/prng.ts';

// The exact rule: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; surrogates that are not half of a pair.
const INVALID =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const EDGES = ['a', '<', ' ', '\t', '\n', '\r', '\x00', '\x08', '\x0b', '\x1f', '\x7f', '\u00e9', '\ud7ff', '\ue000'];
EDGES.push('\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00');

describe('stripInvalidXmlChars', () => {
  it('removes exactly what XML forbids, and nothing from a clean document', () => {
    const rnd = prng(7);
    let dirty = 0;
    for (let n = 0; n < 20_000; n++) {
      const s = Array.from({ length: Math.floor(rnd() * 10) }, () => EDGES[Math.floor(rnd() * EDGES.length)]).join('');
      const expected = s.replace(INVALID, '');
      const out = stripInvalidXmlChars(s);
      expect(out.text).toBe(expected);
      expect(out.removed).toBe(s.match(INVALID)?.length ?? 0);
      if (out.removed) dirty++;
    }
    expect(dirty).toBeGreaterThan(5000);
    const clean = '<rss><item><title>Caf\u00e9 \ud83d\ude00</title></item></rss>\n';
    expect(stripInvalidXmlChars(clean)).toEqual({ text: clean, removed: 0 });
  });
});
