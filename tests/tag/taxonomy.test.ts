// Taxonomy files: the shipped defaults load clean; every problem is reported as file:line: field: reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, formatProblem } from '../../src/config/index.ts';
import { checkTaxonomy, loadTaxonomy, unsafeRegexReason } from '../../src/tag/index.ts';
import { tokenize } from '../../src/tag/text.ts';
import { buildTopicMatcher, scoreTopics, type TopicDef } from '../../src/tag/topics.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { defaultTagger } from './shared.ts';

describe('taxonomy files', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('the shipped topics.yaml and countries.yaml check clean and have the issue topics', () => {
    expect(checkTaxonomy(path.join(REPO_ROOT, 'config'))).toEqual([]);
    const t = loadTaxonomy(path.join(REPO_ROOT, 'config'));
    const slugs = t.topics.map((x) => x.slug);
    for (const s of [
      'elections',
      'coups',
      'strikes',
      'labour',
      'repression',
      'economy',
      'war',
      'foreign-policy',
      'environment',
      'indigenous',
      'women',
      'class-struggle',
    ])
      expect(slugs).toContain(s);
    expect(t.aliases.find((a) => a.name === 'Boluarte')).toMatchObject({ country: 'PE' });
    expect(t.aliases.find((a) => a.name === 'Castillo')).toMatchObject({ country: 'PE', needsContext: true });
    expect(t.aliases.find((a) => a.name === 'Bundesbank')).toMatchObject({ country: 'DE', needsContext: false });
  });

  it('institutions: a list of names per country code; an unknown code is reported with its line', () => {
    const dir = path.join(tmp.dir, 'institutions');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'countries.yaml'),
      ['institutions:', '  JP: [Bank of Japan, BoJ]', '  XX: [Nowhere Bank]'].join('\n'),
    );
    const countries = path.join(dir, 'countries.yaml');
    expect(checkTaxonomy(dir).map(formatProblem)).toEqual([
      `${countries}:3: institutions.XX: unknown country code "XX"`,
    ]);
    writeFileSync(path.join(dir, 'countries.yaml'), 'institutions:\n  JP: [Bank of Japan, BoJ]\n');
    expect(loadTaxonomy(dir).aliases).toEqual([
      { name: 'Bank of Japan', country: 'JP', needsContext: false, institution: true },
      { name: 'BoJ', country: 'JP', needsContext: false, institution: true },
    ]);
  });

  it('events: a list of names per country code, read in the title only; an unknown code is reported with its line', () => {
    const dir = path.join(tmp.dir, 'events');
    mkdirSync(dir, { recursive: true });
    const countries = path.join(dir, 'countries.yaml');
    writeFileSync(countries, ['events:', '  FR: [Festival de Cannes]', '  XX: [Nowhere Fair]'].join('\n'));
    expect(checkTaxonomy(dir).map(formatProblem)).toEqual([`${countries}:3: events.XX: unknown country code "XX"`]);
    writeFileSync(countries, 'events:\n  FR: [Festival de Cannes]\n');
    expect(loadTaxonomy(dir).aliases).toEqual([
      { name: 'Festival de Cannes', country: 'FR', needsContext: false, institution: true, titleOnly: true },
    ]);
  });

  it('an alias may be read in some languages only: "ICE" is the US agency in English, a train in German', () => {
    const dir = path.join(tmp.dir, 'alias-langs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'countries.yaml'), 'aliases:\n  - { name: ICE, country: US, langs: [en, es] }\n');
    expect(loadTaxonomy(dir).aliases).toEqual([
      { name: 'ICE', country: 'US', needsContext: false, langs: ['en', 'es'] },
    ]);
    const shipped = defaultTagger();
    const countries = (title: string, language: string) =>
      shipped
        .tag({ title, language })
        .filter((t) => t.kind === 'country')
        .map((t) => t.value);
    expect(countries('ICE arrests 200 in overnight raids', 'en')).toContain('US');
    expect(countries('ICE entgleist bei Fulda', 'de')).not.toContain('US');
    // One name, two countries by language: Germany's CDU, and in Portuguese Portugal's coalition beside other evidence.
    expect(countries('CDU-Spitze streitet über den Haushalt', 'de')).toEqual(['DE']);
    expect(countries('CDU perde a câmara de Setúbal para uma independente', 'pt')).toEqual(['PT']);
    // Italy's Serie A; in Portuguese, Brazil's Série A.
    expect(countries('Inter lidera la Serie A tras golear al Torino', 'es')).toEqual(['IT']);
    expect(countries('Flamengo vence o Grêmio e lidera a Série A', 'pt')).toEqual(['BR']);
  });

  it('companies and domestic institutions count alone; an unknown code is reported with its line', () => {
    const dir = path.join(tmp.dir, 'alone');
    mkdirSync(dir, { recursive: true });
    const countries = path.join(dir, 'countries.yaml');
    writeFileSync(countries, ['companies:', '  KR: [Samsung]', '  XX: [Nowhere Corp]'].join('\n'));
    expect(checkTaxonomy(dir).map(formatProblem)).toEqual([`${countries}:3: companies.XX: unknown country code "XX"`]);
    writeFileSync(countries, ['companies:', '  KR: [Samsung]', 'domestic:', '  fr:', '    FR: [Sénat]'].join('\n'));
    expect(loadTaxonomy(dir).aliases).toEqual([
      { name: 'Samsung', country: 'KR', needsContext: false, alone: true, institution: true, company: true },
      { name: 'Sénat', country: 'FR', needsContext: false, alone: true, langs: ['fr'], institution: true },
    ]);
  });

  it('a folder without the files falls back to the shipped defaults', () => {
    const dir = path.join(tmp.dir, 'empty');
    mkdirSync(dir, { recursive: true });
    expect(loadTaxonomy(dir).topics.length).toBeGreaterThan(10);
  });

  it('reports every problem with its line', () => {
    const dir = path.join(tmp.dir, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'topics.yaml'),
      [
        'topics:',
        '  - slug: strikes',
        '    label: Strikes',
        '    keywords:',
        '      en: [strike]',
        '  - slug: strikes',
        '    label: Again',
        '  - slug: Bad Slug',
        '    label: x',
        '  - slug: redos',
        '    label: ReDoS',
        '    patterns:',
        "      - '(a+)+b'",
        "      - '(x|xy)*z'",
        '      - ok\\s+pattern',
        '  - slug: extra',
        '    label: Extra',
        '    colour: red',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'countries.yaml'),
      [
        'aliases:',
        '  - { name: Boluarte, country: PE }',
        '  - { name: Nobody, country: ZZ }',
        '  - { name: Somewhere, region: atlantis }',
        '  - { name: Both, country: PE, region: sahel }',
        '  - { name: Lower, country: pe }',
      ].join('\n'),
    );
    const problems = checkTaxonomy(dir).map(formatProblem);
    const topics = path.join(dir, 'topics.yaml');
    const countries = path.join(dir, 'countries.yaml');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${escape(topics)}:8: topics\\[2\\]\\.slug: expected a lower-case slug`)),
        expect.stringMatching(new RegExp(`^${escape(topics)}:18: topics\\[4\\]\\.colour: unknown field`)),
        expect.stringMatching(
          new RegExp(`^${escape(countries)}:6: aliases\\[4\\]\\.country: expected an ISO 3166-1 alpha-2 code`),
        ),
        expect.stringMatching(
          new RegExp(`^${escape(countries)}:5: aliases\\[3\\]: give exactly one of country or region`),
        ),
      ]),
    );
    // Shape errors stop the file before the semantic checks; fix them and the rest show up.
    writeFileSync(
      path.join(dir, 'topics.yaml'),
      [
        'topics:',
        '  - slug: strikes',
        '    label: Strikes',
        '  - slug: strikes',
        '    label: Again',
        '  - slug: redos',
        '    label: ReDoS',
        '    patterns:',
        "      - '(a+)+b'",
        "      - '(x|xy)*z'",
        '      - ok\\s+pattern',
        '  - slug: grouped',
        '    label: Grouped',
        '    weak: { en: [jailed, charged] }',
        '    groups:',
        '      - [jailed, charged, sentenced]',
        '    absorbs: [strikes, wars]',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'countries.yaml'),
      ['aliases:', '  - { name: Nobody, country: ZZ }', '  - { name: Somewhere, region: atlantis }'].join('\n'),
    );
    const again = checkTaxonomy(dir).map(formatProblem);
    expect(again).toEqual([
      `${topics}:4: topics[1].slug: duplicate slug "strikes" (first at topics[0])`,
      expect.stringMatching(new RegExp(`^${escape(topics)}:9: topics\\[2\\]\\.patterns\\[0\\]: nested quantifier`)),
      expect.stringMatching(new RegExp(`^${escape(topics)}:10: topics\\[2\\]\\.patterns\\[1\\]: nested quantifier`)),
      `${topics}:16: topics[3].groups[0][2]: "sentenced" is not one of the topic's keywords or weak words`,
      `${topics}:17: topics[3].absorbs[1]: unknown topic "wars"`,
      `${countries}:2: aliases[0].country: unknown country code "ZZ"`,
      expect.stringMatching(new RegExp(`^${escape(countries)}:3: aliases\\[1\\]\\.region: unknown region "atlantis"`)),
    ]);
    expect(() => loadTaxonomy(dir)).toThrow(ConfigError);
  });

  it('a YAML syntax error names its line', () => {
    const dir = path.join(tmp.dir, 'syntax');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'topics.yaml'), 'topics:\n  - slug: a\n    label: [unclosed\n');
    const [p] = checkTaxonomy(dir);
    expect(p?.file).toBe(path.join(dir, 'topics.yaml'));
    expect(p?.line).toBeGreaterThan(0);
    expect(p?.field).toBe('(syntax)');
  });
});

