// The tokenizer reads a part of a text in place (the tagger's body opening) exactly as it reads that part sliced off.
import { describe, expect, it } from 'vitest';
import { createTokenizer, tokenize } from '../../src/tag/text.ts';

const texts = [
  'Brasília (Reuters) - O governo anunciou 12 medidas; a Câmara votará em março.',
  'Streik bei der Straßenbahn: Verdi ruft zum Ausstand auf, 2.000 Beschäftigte betroffen',
  'Math letters 𝐀𝐁𝐂 and emoji 🙂 beside CJK 漢字 and Ελληνικά words',
  '  leading space, a half pair \ud835 alone, and the end',
];

describe('tokenizing a part of a text in place', () => {
  it('gives what tokenizing the slice gives, offsets from the part start, at every cut', () => {
    const remembering = createTokenizer((folded) => folded.length);
    for (const whole of texts) {
      for (let from = 0; from < whole.length; from += 7) {
        for (const to of [from + 1, from + 13, from + 30, whole.length]) {
          const end = Math.min(to, whole.length);
          const part = whole.slice(from, end);
          for (const tok of [tokenize, remembering] as const) {
            const a = tok(whole, from, end);
            const b = tok(part);
            expect(a.folded, `${from}-${end} of "${whole}"`).toEqual(b.folded);
            expect(a.start).toEqual(b.start);
            expect(a.end).toEqual(b.end);
            expect(a.upperFirst).toEqual(b.upperFirst);
            expect(a.allUpper).toEqual(b.allUpper);
            expect(a.info).toEqual(b.info);
            expect(a.titleCase).toBe(b.titleCase);
            expect(a.text).toBe(part);
          }
        }
      }
    }
  });

  it('does not read a surrogate pair cut at the end of the part as one character', () => {
    const whole = 'ab 𝐀x';
    const cut = whole.indexOf('𝐀') + 1; // between the two halves
    expect(tokenize(whole, 0, cut).folded).toEqual(['ab']);
    expect(tokenize(whole).folded).toEqual(['ab', '𝐀x']);
  });
});
