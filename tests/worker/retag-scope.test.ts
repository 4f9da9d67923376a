// A retag after an edit re-tags only the entries the edit can change (src/tag/scope.ts), and leaves every tag table as
// a retag of every entry does. Each edit below is made to the shipped taxonomy; the entries are 1,899 headlines and
// summaries by several writers (the labelled set, dev10-dev14), from sources with priors and with categories.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import {
  createTagger,
  loadTaxonomy,
  retagNeed,
  taggingVersion,
  type Taxonomy,
  type TopicDef,
} from '../../src/tag/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { retag, retagOnThreads } from '../../src/worker/index.ts';
import { REPO_ROOT, cli, startServer, tempDir, writeConfig, type TestServer } from '../helpers/env.ts';

const SOURCES: SourceConfig[] = [
  { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true },
  { id: 'pe', url: 'https://pe.example/feed', enabled: true, country: 'PE', topics: ['strikes'], trusted: true },
  { id: 'desk', url: 'https://desk.example/feed', enabled: true, topics: [], trusted: true },
];
const BASE = loadTaxonomy(path.join(REPO_ROOT, 'config'));
const SETS = ['tagging-set', 'dev10-set', 'dev11-set', 'dev12-set', 'dev13-set', 'dev14-set'];
/** The desk source files its entries under its own categories, some of which name topics. */
const CATEGORIES = [['Politics'], ['World', 'Economy'], [], ['Huelgas'], ['Elecciones']];

function entries(): Entry[] {
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

/** Both tag tables in a fixed order. */
function dump(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const sets = db.prepare('SELECT entry_id, tags FROM entry_tag_sets ORDER BY entry_id').all() as {
      entry_id: number;
      tags: string;
    }[];
    const rows = db.prepare('SELECT * FROM entry_tags ORDER BY entry_id, kind, value').all();
    return [...sets.map((s) => `${s.entry_id} ${s.tags}`), JSON.stringify(rows)];
  } finally {
    db.close();
  }
}

/** How many entries' tag sets differ between two dumps. */
const differing = (a: string[], b: string[]) => a.filter((line, i) => line !== b[i]).length;

/** The taxonomy with one topic's definition changed (or removed: undefined). */
function withTopic(t: Taxonomy, slug: string, edit: (d: TopicDef) => TopicDef | undefined): Taxonomy {
  const topics = t.topics.flatMap((d) => (d.slug === slug ? (edit(structuredClone(d)) ?? []) : [d]));
  return { ...t, topics };
}

const prior = (changes: Record<string, Partial<SourceConfig>>) =>
  new Map(SOURCES.map((s) => [s.id, { ...s, ...changes[s.id] }]));

/** The most frequent word of the entries' titles and summaries among the topic's English keywords. */
function commonKeyword(t: Taxonomy, slug: string, list: Entry[]): string {
  const words = (t.topics.find((d) => d.slug === slug)?.keywords.en ?? []).filter((w) => /^[a-z]+$/.test(w));
  const count = (w: string) => list.filter((e) => new RegExp(`\\b${w}\\b`, 'i').test(`${e.title} ${e.summary}`)).length;
  return words.sort((a, b) => count(b) - count(a))[0] ?? '';
}

interface Edit {
  name: string;
  taxonomy: Taxonomy;
  sources?: Map<string, SourceConfig>;
}

