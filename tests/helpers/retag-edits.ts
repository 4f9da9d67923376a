// The retag-after-an-edit fixtures of both stores' tests (tests/worker/retag-scope.test.ts on SQLite,
// tests/worker-pg/retag-scope.test.ts on PostgreSQL, tests/cli-pg/retag-scope.test.ts through the CLI on both): 1,899
// headlines and summaries by several writers (the labelled set, dev10-dev14) from sources with priors and with
// categories, and edits of the shipped taxonomy and of the sources' priors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { loadTaxonomy, type RoleWords, type Taxonomy, type TopicDef } from '../../src/tag/index.ts';
import type { ScopedRetagResult } from '../../src/worker/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { REPO_ROOT } from './env.ts';

export const SOURCES: SourceConfig[] = [
  { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true },
  { id: 'pe', url: 'https://pe.example/feed', enabled: true, country: 'PE', topics: ['strikes'], trusted: true },
  { id: 'desk', url: 'https://desk.example/feed', enabled: true, topics: [], trusted: true },
];
export const BASE = loadTaxonomy(path.join(REPO_ROOT, 'config'));
const SETS = ['tagging-set', 'dev10-set', 'dev11-set', 'dev12-set', 'dev13-set', 'dev14-set'];
/** The desk source files its entries under its own categories, some of which name topics. */
const CATEGORIES = [['Politics'], ['World', 'Economy'], [], ['Huelgas'], ['Elecciones']];

