// The labelled set must not get worse, overall, per language, on regions and on traps: each figure stays within
// 0.005 of tests/eval/tagging-baseline.json, which is pinned to the set's exact bytes. Only a person re-records
// it, with `npm run eval -- --record`, after reviewing what changed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatedFigures, LANGUAGES, type GatedFigures } from '../eval/tagging.ts';
import { REPO_ROOT } from '../helpers/env.ts';
import { defaultTagger } from './shared.ts';

const BASELINE = path.join(REPO_ROOT, 'tests/eval/tagging-baseline.json');
const TOLERANCE = 0.005;
const RECORD = 'review the change, then run `npm run eval -- --record`';

describe('tagging eval against the recorded baseline', () => {
  const got = gatedFigures(defaultTagger());
  const base = existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as GatedFigures) : undefined;

  it('has a baseline recorded for exactly this eval set', () => {
    expect(base, `${BASELINE} is missing: ${RECORD}`).toBeDefined();
    expect(got.items, `the eval set has ${got.items} items, the baseline ${base?.items}: ${RECORD}`).toBe(base?.items);
    expect(got.sha256, `the eval set changed since the baseline was recorded: ${RECORD}`).toBe(base?.sha256);
  });

  it('covers five languages, each with traps (items naming a country that is not their label)', () => {
    expect(Object.keys(got.languages).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) {
      const l = got.languages[lang];
      expect(l?.items ?? 0, lang).toBeGreaterThanOrEqual(40);
      expect(l?.traps ?? 0, `${lang} traps`).toBeGreaterThanOrEqual(3);
    }
    expect(got.traps.items).toBeGreaterThanOrEqual(0.1 * got.items);
  });

  it('country micro-F1 meets the 0.90 target', () => expect(got.countries.f1).toBeGreaterThanOrEqual(0.9));

  const figures = (f: GatedFigures | undefined): [string, number | undefined][] => [
    ...(['countries', 'topics', 'regions', 'traps'] as const).flatMap((kind) =>
      (['precision', 'recall', 'f1'] as const).map((m): [string, number | undefined] => [`${kind} ${m}`, f?.[kind][m]]),
    ),
    ...LANGUAGES.flatMap((lang) =>
      (['countries', 'topics'] as const).map((kind): [string, number | undefined] => [
        `${lang} ${kind} f1`,
        f?.languages[lang]?.[kind].f1,
      ]),
    ),
  ];
  const baseline = new Map(figures(base));
  for (const [name, value] of figures(got)) {
    it(`${name} >= baseline - ${TOLERANCE}`, () => {
      const want = baseline.get(name);
      expect(want, `no baseline for ${name}: ${RECORD}`).toBeDefined();
      expect(value).toBeGreaterThanOrEqual((want ?? 1) - TOLERANCE);
    });
  }
});