describe('retag after an edit', () => {
  const tmp = tempDir();
  const base = path.join(tmp.dir, 'base.sqlite');
  const list = entries();
  const sources = new Map(SOURCES.map((s) => [s.id, s]));
  let n = 0;
  const copy = (from = base) => {
    const file = path.join(tmp.dir, `copy-${n++}.sqlite`);
    copyFileSync(from, file);
    return file;
  };
  const run = async (file: string, t: Taxonomy, s = sources, opts: { all?: boolean; since?: string } = {}) => {
    const store = openStore(file);
    try {
      return await retagOnThreads(store, t, s, { threads: 0, batch: 200, ...opts });
    } finally {
      store.close();
    }
  };
  beforeAll(async () => {
    const store = openStore(base);
    store.sources.sync(SOURCES, '2024-01-01T00:00:00.000Z');
    const ids = store
      .transaction(() => store.entries.upsert(list, '2024-02-01T00:00:00.000Z'))
      .inserted.map((e) => e.id);
    store.tags.setOverride(ids[0]!, 'topic', 'coups', 'add');
    store.close();
    const first = await run(base, BASE);
    expect(first.need).toMatchObject({ kind: 'all', why: expect.stringMatching(/no record/) });
    expect(first.entries).toBe(list.length);
  });
  afterAll(() => tmp.cleanup());

  /** The edit retagged in its scope and in full from `from`: the same tables, fewer entries tagged. */
  async function scopedEqualsFull(edit: Edit, from = base) {
    const scoped = copy(from);
    const full = copy(from);
    const r = await run(scoped, edit.taxonomy, edit.sources);
    const all = await run(full, edit.taxonomy, edit.sources, { all: true });
    const changed = differing(dump(full), dump(from));
    return { r, all, scoped, full, changed, same: dump(scoped).join('\n') === dump(full).join('\n') };
  }

  const edits = (): Edit[] => {
    const strike = commonKeyword(BASE, 'strikes', list);
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
    ];
  };

  it('re-tags only the entries an edit can change, and leaves the same tables as a retag of every entry', async () => {
    for (const edit of edits()) {
      const { r, all, changed, same } = await scopedEqualsFull(edit);
      const label = `${edit.name}: ${r.entries} of ${r.examined} tagged, ${changed} changed`;
      expect(r.need.kind, label).toBe('scope');
      expect(all.entries, label).toBe(list.length);
      expect(r.examined, label).toBe(list.length);
      // Not vacuous: the edit changed some entries' tags, and the scope left some entries out.
      expect(changed, label).toBeGreaterThan(0);
      expect(r.entries, label).toBeGreaterThanOrEqual(changed);
      expect(r.entries, label).toBeLessThan(list.length);
      expect(same, label).toBe(true);
    }
  }, 240_000);

  it('finds nothing to do when nothing changed, and knows an edit made over earlier ones', async () => {
    const again = copy();
    const none = await run(again, loadTaxonomy(path.join(REPO_ROOT, 'config')));
    expect(none).toMatchObject({ entries: 0, examined: 0, need: { kind: 'none' } });
    // Two edits in a row, each retagged in its scope: the second compares with the first only.
    const [one, two] = edits();
    const first = await run(again, one!.taxonomy);
    expect(first.need.kind).toBe('scope');
    const both = withTopic(one!.taxonomy, 'strikes', (d) => two!.taxonomy.topics.find((t) => t.slug === d.slug)!);
    const { r, same } = await scopedEqualsFull({ name: 'two edits', taxonomy: both }, again);
    expect(r.need).toMatchObject({ kind: 'scope', changed: { topics: ['strikes'] } });
    expect(same).toBe(true);
  }, 120_000);

  it('covers entries tagged under any version still recorded (a retag since a date leaves the older ones)', async () => {
    const [one, two] = edits();
    const mixed = copy();
    // Only the newest half is tagged with the first edit: the rest still hold the shipped taxonomy's tags.
    const half = list[list.length >> 1]!.publishedAt;
    const partial = await run(mixed, one!.taxonomy, sources, { since: half });
    expect(partial.need.kind).toBe('scope');
    const store = openStore(mixed);
    expect(store.tagVersions.list().map((v) => v.id)).toEqual([
      taggingVersion(BASE, SOURCES).id,
      taggingVersion(one!.taxonomy, [...sources.values()]).id,
    ]);
    store.close();
    // The second edit alone, from both: what the first changed must be undone on the older half too.
    const { r, same, scoped } = await scopedEqualsFull({ name: 'over two versions', taxonomy: two!.taxonomy }, mixed);
    expect(r.need).toMatchObject({ kind: 'scope', changed: { topics: ['labour', 'strikes'] } });
    expect(same).toBe(true);
    // A complete retag leaves its version the only one recorded.
    const after = openStore(scoped);
    expect(after.tagVersions.list().map((v) => v.id)).toEqual([
      taggingVersion(two!.taxonomy, [...sources.values()]).id,
    ]);
    after.close();
  }, 120_000);

  it('tags every entry once when what some were tagged with is unknown, though ingest recorded its own since', async () => {
    const version = taggingVersion(BASE, [...sources.values()]);
    // A database from before versions were kept: the migration finds entries and records an unknown version.
    const old = copy();
    const db = new Database(old);
    db.exec('DROP TABLE tag_versions; PRAGMA user_version = 19;');
    db.close();
    // ... and one whose entries a one-thread retag tagged, with a tagger it was not told the taxonomy of.
    const untold = copy();
    const s = openStore(untold);
    retag(s, createTagger(BASE), sources, { batch: 500 });
    s.close();
    for (const file of [old, untold]) {
      const store = openStore(file);
      expect(store.tagVersions.list()).toEqual([{ id: 'unknown' }]);
      // A worker's cycle since then stored tags of the current version (ingest.ts).
      store.transaction(() => store.tagVersions.touch(version, Date.now()));
      store.close();
      const r = await run(file, BASE);
      expect(r.need).toMatchObject({ kind: 'all', why: expect.stringMatching(/no record/) });
      expect(r.entries).toBe(list.length);
      const after = openStore(file);
      expect(after.tagVersions.list().map((v) => v.id)).toEqual([version.id]);
      after.close();
      expect((await run(file, BASE)).need).toEqual({ kind: 'none' });
    }
  }, 120_000);

  it('re-tags everything when an edit reaches every entry or cannot be told', () => {
    const v = (t: Taxonomy) => taggingVersion(t, SOURCES);
    const cases: [string, Taxonomy, RegExp][] = [
      ['countries.yaml', { ...BASE, minCityPopulation: BASE.minCityPopulation + 1 }, /countries\.yaml/],
      ['a model topic', withTopic(BASE, 'migration', () => undefined), /migration is new and the topic model/],
      [
        'a pattern with no fixed word',
        withTopic(BASE, 'war', (d) => ({ ...d, patterns: [...d.patterns, '\\b[a-z]+\\b'] })),
        /no word every match holds/,
      ],
    ];
    for (const [name, from, why] of cases) {
      // From the edited taxonomy back to the shipped one: a model topic comes back.
      const need = retagNeed([v(from)], v(BASE));
      expect(need.kind, name).toBe('all');
      expect(need.kind === 'all' && need.why, name).toMatch(why);
    }
    expect(retagNeed([], v(BASE))).toMatchObject({ kind: 'all', why: expect.stringMatching(/no record/) });
    expect(retagNeed([v(BASE)], v(BASE))).toEqual({ kind: 'none' });
  });
});