export function entries(): Entry[] {
  const items = SETS.flatMap((set) =>
    readFileSync(path.join(REPO_ROOT, 'tests/eval', `${set}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { title: string; summary: string; language?: string }),
  );
  return items.map((it, i) => ({
    sourceId: SOURCES[i % 3]!.id,
    key: `k${i}`,
    title: it.title,
    summary: it.summary,
    // A body that is not the summary: the next item's summary after this one's.
    contentHtml: `<p>${it.summary}</p><p>${items[(i + 1) % items.length]!.summary}</p>`,
    language: it.language,
    authors: [],
    categories: i % 3 === 2 ? CATEGORIES[((i / 3) % CATEGORIES.length) | 0]! : [],
    enclosures: [],
    publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    dateFlags: [],
  }));
}

/** The taxonomy with one topic's definition changed (or removed: undefined). */
export function withTopic(t: Taxonomy, slug: string, edit: (d: TopicDef) => TopicDef | undefined): Taxonomy {
  const topics = t.topics.flatMap((d) => (d.slug === slug ? (edit(structuredClone(d)) ?? []) : [d]));
  return { ...t, topics };
}

/** The taxonomy with one language's role words (countries.yaml `roles`) changed. */
export function withRoles(t: Taxonomy, language: string, edit: (r: RoleWords) => RoleWords): Taxonomy {
  return { ...t, roles: { ...t.roles, [language]: edit(structuredClone(t.roles?.[language] ?? {})) } };
}

export const prior = (changes: Record<string, Partial<SourceConfig>>) =>
  new Map(SOURCES.map((s) => [s.id, { ...s, ...changes[s.id] }]));

/** The most frequent word of the entries' titles and summaries among the topic's English keywords. */
function commonKeyword(t: Taxonomy, slug: string, list: Entry[]): string {
  const words = (t.topics.find((d) => d.slug === slug)?.keywords.en ?? []).filter((w) => /^[a-z]+$/.test(w));
  const count = (w: string) => list.filter((e) => new RegExp(`\\b${w}\\b`, 'i').test(`${e.title} ${e.summary}`)).length;
  return words.sort((a, b) => count(b) - count(a))[0] ?? '';
}

export interface Edit {
  name: string;
  taxonomy: Taxonomy;
  sources?: Map<string, SourceConfig>;
}

/** Edits of the shipped taxonomy and of the sources' priors, each of which changes some of `list`'s tags. */
export function edits(list: Entry[]): Edit[] {
  const strike = commonKeyword(BASE, 'strikes', list);
  const common = commonName(list);
  return [
    {
      name: 'a keyword added',
      taxonomy: withTopic(BASE, 'labour', (d) => ({
        ...d,
        keywords: { ...d.keywords, en: [...d.keywords.en!, 'government'] },
      })),
    },
    {
      name: `a keyword removed ("${strike}")`,
      taxonomy: withTopic(BASE, 'strikes', (d) => ({
        ...d,
        keywords: { ...d.keywords, en: d.keywords.en!.filter((w) => w !== strike) },
      })),
    },
    {
      name: 'a trailing wildcard added',
      taxonomy: withTopic(BASE, 'environment', (d) => ({
        ...d,
        keywords: { ...d.keywords, en: [...d.keywords.en!, 'gover*'] },
      })),
    },
    {
      name: 'a leading wildcard added',
      taxonomy: withTopic(BASE, 'labour', (d) => ({
        ...d,
        keywords: { ...d.keywords, de: [...(d.keywords.de ?? []), '*regierung'] },
      })),
    },
    {
      name: 'a weak word added',
      taxonomy: withTopic(BASE, 'economy', (d) => ({
        ...d,
        weak: { ...d.weak, en: [...(d.weak.en ?? []), 'government'] },
      })),
    },
    {
      name: 'exclusions added',
      taxonomy: withTopic(BASE, 'elections', (d) => ({
        ...d,
        exclude: [...d.exclude, 'presidential election', 'general election', 'elecciones generales'],
      })),
    },
    {
      name: 'a pattern added',
      taxonomy: withTopic(BASE, 'economy', (d) => ({
        ...d,
        patterns: [...d.patterns, '\\bminist\\w* (?:of|de|da)\\b'],
      })),
    },
    {
      name: 'what a topic absorbs',
      taxonomy: withTopic(BASE, 'coups', (d) => ({ ...d, absorbs: [] })),
    },
    {
      name: 'a group undone',
      taxonomy: withTopic(BASE, 'repression', (d) => ({ ...d, groups: (d.groups ?? []).slice(1) })),
    },
    {
      name: 'a category added',
      taxonomy: withTopic(BASE, 'elections', (d) => ({ ...d, categories: [...d.categories, 'Politics'] })),
    },
    {
      name: 'a topic removed',
      taxonomy: withTopic(BASE, 'migration', () => undefined),
    },
    {
      name: 'a topic the model does not know added',
      taxonomy: {
        ...BASE,
        topics: [
          ...BASE.topics,
          {
            slug: 'police',
            label: 'Police',
            keywords: { en: ['police'], es: ['policía'], fr: ['police'] },
            weak: {},
            exclude: [],
            patterns: [],
            categories: [],
          },
        ],
      },
    },
    {
      name: "sources' priors",
      taxonomy: BASE,
      sources: prior({ wire: { topics: ['economy'] }, pe: { country: 'CL' } }),
    },
    {
      name: `the name of countries.yaml most entries hold removed ("${common.name}")`,
      taxonomy: { ...BASE, aliases: BASE.aliases.filter((a) => a !== common) },
    },
    {
      // Its surname alone is the person too ("o governo Montenegro"): the edit reaches entries without the full name.
      name: "a person's name removed (Luís Montenegro)",
      taxonomy: { ...BASE, aliases: BASE.aliases.filter((a) => a.name !== 'Luís Montenegro') },
    },
    {
      name: 'a role frame removed (Spanish "frontera con")',
      taxonomy: withRoles(BASE, 'es', (r) => ({
        ...r,
        frames: (r.frames ?? []).filter((f) => !f.words.includes('frontera')),
      })),
    },
    {
      name: 'a role frame edited (Portuguese "deportad*" taken out of its words)',
      taxonomy: withRoles(BASE, 'pt', (r) => ({
        ...r,
        frames: (r.frames ?? []).map((f) =>
          f.words.includes('deportad*') ? { ...f, words: f.words.filter((w) => w !== 'deportad*') } : f,
        ),
      })),
    },
    {
      name: 'a role phrase added (English "talks with")',
      taxonomy: withRoles(BASE, 'en', (r) => ({
        ...r,
        before: { ...r.before, counterpart: [...(r.before?.counterpart ?? []), 'talks with'] },
      })),
    },
    {
      name: 'role phrases removed (German "nach")',
      taxonomy: withRoles(BASE, 'de', (r) => ({ ...r, before: { ...r.before, destination: [] } })),
    },
    {
      name: 'an institution added',
      taxonomy: {
        ...BASE,
        aliases: [...BASE.aliases, { name: 'Parliament', country: 'PE', needsContext: false, institution: true }],
      },
    },
  ];
}

/** The editors' name of countries.yaml (case as written, whole words) that the most entries hold. */
function commonName(list: Entry[]): Taxonomy['aliases'][number] {
  const texts = list.map((e) => `${e.title} ${e.summary}`);
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const count = (name: string) => {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'u');
    return texts.filter((t) => re.test(t)).length;
  };
  const counted = BASE.aliases.map((a) => ({ a, n: count(a.name) }));
  return counted.reduce((best, c) => (c.n > best.n ? c : best)).a;
}

/** An RSS document of these entries, their titles and summaries as they are (CDATA). */
export function feedOf(items: Entry[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://127.0.0.1/</link>
      <description>d</description>${items
        .map(
          (e, i) =>
            `<item><title><![CDATA[${e.title}]]></title><link>http://127.0.0.1/${i}</link><guid>g${i}</guid>` +
            `<description><![CDATA[${e.summary}]]></description><pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate></item>`,
        )
        .join('')}</channel></rss>`;
}

/** topics.yaml's text with "government" as an English keyword of labour, in the first English list after its slug. */
export function withLabourKeyword(text: string): string {
  const at = text.indexOf('\n', text.indexOf('en: [', text.indexOf('- slug: labour')));
  return `${text.slice(0, at).replace(/\]$/, ', government]')}${text.slice(at)}`;
}

/**
 * What a retag in an edit's scope must show beside a retag of every entry (`all`) of the same `total` entries: it read
 * them all, tagged fewer, at least those whose tags changed (some did: the edit is not vacuous), and left the same
 * tag tables (`same`).
 */
export function expectScopedAsFull(
  name: string,
  outcome: { r: ScopedRetagResult; all: ScopedRetagResult; changed: number; same: boolean },
  total: number,
): void {
  const { r, all, changed, same } = outcome;
  const label = `${name}: ${r.entries} of ${r.examined} tagged, ${changed} changed`;
  expect(r.need.kind, label).toBe('scope');
  expect(all.need, label).toEqual({ kind: 'all', why: 'every entry was asked for' });
  expect(all.entries, label).toBe(total);
  expect(r.examined, label).toBe(total);
  expect(changed, label).toBeGreaterThan(0);
  expect(r.entries, label).toBeGreaterThanOrEqual(changed);
  expect(r.entries, label).toBeLessThan(total);
  expect(same, label).toBe(true);
}
