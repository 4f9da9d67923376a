import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCollections, loadCollections, shownEntry } from '../../src/publish/index.ts';
import { ftsQuery, type FeedFilter } from '../../src/store/index.ts';
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
function keys(filter: FeedFilter, limit = 50) {
  const byId = new Map([...f.byKey.values()].map((e) => [e.id, e.key]));
  return f.store.feeds
    .page(filter, { limit, shownEntry })
    .items.map((i) => ({ key: i.entry.key, also: i.also.map((a) => byId.get(a.entryId)) }));
}

describe('FeedQueryRepo: one item per story', () => {
  it('publishes the representative with the others as also-reported-by', () => {
    expect(keys({ require: [{ countries: ['PE'] }] })).toEqual([
      { key: 'pe-protest', also: [] },
      { key: 'pe-strike', also: ['pe-strike-copy', 'pe-strike-wire'] },
    ]);
  });

  it('falls back to the earliest matching entry when the representative does not match', () => {
    expect(keys({ require: [{ sources: ['wire'] }] }).map((i) => i.key)).toEqual([
      'world',
      'pe-mention',
      'pe-strike-wire',
    ]);
    expect(keys({ require: [{ sources: ['lared', 'wire'] }] }).find((i) => i.key.startsWith('pe-strike'))).toEqual({
      key: 'pe-strike-copy',
      also: ['pe-strike', 'pe-strike-wire'],
    });
  });

  it('counts a country only where the entry is about it, not where it is mentioned', () => {
    expect(keys({ require: [{ countries: ['PE'] }] }).map((i) => i.key)).not.toContain('pe-mention');
    expect(keys({ require: [{ countries: ['CL'] }] }).map((i) => i.key)).toEqual(['pe-mention']);
  });

  it('ANDs clauses, ORs terms within a clause, and applies exclusions', () => {
    expect(keys({ require: [{ countries: ['PE', 'BO'] }, { topics: ['protests'] }] }).map((i) => i.key)).toEqual([
      'pe-protest',
      'bo-protest',
    ]);
    expect(keys({ require: [{ countries: ['BO'], regions: ['south-america'] }] }).map((i) => i.key)).toEqual([
      'pe-protest',
      'bo-protest',
      'bo-election',
    ]);
    expect(
      keys({ require: [{ countries: ['PE', 'BO'] }], exclude: { topics: ['strikes'] } }).map((i) => i.key),
    ).toEqual(['pe-protest', 'bo-protest', 'bo-election']);
    expect(keys({ exclude: { sources: ['wire', 'andina'], q: ['election'] } }).map((i) => i.key)).toEqual([
      'bo-protest',
      'pe-strike-copy',
    ]);
  });

  it('full-text q matches words, phrases and prefixes; hostile input is escaped, not run', () => {
    expect(keys({ q: ['strike'] }).map((i) => i.key)).toEqual(['pe-strike']);
    expect(keys({ q: ['"La Paz"'] }).map((i) => i.key)).toEqual(['bo-protest']);
    expect(keys({ q: ['elect*'] }).map((i) => i.key)).toEqual(['bo-election']);
    expect(keys({ q: ['Peru', 'strike'] }).map((i) => i.key)).toEqual(['pe-strike']);
    for (const bad of ['NEAR(a b', 'a OR', '" unbalanced', '*', 'AND NOT', 'title:x', '^x', '(((', 'x" OR "y']) {
      expect(() => keys({ q: [bad] }), bad).not.toThrow();
    }
    expect(ftsQuery('a OR b')).toBe('"a" "OR" "b"');
    expect(ftsQuery('*** ---')).toBeUndefined();
  });

  it('pages by cursor without repeating or skipping a story', () => {
    const all = f.store.feeds.page({}, { limit: 50, shownEntry }).items.map((i) => i.storyUid);
    const walked: string[] = [];
    let before;
    for (let n = 0; n < 20; n++) {
      const p = f.store.feeds.page({}, { limit: 2, before, shownEntry });
      walked.push(...p.items.map((i) => i.storyUid));
      if (!p.next) break;
      before = p.next;
    }
    expect(walked).toEqual(all);
    expect(all).toHaveLength(6);
  });

  it('the data version moves with every write, and a feed page fingerprint only when what it shows changes', () => {
    const site = siteOf(f);
    const fingerprint = () => {
      const r = site.resolve('feeds/country/bo.json');
      if (!r.ok) throw new Error(r.message);
      return r.resource.fingerprint;
    };
    const v1 = f.store.feeds.dataVersion();
    const fp1 = fingerprint();
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
    expect(fingerprint()).toBe(fp1);
    const shown = f.byKey.get('bo-protest')!;
    const edit = f.store.db.prepare('UPDATE entries SET title = ?, updated_at = ? WHERE id = ?');
    edit.run('Edited title', '2024-06-02T00:00:00.000Z', shown.id);
    expect(fingerprint()).not.toBe(fp1);
    edit.run(shown.title, shown.changedAt, shown.id);
    expect(fingerprint()).toBe(fp1);
  });
});

describe('collections', () => {
  it('select exactly their entries through the site', () => {
    const site = siteOf(f);
    const ids = (p: string, q = '') => {
      const r = site.resolve(p, new URLSearchParams(q));
      if (!r.ok) throw new Error(r.message);
      return JSON.parse(r.resource.render()).items.map((i: { url: string }) => i.url.split('/').pop());
    };
    expect(ids('feeds/c/andes-no-strikes.json')).toEqual(['pe-protest', 'bo-protest', 'bo-election']);
    expect(ids('feeds/c/strike-words.json')).toEqual(['pe-strike']);
    expect(ids('feeds/c/andes-no-strikes.json', 'topic=protests')).toEqual(['pe-protest', 'bo-protest']);
    expect(ids('feeds/all.json', 'country=pe,bo&q=protest')).toEqual(['pe-protest', 'bo-protest']);
    expect(ids('feeds/all.json', 'source=bolnews&limit=1')).toEqual(['bo-protest']);
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