describe('wireroom fetch and retag after an edit of topics.yaml', () => {
  const tmp = tempDir();
  let server: TestServer;
  let configDir: string;
  const db = path.join(tmp.dir, 'db', 'wireroom.sqlite');
  const run = (...args: string[]) => cli(['--config', configDir, '--db', db, ...args]);
  const items = entries().slice(0, 40);
  beforeAll(async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://127.0.0.1/</link>
      <description>d</description>${items
        .map(
          (e, i) =>
            `<item><title><![CDATA[${e.title}]]></title><link>http://127.0.0.1/${i}</link><guid>g${i}</guid>` +
            `<description><![CDATA[${e.summary}]]></description><pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate></item>`,
        )
        .join('')}</channel></rss>`;
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss);
    });
    configDir = writeConfig(tmp.dir, { sources: `sources:\n  - id: wire\n    url: ${server.url}/feed.xml\n` });
    writeFileSync(path.join(configDir, 'topics.yaml'), readFileSync(path.join(REPO_ROOT, 'config/topics.yaml')));
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('records what ingest tagged with, finds nothing to retag, then retags only what an added keyword touches', async () => {
    const fetched = await run('fetch');
    expect(fetched.code, fetched.err).toBe(0);
    const nothing = await run('retag');
    expect(nothing.out).toMatch(/^nothing to retag: every entry is tagged with the current taxonomy/);

    const file = path.join(configDir, 'topics.yaml');
    const text = readFileSync(file, 'utf8');
    // "government" as an English keyword of labour, in the first English list after its slug.
    const at = text.indexOf('\n', text.indexOf('en: [', text.indexOf('- slug: labour')));
    const edited = `${text.slice(0, at).replace(/\]$/, ', government]')}${text.slice(at)}`;
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const holding = items.filter((e) => /government/i.test(`${e.title} ${e.summary}`)).length;
    const scoped = await run('retag');
    expect(scoped.code, scoped.err).toBe(0);
    const m = /^retagged (\d+) of (\d+) entries in [\d.]+ s: those topics labour can change/.exec(scoped.out);
    expect(m, scoped.out).not.toBeNull();
    expect(Number(m![2])).toBe(items.length);
    expect(Number(m![1])).toBeGreaterThanOrEqual(holding);
    expect(Number(m![1])).toBeLessThan(items.length);

    const all = await run('retag', '--all');
    expect(all.out).toMatch(
      new RegExp(`^retagged ${items.length} entries in [\\d.]+ s \\(\\d+ entries/s\\): every entry`),
    );
  }, 120_000);
});