describe('topic scoring', () => {
  const topic = (t: Partial<TopicDef>): TopicDef => ({
    slug: 'crisis',
    label: 'Crisis',
    keywords: {},
    weak: {},
    exclude: [],
    patterns: [],
    categories: [],
    ...t,
  });
  const score = (defs: TopicDef[], summary: string) =>
    scoreTopics(buildTopicMatcher(defs), [{ field: 'summary', tokens: tokenize(summary) }])[0]?.score ?? 0;

  it('a word listed under several languages counts once, at its heaviest', () => {
    expect(score([topic({ keywords: { en: ['crisis'], es: ['crisis'] } })], 'A crisis')).toBe(1);
    expect(score([topic({ keywords: { en: ['crisis'] }, weak: { es: ['crisis'] } })], 'A crisis')).toBe(1);
    expect(score([topic({ keywords: { en: ['crisis', 'collapse'], es: ['crisis'] } })], 'crisis and collapse')).toBe(2);
  });
});

describe('pattern safety', () => {
  it('refuses patterns that can backtrack catastrophically, accepts linear ones', () => {
    for (const bad of ['(a+)+', '(a*)*b', '(a|aa)+', '(\\w+\\s?)*$', '(.*a){10}', '(a)\\1', '(?<=x)y', '['])
      expect(unsafeRegexReason(bad), bad).toBeTruthy();
    for (const ok of [
      '\\bnational strike\\b',
      'huelga (general|nacional)',
      '[a-z]+ strike',
      'cop\\d\\d',
      '(?:air|drone) strike',
    ])
      expect(unsafeRegexReason(ok), ok).toBeUndefined();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
