// Tag storage on a real SQLite file: each entry's set with reasons, and the rows feeds select by, stay in step
// through re-tagging, a changed date, editors' removals, retention, and the migration from the old layout.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOverrides, migrate, openStore, type Store } from '../../src/store/index.ts';
import { MIGRATIONS_DIR } from '../../src/store/db.ts';
import type { Entry, Tag } from '../../src/types.ts';
import { tempDir } from '../helpers/env.ts';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

const tag = (kind: Tag['kind'], value: string, role?: Tag['role'], score = 1): Tag => ({
  kind,
  value,
  score,
  ...(role ? { role } : {}),
  reason: { rule: 'test', field: 'title' },
});

function entry(key: string, publishedAt: string, title = `Title ${key}`): Entry {
  return {
    sourceId: 's',
    key,
    title,
    summary: '',
    contentHtml: '',
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt,
    dateFlags: [],
  };
}

/** The rows feeds select by, as (kind:value@date#id) strings. */
function published(store: Store): string[] {
  return (
    store.db.prepare('SELECT kind, value, published_at, entry_id FROM entry_tags ORDER BY 1, 2, 3, 4').all() as {
      kind: string;
      value: string;
      published_at: string;
      entry_id: number;
    }[]
  ).map((r) => `${r.kind}:${r.value}@${r.published_at.slice(0, 10)}#${r.entry_id}`);
}

/** A store's one source 's' and one stored entry 'a' (published 2024-01-02). */
function oneEntry(store: Store) {
  store.sources.sync(
    [{ id: 's', url: 'https://s.example/feed', enabled: true, topics: [], trusted: true }],
    '2024-01-01T00:00:00Z',
  );
  const [e] = store.transaction(() =>
    store.entries.upsert([entry('a', '2024-01-02T00:00:00.000Z')], '2024-01-03T00:00:00Z'),
  ).inserted;
  return e!;
}

