// The labelled set must not get worse: each figure stays within 0.005 of tests/eval/tagging-baseline.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTagging, loadEvalSet } from '../eval/tagging.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import { defaultTagger } from './shared.ts';

type Figures = Record<'countries' | 'topics', { precision: number; recall: number; f1: number }>;
const baseline = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/eval/tagging-baseline.json'), 'utf8')) as Figures;

describe('tagging eval against the recorded baseline', () => {
  const items = loadEvalSet();
  const result = evaluateTagging(defaultTagger(), items);

  it('has at least 300 items in five languages, traps included', () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(new Set(items.map((i) => i.language))).toEqual(new Set(['en', 'es', 'pt', 'fr', 'de']));
  });

  it('country micro-F1 meets the 0.90 target', () => expect(result.countries.f1).toBeGreaterThanOrEqual(0.9));

  for (const kind of ['countries', 'topics'] as const) {
    for (const m of ['precision', 'recall', 'f1'] as const) {
      it(`${kind} ${m} >= baseline - 0.005`, () => expect(result[kind][m]).toBeGreaterThanOrEqual(baseline[kind][m] - 0.005));
    }
  }
});
