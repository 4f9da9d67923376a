// Full articles (tests/eval/articles-set.jsonl: 100 of them, five languages, labelled from the policies by a writer who
// read no rule): the figures that decided how much of a body the tagger reads (docs/tagging.md, "How much of a body to
// read") must not get worse. Floors: the figures measured when the body read became 600 characters (countries F1 0.927,
// in a correct country feed 0.920, topics F1 0.931), less about one article of the hundred.
import { describe, expect, it } from 'vitest';
import { ARTICLES_SET, reach } from '../eval/articles.ts';
import { evaluateTagging, LANGUAGES, loadEvalSet } from '../eval/tagging.ts';
import { defaultTagger } from './shared.ts';

const items = loadEvalSet(ARTICLES_SET);

describe('full articles, body read as shipped', () => {
  const tagger = defaultTagger();
  const e = evaluateTagging(tagger, items);

  it('is a set of full articles in five languages', () => {
    expect(items).toHaveLength(100);
    for (const lang of LANGUAGES) expect(items.filter((i) => i.language === lang).length, lang).toBe(20);
    expect(items.every((i) => (i.content ?? '').replace(/<[^>]*>/g, '').length >= 1500)).toBe(true);
  });

  it('tags their focus countries (F1 at least 0.915) and puts 91% in a correct country feed', () => {
    expect(e.countries.f1).toBeGreaterThanOrEqual(0.915);
    expect(reach(tagger, items)).toBeGreaterThanOrEqual(0.91);
  });

  it('tags their main topics (F1 at least 0.92)', () => {
    expect(e.topics.f1).toBeGreaterThanOrEqual(0.92);
  });
});
