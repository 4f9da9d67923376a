// Confidence levels mean what docs/tagging.md says: on the labelled sets, a higher level is more often right, and
// a high-confidence country is right at least 95% of the time.
import { describe, expect, it } from 'vitest';
import { LEVELS, precisionByLevel, type Judged } from '../eval/confidence.ts';
import { hasReuters, loadReuters } from '../eval/reuters.ts';
import { loadEvalSet } from '../eval/tagging.ts';
import { defaultTagger } from './shared.ts';

function expectOrdered(p: ReturnType<typeof precisionByLevel>): void {
  for (const level of LEVELS) expect(p[level].tags, `${level} tags`).toBeGreaterThan(0);
  expect(p.high.precision).toBeGreaterThanOrEqual(p.medium.precision);
  expect(p.medium.precision).toBeGreaterThan(p.low.precision);
  expect(p.high.precision).toBeGreaterThanOrEqual(0.95);
}

describe('country tag confidence levels', () => {
  it('on the labelled set (gold: focus labels)', () => {
    const items: Judged[] = loadEvalSet().map((i) => ({ ...i, gold: i.countries }));
    expectOrdered(precisionByLevel(defaultTagger(), items));
  });

  it.skipIf(!hasReuters())('on reuters-dev wire news (needs ../shared/eval)', () => {
    const wire = loadReuters().articles.map((a) => ({
      title: a.title,
      content: a.content,
      language: 'en',
      gold: a.gold,
    }));
    expectOrdered(precisionByLevel(defaultTagger(), wire));
  });
});
