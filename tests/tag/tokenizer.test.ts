// The tagger's tokenizer gathers tokens in arrays it keeps between calls: what one call returns must be its own.
import { describe, expect, it } from 'vitest';
import { createTokenizer, type Tokens } from '../../src/tag/text.ts';

const plain = <X>(t: Tokens<X>) => ({
  folded: t.folded,
  start: t.start,
  end: t.end,
  upperFirst: t.upperFirst,
  allUpper: t.allUpper,
  info: t.info,
});

describe('tokenizer', () => {
  it('returns tokens that later calls, longer or shorter, leave as they were', () => {
    const tokenize = createTokenizer((folded) => folded.length);
    const long = tokenize('Protesters marched through São Paulo on Sunday, the UN said');
    const before = structuredClone(plain(long));
    const short = tokenize('EU talks');
    expect(plain(short)).toEqual({
      folded: ['eu', 'talks'],
      start: [0, 3],
      end: [2, 8],
      upperFirst: [true, false],
      allUpper: [true, false],
      info: [2, 5],
    });
    tokenize('A much longer text than either of the two before it, with more words in it than they had');
    expect(plain(long)).toEqual(before);
    expect(long.folded).toHaveLength(10);
    expect(plain(short).folded).toEqual(['eu', 'talks']);
  });

  it('gives a call made from inside `info` tokens of its own', () => {
    const inner: string[][] = [];
    let nested = false;
    const tokenize: (text: string) => Tokens<number> = createTokenizer((folded) => {
      if (!nested) {
        nested = true;
        inner.push(tokenize(`${folded} Is Read Again`).folded);
        nested = false;
      }
      return folded.length;
    });
    const t = tokenize('Lima votes');
    expect(t.folded).toEqual(['lima', 'votes']);
    expect(t.info).toEqual([4, 5]);
    expect(inner).toEqual([
      ['lima', 'is', 'read', 'again'],
      ['votes', 'is', 'read', 'again'],
    ]);
  });
});
