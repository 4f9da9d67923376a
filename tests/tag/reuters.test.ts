// Country tagging on wire news the tagger has never seen (../shared/eval/reuters-dev, scored as its README says) must
// not get worse: each gated figure stays within 0.005 of tests/eval/reuters-baseline.json, which is pinned to the
// data file's sha256. Only a person re-records it, with `node --import tsx tests/eval/reuters.ts --record`, after
// reviewing what changed. Without ../shared/eval the test skips, and says so in its name.
import { describe, expect, it } from 'vitest';
import { evaluateReuters, gatedReuters, hasReuters, readReutersBaseline, REUTERS_BASELINE } from '../eval/reuters.ts';
import { defaultTagger } from './shared.ts';

const TOLERANCE = 0.005;
const RECORD = 'review the change, then run `node --import tsx tests/eval/reuters.ts --record`';
const present = hasReuters();

describe.skipIf(!present)('reuters-dev country tagging against the recorded baseline (needs ../shared/eval)', () => {
  const got = present ? evaluateReuters(defaultTagger()).figures : undefined;
  const base = readReutersBaseline();

  it('has a baseline recorded for exactly this data (needs ../shared/eval)', () => {
    expect(base, `${REUTERS_BASELINE} is missing: ${RECORD}`).toBeDefined();
    expect(got?.articles, `scored ${got?.articles} articles, the baseline ${base?.articles}: ${RECORD}`).toBe(
      base?.articles,
    );
    expect(got?.sha256, `the reuters-dev data changed since the baseline was recorded: ${RECORD}`).toBe(base?.sha256);
  });

  const baseline = new Map(base ? gatedReuters(base) : []);
  for (const [name, value] of got ? gatedReuters(got) : []) {
    it(`${name} >= baseline - ${TOLERANCE} (needs ../shared/eval)`, () => {
      const want = baseline.get(name);
      expect(want, `no baseline for ${name}: ${RECORD}`).toBeDefined();
      expect(value).toBeGreaterThanOrEqual((want ?? 1) - TOLERANCE);
    });
  }
});
