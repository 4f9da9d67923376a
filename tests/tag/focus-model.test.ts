// The learned check of the rules' country roles (src/tag/focus-model.ts, countries.yaml `focus_model`): what it changes
// is explained and it can be switched off; a source's own country is never judged. The pure check is tested with
// hand-made models, the loading with copies of the shipped config. Sentences written for the test, not eval items.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFoci, compileFocusModel, countryFeatures, type FocusModelData } from '../../src/tag/focus-model.ts';
import type { PlaceHit } from '../../src/tag/locate.ts';
import { ConfigError } from '../../src/config/index.ts';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import type { Tag } from '../../src/types.ts';
import { REPO_ROOT, replaceYamlSection, shippedConfigCopies } from '../helpers/env.ts';

const country = (value: string, role: 'focus' | 'mention', score: number, rule = 'country.name'): Tag => ({
  kind: 'country',
  value,
  score,
  role,
  reason: { rule, match: value, field: 'summary' },
});
const fields = [
  { field: 'title' as const, tokens: { folded: 'talks open on the border dispute'.split(' ') } },
  { field: 'summary' as const, tokens: { folded: 'envoys of both sides met in the capital'.split(' ') } },
];
const hits: PlaceHit[] = [];
const model = (weights: Record<string, number>, bias = 0) =>
  compileFocusModel({ data: { bias, weights }, digest: 'x', demoteBelow: 0.35, promoteAt: 0.6 });

describe('checkFoci', () => {
  const tags = [
    country('AA', 'focus', 5),
    country('BB', 'focus', 2),
    country('CC', 'mention', 1),
    { kind: 'topic', value: 'war', score: 1, reason: { rule: 'topic.keyword' } } as Tag,
  ];

  it('demotes a focus the model finds unlikely and promotes a likely mention, naming the step and keeping the match', () => {
    // Rank 0 is the surest focus; the others lean by role: "F:rank.1" pulls the second focus down, "M:" the mention up.
    const out = checkFoci(model({ 'rank.0': 3, 'F:rank.1': -3, 'M:bias': 3 }), tags, hits, fields, 'en');
    expect(out.map((t) => [t.value, t.role, t.reason.rule])).toEqual([
      ['AA', 'focus', 'country.name'],
      ['BB', 'mention', 'country.model-mention'],
      ['CC', 'focus', 'country.model-focus'],
      ['war', undefined, 'topic.keyword'],
    ]);
    expect(out[1]!.reason.match).toBe('BB');
    expect(out[1]!.reason.field).toBe('summary');
  });

  it('leaves roles the model agrees with, and between its two thresholds', () => {
    // bias 0: p = 0.5 everywhere, neither below 0.35 nor at 0.6.
    expect(checkFoci(model({}), tags, hits, fields, 'en')).toEqual(tags);
  });

  it("never judges a source's own country", () => {
    const prior = [country('AA', 'focus', 1, 'country.source-prior'), country('BB', 'mention', 1)];
    const out = checkFoci(model({}, -5), prior, hits, fields, 'en');
    expect(out[0]).toEqual(prior[0]);
    expect(out[1]!.role).toBe('mention');
  });

  it('reads the rules role, rank and language as features', () => {
    const [a, b] = countryFeatures(tags, hits, fields, 'de');
    expect(a!.get('role.focus')).toBe(1);
    expect(a!.get('F:rank.0')).toBe(1);
    expect(b!.get('F:rank.1')).toBe(1);
    expect(a!.get('lang.de')).toBe(1);
  });
});

const configs = shippedConfigCopies('wireroom-focus-model-');
afterAll(configs.removeAll);
/** A copy of the shipped config folder whose countries.yaml `focus_model` section holds `section`. */
const configWith = (section: string, modelFile?: string) =>
  configs.copy((dir) => {
    const file = path.join(dir, 'countries.yaml');
    writeFileSync(file, replaceYamlSection(readFileSync(file, 'utf8'), 'focus_model', section));
    if (modelFile !== undefined) writeFileSync(path.join(dir, 'country-model.json'), modelFile);
  });

describe('the shipped focus model', () => {
  it('is off in the shipped config, and on with enabled: true with the shipped weights and thresholds', () => {
    expect(loadTaxonomy(path.join(REPO_ROOT, 'config')).focusModel).toBeUndefined();
    const on = loadTaxonomy(configWith('  enabled: true\n  demote_below: 0.35\n  promote_at: 0.6')).focusModel;
    expect(on).toMatchObject({ demoteBelow: 0.35, promoteAt: 0.6 });
    expect(Object.keys(on!.data.weights).length).toBeGreaterThan(100);
  });

  it('changes what the tagger outputs only through the roles, and a changed file has a new digest', () => {
    const taxonomy = loadTaxonomy(configWith('  enabled: true'));
    const on = createTagger(taxonomy);
    const off = createTagger({ ...taxonomy, focusModel: undefined });
    const input = {
      title: 'Kenya and Tanzania sign a deal on the shared lake',
      summary: 'Ministers of both countries met in Arusha on Monday, with observers from Uganda and Ethiopia present.',
      language: 'en',
    };
    const strip = (tags: Tag[]) => tags.filter((t) => t.kind === 'country').map((t) => [t.value, t.score]);
    expect(strip(on.tag(input))).toEqual(strip(off.tag(input)));
    const data: FocusModelData = { bias: 1, weights: { bias: 0.5 } };
    const a = loadTaxonomy(configWith('  enabled: true', JSON.stringify(data))).focusModel!;
    const b = loadTaxonomy(configWith('  enabled: true', JSON.stringify({ ...data, bias: 2 }))).focusModel!;
    expect(a.data.bias).toBe(1);
    expect(a.digest).not.toBe(b.digest);
  });

  it('refuses a weights file that is not a model, naming the file and the section', () => {
    const dir = configWith('  enabled: true', JSON.stringify({ bias: 'high', weights: {} }));
    let err: unknown;
    try {
      loadTaxonomy(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toContain(path.join(dir, 'country-model.json'));
    expect(String((err as Error).message)).toMatch(/focus_model.*not a focus model/);
  });
});
