import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCollections, loadCollections, shownEntry } from '../../src/publish/index.ts';
import { ftsQuery, type FeedFilter, type FeedReader } from '../../src/store/index.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { makeFixture, standardEntries, type Fixture } from './seed.ts';
import { siteOf } from './site.ts';

let f: Fixture;
beforeAll(() => {
  f = makeFixture(standardEntries(), {
    collections: `collections:
  - slug: andes-no-strikes
    title: Andes without strikes
    filter:
      countries: [PE, BO]
      exclude:
        topics: [strikes]
  - slug: strike-words
    title: Strike words
    filter:
      q: strike
`,
  });
});
afterAll(() => f?.cleanup());

/** Keys of the entries a filter publishes, with the keys listed as "also reported by". */
async function keysOn(reader: FeedReader, filter: FeedFilter, limit = 50) {
  const byId = new Map([...f.byKey.values()].map((e) => [e.id, e.key]));
  return (await reader.page(filter, { limit, shownEntry })).items.map((i) => ({
    key: i.entry.key,
    also: i.also.map((a) => byId.get(a.entryId)),
  }));
}

// The same assertions on SQLite and on a PostgreSQL copy of the same fixture (tests/helpers/stores.ts).
describe.each(stores().map((s) => [`${s.kind}${s.skip}`, s] as const))(
  'feed queries on %s: one item per story',
  (_name, s) => {
    let reader: FeedReader;
    const keys = (filter: FeedFilter, limit = 50) => keysOn(reader, filter, limit);
    const only = skipArm(s) ? it.skip : it;
    beforeAll(async () => {
      if (!skipArm(s)) reader = await s.reader(f);
    });
    afterAll(() => s.close());

    only('publishes the representative with the others as also-reported-by', async () => {
      expect(await keys({ require: [{ countries: ['PE'] }] })).toEqual([
        { key: 'pe-protest', also: [] },
        { key: 'pe-strike', also: ['pe-strike-copy', 'pe-strike-wire'] },
      ]);
    });

    only('falls back to the earliest matching entry when the representative does not match', async () => {
      expect((await keys({ require: [{ sources: ['wire'] }] })).map((i) => i.key)).toEqual([
        'world',
        'pe-mention',
        'pe-strike-wire',
      ]);
      expect(
        (await keys({ require: [{ sources: ['lared', 'wire'] }] })).find((i) => i.key.startsWith('pe-strike')),
      ).toEqual({
        key: 'pe-strike-copy',
        also: ['pe-strike', 'pe-strike-wire'],
      });
    });

    only('counts a country only where the entry is about it, not where it is mentioned', async () => {
      expect((await keys({ require: [{ countries: ['PE'] }] })).map((i) => i.key)).not.toContain('pe-mention');
      expect((await keys({ require: [{ countries: ['CL'] }] })).map((i) => i.key)).toEqual(['pe-mention']);
    });

    only('ANDs clauses, ORs terms within a clause, and applies exclusions', async () => {
      expect(
        (await keys({ require: [{ countries: ['PE', 'BO'] }, { topics: ['protests'] }] })).map((i) => i.key),
      ).toEqual(['pe-protest', 'bo-protest']);
      expect((await keys({ require: [{ countries: ['BO'], regions: ['south-america'] }] })).map((i) => i.key)).toEqual([
        'pe-protest',
        'bo-protest',
        'bo-election',
      ]);
      expect(
        (await keys({ require: [{ countries: ['PE', 'BO'] }], exclude: { topics: ['strikes'] } })).map((i) => i.key),
      ).toEqual(['pe-protest', 'bo-protest', 'bo-election']);
      expect((await keys({ exclude: { sources: ['wire', 'andina'], q: ['election'] } })).map((i) => i.key)).toEqual([
        'bo-protest',
        'pe-strike-copy',
      ]);
    });

    only('full-text q matches words, phrases and prefixes; hostile input is escaped, not run', async () => {
      expect((await keys({ q: ['strike'] })).map((i) => i.key)).toEqual(['pe-strike']);
      expect((await keys({ q: ['"La Paz"'] })).map((i) => i.key)).toEqual(['bo-protest']);
      expect((await keys({ q: ['elect*'] })).map((i) => i.key)).toEqual(['bo-election']);
      expect((await keys({ q: ['Peru', 'strike'] })).map((i) => i.key)).toEqual(['pe-strike']);
      for (const bad of [
        'NEAR(a b',
        'a OR',
        '" unbalanced',
        '*',
        'AND NOT',
        'title:x',
        '^x',
        '(((',
        'x" OR "y',
        "it's",
      ]) {
        await expect(keys({ q: [bad] }), bad).resolves.toBeInstanceOf(Array);
      }
      expect(ftsQuery('a OR b')).toBe('"a" "OR" "b"');
      expect(ftsQuery('*** ---')).toBeUndefined();
    });

    only('pages by cursor without repeating or skipping a story; counts stories', async () => {
      const all = (await reader.page({}, { limit: 50, shownEntry })).items.map((i) => i.storyUid);
      const walked: string[] = [];
      let before;
      for (let n = 0; n < 20; n++) {
        const p = await reader.page({}, { limit: 2, before, shownEntry });
        walked.push(...p.items.map((i) => i.storyUid));
        if (!p.next) break;
        before = p.next;
      }
      expect(walked).toEqual(all);
      expect(all).toHaveLength(6);
      expect(await reader.count({})).toBe(6);
      expect(await reader.count({ require: [{ countries: ['PE'] }] }, 1)).toBe(1);
    });

    only('index stats count stories per tag and source, and the whole', async () => {
      const stats = await reader.stats();
      expect(stats.all.count).toBe(6);
      expect(stats.tags.find((t) => t.kind === 'country' && t.value === 'PE')).toEqual({
        kind: 'country',
        value: 'PE',
        // Stories about Peru: the strike (three reports) and the protest; the Chile story only mentions it.
        count: 2,
        lastPublishedAt: '2024-05-05T08:00:00.000Z',
      });
      expect(stats.sources.map((x) => [x.sourceId, x.count])).toEqual([
        ['andina', 2],
        ['bolnews', 2],
        ['lared', 1],
        ['wire', 3],
      ]);
      expect(await reader.hasTag('topic', 'strikes')).toBe(true);
      expect(await reader.hasTag('topic', 'floods')).toBe(false);
    });
  },
);