describe('tag storage', () => {
  const tmp = tempDir();
  let store: Store | undefined;
  afterEach(() => store?.close());

  it('files only published tags (no country mentions) and keeps every tag with its reason in the set', () => {
    store = openStore(path.join(tmp.dir, 'a.sqlite'));
    const e = oneEntry(store);
    store.transaction(() =>
      store!.tags.replace(e!.id, e!.publishedAt, [
        tag('country', 'PE', 'focus', 3),
        tag('country', 'CL', 'mention', 0.5),
        tag('region', 'latin-america'),
        tag('topic', 'strikes', undefined, 2),
      ]),
    );
    expect(published(store)).toEqual([
      `country:PE@2024-01-02#${e!.id}`,
      `region:latin-america@2024-01-02#${e!.id}`,
      `topic:strikes@2024-01-02#${e!.id}`,
    ]);
    expect(store.tags.list(e!.id).map((t) => `${t.kind}:${t.value}:${t.role ?? ''}`)).toEqual([
      'country:PE:focus',
      'country:CL:mention',
      'region:latin-america:',
      'topic:strikes:',
    ]);
    expect(
      store.tags
        .publishedOf([e!.id])
        .get(e!.id)
        ?.map((t) => t.value),
    ).toEqual(['PE', 'latin-america', 'strikes']);

    // Re-tagged under a new date: the old rows go, the new ones are filed under the new date.
    store.transaction(() =>
      store!.tags.replace(e!.id, '2024-01-05T00:00:00.000Z', [tag('country', 'BO', 'focus'), tag('topic', 'strikes')]),
    );
    expect(published(store)).toEqual([`country:BO@2024-01-05#${e!.id}`, `topic:strikes@2024-01-05#${e!.id}`]);

    // An editor's removal takes the entry's rows and set with it.
    store.entries.remove(e!.id, 'editor', '2024-01-06T00:00:00Z');
    expect(published(store)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM entry_tag_sets').get()).toEqual({ n: 0 });
  });

  it('writes nothing when a retag finds the tags already stored, and applies overrides on top either way', () => {
    store = openStore(path.join(tmp.dir, 'same.sqlite'));
    const e = oneEntry(store);
    const computed = [tag('country', 'PE', 'focus', 3), tag('topic', 'strikes')];
    // Inserted in the same transaction: no overrides or old set to read.
    store.transaction(() => store!.tags.replace(e!.id, e!.publishedAt, computed, true));
    const changes = () => (store!.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    store.transaction(() => store!.tags.replace(e!.id, e!.publishedAt, computed));
    expect(changes()).toBe(before);
    expect(published(store)).toEqual([`country:PE@2024-01-02#${e!.id}`, `topic:strikes@2024-01-02#${e!.id}`]);

    // An editor's removal stays on top of the next retag, which then has something to write.
    expect(store.tags.setOverride(e!.id, 'topic', 'strikes', 'remove', '2024-01-04T00:00:00Z')).toBe(true);
    store.transaction(() => store!.tags.replace(e!.id, e!.publishedAt, computed));
    expect(published(store)).toEqual([`country:PE@2024-01-02#${e!.id}`]);
    expect(store.tags.list(e!.id).map((t) => t.value)).toEqual(['PE']);
  });

  it('retention removes the tags of pruned entries and only theirs', () => {
    store = openStore(path.join(tmp.dir, 'b.sqlite'));
    store.sources.sync(
      [{ id: 's', url: 'https://s.example/feed', enabled: true, topics: [], trusted: true }],
      '2024-01-01T00:00:00Z',
    );
    // Retention looks at both dates: published and first seen before the cutoff.
    const [old] = store.transaction(() =>
      store!.entries.upsert([entry('old', '2020-01-01T00:00:00.000Z')], '2020-01-02T00:00:00Z'),
    ).inserted;
    const [fresh] = store.transaction(() =>
      store!.entries.upsert([entry('new', '2024-01-01T00:00:00.000Z')], '2024-01-02T00:00:00Z'),
    ).inserted;
    for (const e of [old!, fresh!])
      store.transaction(() =>
        store!.tags.replace(e.id, e.publishedAt, [tag('country', 'PE', 'focus'), tag('topic', 'elections')]),
      );
    expect(store.entries.prune('2023-01-01T00:00:00Z', '2024-01-02T00:00:00Z')).toBe(1);
    expect(published(store)).toEqual([`country:PE@2024-01-01#${fresh!.id}`, `topic:elections@2024-01-01#${fresh!.id}`]);
  });

  it('the trigger deletes through the primary key, never by scanning the table', () => {
    store = openStore(path.join(tmp.dir, 'c.sqlite'));
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN DELETE FROM entry_tags WHERE entry_id = 1 AND (kind, value, published_at) IN (
        SELECT j.value ->> 'kind', j.value ->> 'value', s.published_at FROM entry_tag_sets s, json_each(s.tags) j WHERE s.entry_id = 1)`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/^SCAN entry_tags/m);
  });

  it('migrates the old one-row-per-tag layout: sets with reasons, mentions left out of the feed rows', () => {
    // A database as the previous release left it: migrations up to 005 only.
    const dir = path.join(tmp.dir, 'old-migrations');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => parseInt(f, 10) <= 5))
      cpSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    const file = path.join(tmp.dir, 'old.sqlite');
    const db = new Database(file);
    migrate(db, dir);
    db.prepare("INSERT INTO sources (id, url, created_at) VALUES ('s', 'https://s.example/feed', '2024-01-01')").run();
    db.prepare(
      `INSERT INTO entries (id, source_id, key, title, summary, content_html, published_at, content_hash, first_seen_at, updated_at)
      VALUES (7, 's', 'k', 'T', '', '', '2024-01-02T00:00:00.000Z', 'h', '2024-01-02', '2024-01-02')`,
    ).run();
    const ins = db.prepare(
      'INSERT INTO entry_tags (entry_id, kind, value, score, role, rule, match, field, published_at) VALUES (7, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    ins.run('country', 'PE', 3, 'focus', 'country.name', 'Peru', 'title', '2024-01-02T00:00:00.000Z');
    ins.run('country', 'CL', 0.5, 'mention', 'country.name', 'Chile', 'content', '2024-01-02T00:00:00.000Z');
    ins.run('topic', 'coups', 2, null, 'topic.keyword', 'coup', 'title', '2024-01-02T00:00:00.000Z');
    db.close();

    store = openStore(file);
    expect(published(store)).toEqual(['country:PE@2024-01-02#7', 'topic:coups@2024-01-02#7']);
    expect(store.tags.list(7)).toEqual([
      {
        kind: 'country',
        value: 'PE',
        score: 3,
        role: 'focus',
        reason: { rule: 'country.name', match: 'Peru', field: 'title' },
      },
      {
        kind: 'country',
        value: 'CL',
        score: 0.5,
        role: 'mention',
        reason: { rule: 'country.name', match: 'Chile', field: 'content' },
      },
      { kind: 'topic', value: 'coups', score: 2, reason: { rule: 'topic.keyword', match: 'coup', field: 'title' } },
    ]);
  });
});

describe('applyOverrides', () => {
  it('keeps a tag found twice once, where it came first, with its later score, overrides or none', () => {
    const tags = [tag('country', 'PE', 'focus', 2), tag('topic', 'strikes'), tag('country', 'PE', 'mention', 0.5)];
    const none = applyOverrides(tags, []);
    expect(none.map((t) => [t.value, t.role, t.score])).toEqual([
      ['PE', 'mention', 0.5],
      ['strikes', undefined, 1],
    ]);
    const added = applyOverrides(tags, [{ kind: 'topic', value: 'coups', action: 'add' }]);
    expect(added.slice(0, 2)).toEqual(none);
    expect(added.map((t) => t.value)).toEqual(['PE', 'strikes', 'coups']);
  });

  it('gives back the tags found, in order and as a new list, when there is nothing to apply', () => {
    const tags = [tag('topic', 'strikes'), tag('country', 'PE', 'focus', 3), tag('region', 'americas')];
    const out = applyOverrides(tags, []);
    expect(out).toEqual(tags);
    expect(out).not.toBe(tags);
  });
});
