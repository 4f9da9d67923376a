// The trie walk's early stop (TokenTrie.continues) must never end a phrase that goes on.
import { describe, expect, it } from 'vitest';
import { TokenTrie } from '../../src/tag/automaton.ts';
import { tokenize } from '../../src/tag/text.ts';
import { EVAL_SET, loadEvalSet } from '../eval/tagging.ts';

function trie(): TokenTrie<string> {
  const t = new TokenTrie<string>();
  // Folded already: words as the trie keeps them, "*" marking an affix.
  for (const p of ['the gambia', 'gambia', 'la paz', 'new south wales', 'south', 'air strike*', '*streik', 'de aar'])
    t.add(p.split(' '), p);
  return t;
}

describe('token trie', () => {
  it('tells which tokens some phrase goes on with below its first word', () => {
    const t = trie();
    expect(t.continues('gambia')).toBe(true);
    expect(t.continues('wales')).toBe(true);
    expect(t.continues('strikes')).toBe(true); // "air strike*"
    expect(t.continues('the')).toBe(false); // only ever a first word
    expect(t.continues('paris')).toBe(false);
  });

  it('finds the same matches with the early stop as without, on the labelled set', () => {
    const t = trie();
    const texts = loadEvalSet(EVAL_SET).flatMap((it) => [it.title, it.summary]);
    texts.push('The Gambia and New South Wales, la Paz; air strikes in De Aar', 'south of the gambia river');
    let found = 0;
    for (const text of texts) {
      const words = tokenize(text).folded;
      const plain = t.match(words);
      found += plain.length;
      expect(
        t.match(words, undefined, (i) => t.continues(words[i] ?? '')),
        text,
      ).toEqual(plain);
    }
    expect(found).toBeGreaterThan(5);
  });
});