describe('FeedQueryRepo', () => {
  it('the data version moves with every write, and a feed page fingerprint only when what it shows changes', async () => {
    const site = siteOf(f);
    const fingerprint = async () => {
      const r = await site.resolve('feeds/country/bo.json');
      if (!r.ok) throw new Error(r.message);
      return r.resource.fingerprint;
    };
    const v1 = f.store.feeds.dataVersion();
    const fp1 = await fingerprint();
    f.store.fetchLog.add({
      sourceId: 'wire',
      startedAt: '2024-06-01T00:00:00Z',
      durationMs: 1,
      status: 'ok',
      bytes: 0,
      newCount: 0,
      updatedCount: 0,
      unchangedCount: 0,
    });
    expect(f.store.feeds.dataVersion()).not.toBe(v1);
    expect(await fingerprint()).toBe(fp1);
    const shown = f.byKey.get('bo-protest')!;
    const edit = f.store.db.prepare('UPDATE entries SET title = ?, updated_at = ? WHERE id = ?');
    edit.run('Edited title', '2024-06-02T00:00:00.000Z', shown.id);
    expect(await fingerprint()).not.toBe(fp1);
    edit.run(shown.title, shown.changedAt, shown.id);
    expect(await fingerprint()).toBe(fp1);
  });
});

describe('collections', () => {
  it('select exactly their entries through the site', async () => {
    const site = siteOf(f);
    const ids = async (p: string, q = '') => {
      const r = await site.resolve(p, new URLSearchParams(q));
      if (!r.ok) throw new Error(r.message);
      return JSON.parse(r.resource.render()).items.map((i: { url: string }) => i.url.split('/').pop());
    };
    expect(await ids('feeds/c/andes-no-strikes.json')).toEqual(['pe-protest', 'bo-protest', 'bo-election']);
    expect(await ids('feeds/c/strike-words.json')).toEqual(['pe-strike']);
    expect(await ids('feeds/c/andes-no-strikes.json', 'topic=protests')).toEqual(['pe-protest', 'bo-protest']);
    expect(await ids('feeds/all.json', 'country=pe,bo&q=protest')).toEqual(['pe-protest', 'bo-protest']);
    expect(await ids('feeds/all.json', 'source=bolnews&limit=1')).toEqual(['bo-protest']);
  });

  it('report problems as file:line: field: reason', () => {
    const file = path.join(f.configDir, 'collections.yaml');
    writeFileSync(
      file,
      'collections:\n  - slug: ok\n    title: OK\n  - slug: Bad Slug\n    title: x\n    filter:\n      countries: [XX]\n',
    );
    const problems = checkCollections(f.configDir);
    expect(problems.map((p) => `${p.line}: ${p.field}`)).toEqual(['4: collections[1].slug']);
    writeFileSync(
      file,
      'collections:\n  - slug: ok\n    title: OK\n    filter:\n      countries: [pe, XX]\n      q: "***"\n',
    );
    expect(() => loadCollections(f.configDir)).toThrow(
      /collections\.yaml:5: collections\[0\]\.filter\.countries\[1\]: unknown country code "XX"/,
    );
    expect(checkCollections(f.configDir).map((p) => p.field)).toEqual([
      'collections[0].filter.countries[1]',
      'collections[0].filter.q',
    ]);
  });

  it('the shipped config/collections.yaml is valid', () => {
    expect(checkCollections(path.resolve(import.meta.dirname, '../../config'))).toEqual([]);
  });
});
