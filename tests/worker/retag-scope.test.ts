// A retag after an edit re-tags only the entries the edit can change (src/tag/scope.ts), and leaves every tag table as
// a retag of every entry does. Each edit below is made to the shipped taxonomy; the entries are 1,899 headlines and
// summaries by several writers (the labelled set, dev10-dev14), from sources with priors and with categories
// (tests/helpers/retag-edits.ts). On PostgreSQL: tests/worker-pg/retag-scope.test.ts.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { createTagger, inScope, loadTaxonomy, retagNeed, taggingVersion, type Taxonomy } from '../../src/tag/index.ts';
import { retag, retagOnThreads } from '../../src/worker/index.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import {
  BASE,
  SOURCES,
  edits as editsOf,
  entries,
  expectScopedAsFull,
  withRoles,
  withTopic,
  type Edit,
} from '../helpers/retag-edits.ts';
import { tagTableLines } from '../helpers/tag-tables.ts';

/** How many entries' tag sets differ between two dumps. */
const differing = (a: string[], b: string[]) => a.filter((line, i) => line !== b[i]).length;

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
  const run = async (
    file: string,
    t: Taxonomy,
    s = sources,
    opts: { all?: boolean; since?: string; threads?: number } = {},
  ) => {
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

  /**
   * The edit retagged in its scope and in full (inline) from `from`: the same tables, fewer entries tagged. The scoped
   * retag inline (`threads: 0`, the scope tested on the main thread) or on two prepare threads (tested there).
   */
  async function scopedEqualsFull(edit: Edit, from = base, threads = 0) {
    const scoped = copy(from);
    const full = copy(from);
    const r = await run(scoped, edit.taxonomy, edit.sources, { threads });
    const all = await run(full, edit.taxonomy, edit.sources, { all: true });
    const changed = differing(tagTableLines(full), tagTableLines(from));
    return { r, all, scoped, full, changed, same: tagTableLines(scoped).join('\n') === tagTableLines(full).join('\n') };
  }

  const edits = () => editsOf(list);

  it.each([0, 2])(
    're-tags only the entries an edit can change, and leaves the same tables as a retag of every entry (%i threads)',
    async (threads) => {
      for (const edit of edits()) {
        expectScopedAsFull(edit.name, await scopedEqualsFull(edit, base, threads), list.length);
      }
    },
    240_000,
  );

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

  it("an edit of a person's name reaches the entries that name the surname alone", () => {
    const v = (t: Taxonomy) => taggingVersion(t, SOURCES);
    const edited = { ...BASE, aliases: BASE.aliases.filter((a) => a.name !== 'Luís Montenegro') };
    const entry = { sourceId: 'wire', title: 'Montenegro recebe Zelensky em São Bento', summary: '', categories: [] };
    const countriesBy = (t: Taxonomy) =>
      createTagger(t)
        .tag({ title: entry.title, language: 'pt' })
        .filter((g) => g.kind === 'country')
        .map((g) => g.value);
    // The edit changes this entry's tags (Montenegro the prime minister, or the country)...
    expect(countriesBy(BASE)).not.toContain('ME');
    expect(countriesBy(edited)).toContain('ME');
    // ... so its scope holds it, either way.
    for (const [from, to] of [
      [BASE, edited],
      [edited, BASE],
    ] as const) {
      const need = retagNeed([v(from)], v(to));
      expect(need).toMatchObject({ kind: 'scope', changed: { names: ['Luís Montenegro'] } });
      expect(need.kind === 'scope' && inScope(need.scope, entry, false)).toBe(true);
      expect(need.kind === 'scope' && inScope(need.scope, { ...entry, title: 'Zelensky em São Bento' }, false)).toBe(
        false,
      );
    }
  });

  it('re-tags everything when an edit reaches every entry or cannot be told', () => {
    const v = (t: Taxonomy) => taggingVersion(t, SOURCES);
    const cases: [string, Taxonomy, RegExp][] = [
      ['countries.yaml', { ...BASE, minCityPopulation: BASE.minCityPopulation + 1 }, /countries\.yaml/],
      [
        'two names swapped',
        { ...BASE, aliases: [BASE.aliases[1]!, BASE.aliases[0]!, ...BASE.aliases.slice(2)] },
        /countries\.yaml: names were moved/,
      ],
      [
        'a name of no word',
        { ...BASE, aliases: [...BASE.aliases, { name: '…', country: 'PE', needsContext: false }] },
        /countries\.yaml: the name "…" has no word/,
      ],
      ['a model topic', withTopic(BASE, 'migration', () => undefined), /migration is new and the topic model/],
      [
        "a language's role articles",
        withRoles(BASE, 'en', (r) => ({ ...r, articles: [...(r.articles ?? []), 'a'] })),
        /roles: the articles of en changed/,
      ],
      [
        'two role frames swapped',
        withRoles(BASE, 'de', (r) => ({ ...r, frames: [r.frames![1]!, r.frames![0]!, ...r.frames!.slice(2)] })),
        /roles: phrases or frames of de were moved/,
      ],
      [
        'a language without role words',
        { ...BASE, roles: Object.fromEntries(Object.entries(BASE.roles ?? {}).filter(([l]) => l !== 'pt')) },
        /roles: a language was added, removed or moved/,
      ],
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
