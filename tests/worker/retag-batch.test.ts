// What retag writes per batch (TagRepo.replaceMany) leaves the same tag tables, row for row, as writing each entry
// on its own (TagRepo.replace): entries with no set yet, unchanged sets, changed sets, a new publication date, and
// editors' overrides on top.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import type { Entry, SourceConfig, Tag } from '../../src/types.ts';
import { tempDir } from '../helpers/env.ts';
import { tagTableLines, tagTables } from '../helpers/tag-tables.ts';

const SOURCE: SourceConfig = { id: 'wire', url: 'https://wire.example/feed', enabled: true, topics: [], trusted: true };
const COUNT = 400;

const entry = (i: number): Entry => ({
  sourceId: 'wire',
  key: `k${i}`,
  title: `Entry ${i}`,
  summary: '',
  contentHtml: '',
  authors: [],
  categories: [],
  enclosures: [],
  publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  dateFlags: [],
});

const COUNTRIES = ['PE', 'FR', 'DE', 'BR', 'JP'];
const TOPICS = ['strikes', 'coups', 'elections', 'economy'];

/** A tag set that depends on i and on the round (round 1 changes every third entry's). */
function tagsOf(i: number, round: number): Tag[] {
  const k = round === 1 && i % 3 === 0 ? i + 1 : i;
  const tags: Tag[] = [
    {
      kind: 'country',
      value: COUNTRIES[k % 5]!,
      score: 2 + (k % 4),
      role: 'focus',
      reason: { rule: 'country.name', match: 'x', field: 'title' },
    },
    {
      kind: 'country',
      value: COUNTRIES[(k + 2) % 5]!,
      score: 0.7,
      role: 'mention',
      reason: { rule: 'country.city', match: 'y', field: 'content' },
    },
    { kind: 'topic', value: TOPICS[k % 4]!, score: 1.5, reason: { rule: 'topic.keyword', field: 'summary' } },
  ];
  if (k % 7 === 0) tags.push({ kind: 'region', value: 'latin-america', score: 1, reason: { rule: 'region.name' } });
  return tags;
}

describe('TagRepo.replaceMany', () => {
  const tmp = tempDir();
  const base = path.join(tmp.dir, 'base.sqlite');
  let stored: { id: number; publishedAt: string }[] = [];
  beforeAll(() => {
    const store = openStore(base);
    store.sources.sync([SOURCE], '2024-01-01T00:00:00.000Z');
    stored = store.transaction(() =>
      store.entries.upsert(
        Array.from({ length: COUNT }, (_, i) => entry(i)),
        '2024-02-01T00:00:00.000Z',
      ),
    ).inserted;
    stored.sort((a, b) => a.id - b.id);
    // Round 0 stored for all but the last fifty (they have no set yet), then editors' decisions on a few.
    store.transaction(() =>
      stored.slice(0, -50).forEach((e, i) => store.tags.replace(e.id, e.publishedAt, tagsOf(i, 0))),
    );
    for (let i = 0; i < COUNT; i += 40) store.tags.setOverride(stored[i]!.id, 'topic', 'coups', 'add');
    for (let i = 5; i < COUNT; i += 40) store.tags.setOverride(stored[i]!.id, 'country', COUNTRIES[i % 5]!, 'remove');
    store.tags.setOverride(stored[COUNT - 1]!.id, 'country', 'PE', 'add');
    store.close();
  });
  afterAll(() => tmp.cleanup());

  /** Round 1 for every entry, one entry moved to a new publication date. */
  const round1 = () =>
    stored.map((e, i) => ({
      id: e.id,
      publishedAt: i === 7 ? '2025-06-01T00:00:00.000Z' : e.publishedAt,
      tags: tagsOf(i, 1),
    }));

  it('writes what replace writes entry by entry, and only the sets that changed', () => {
    const one = path.join(tmp.dir, 'one.sqlite');
    const many = path.join(tmp.dir, 'many.sqlite');
    copyFileSync(base, one);
    copyFileSync(base, many);
    const a = openStore(one);
    const changesA = a.db.prepare('SELECT total_changes()').pluck();
    const a0 = changesA.get() as number;
    a.transaction(() => round1().forEach((x) => a.tags.replace(x.id, x.publishedAt, x.tags)));
    const writtenOne = (changesA.get() as number) - a0;
    a.close();

    const b = openStore(many);
    const changes = b.db.prepare('SELECT total_changes()').pluck();
    const c0 = changes.get() as number;
    const items = round1();
    for (let i = 0; i < items.length; i += 64) b.transaction(() => b.tags.replaceMany(items.slice(i, i + 64)));
    const written = (changes.get() as number) - c0;
    // Overrides stay on top.
    expect(b.tags.list(stored[0]!.id).find((t) => t.value === 'coups')?.reason.rule).toBe('manual');
    expect(b.tags.list(stored[5]!.id).some((t) => t.value === COUNTRIES[0])).toBe(false);
    expect(b.tags.list(stored[COUNT - 1]!.id).find((t) => t.value === 'PE')?.role).toBe('focus');
    // Moved entries' feed rows are filed under their new date.
    const moved = b.db.prepare('SELECT DISTINCT published_at FROM entry_tags WHERE entry_id = ?').pluck();
    expect(moved.all(stored[7]!.id)).toEqual(['2025-06-01T00:00:00.000Z']);
    b.close();

    expect(tagTables(many)).toBe(tagTables(one));
    expect(tagTables(many)).not.toBe(tagTables(base));
    // The same rows written; unchanged sets (two entries in three of the ones stored) cost none: rewriting every
    // entry would take at least a set and two feed rows each, plus the deletes of the stored ones.
    expect(written).toBe(writtenOne);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(COUNT * 3);
  });

  it('writes a source s new entries (fresh: nothing to read first) as replace does for each', () => {
    const dumps = (['one', 'many'] as const).map((how) => {
      const file = path.join(tmp.dir, `fresh-${how}.sqlite`);
      const store = openStore(file);
      store.sources.sync([SOURCE], '2024-01-01T00:00:00.000Z');
      store.transaction(() => {
        const inserted = store.entries.upsert(
          Array.from({ length: 60 }, (_, i) => entry(i)),
          '2024-02-01T00:00:00.000Z',
        ).inserted;
        const items = inserted.map((e, i) => ({ id: e.id, publishedAt: e.publishedAt, tags: tagsOf(i, 0) }));
        if (how === 'many') store.tags.replaceMany(items, true);
        else for (const x of items) store.tags.replace(x.id, x.publishedAt, x.tags, true);
      });
      store.close();
      return tagTableLines(file);
    });
    expect(dumps[1]).toEqual(dumps[0]);
    // 60 sets, then the rows.
    expect(dumps[1]).toHaveLength(61);
  });

  it('writes nothing for a batch whose sets are all unchanged', () => {
    const file = path.join(tmp.dir, 'again.sqlite');
    copyFileSync(base, file);
    const store = openStore(file);
    const items = round1();
    store.transaction(() => store.tags.replaceMany(items));
    const changes = store.db.prepare('SELECT total_changes()').pluck();
    const c0 = changes.get() as number;
    store.transaction(() => store.tags.replaceMany(items));
    expect(changes.get()).toBe(c0);
    store.close();
  });
});
