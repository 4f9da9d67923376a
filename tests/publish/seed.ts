// Test fixtures for publish and http: a real SQLite file, seeded through the store API.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type WireroomConfig } from '../../src/config/index.ts';
import { openStore, type Store, type StoredEntry } from '../../src/store/index.ts';
import type { Entry, Tag } from '../../src/types.ts';

export interface SeedEntry extends Partial<Entry> {
  sourceId: string;
  key: string;
  title: string;
  publishedAt: string;
  tags?: Pick<Tag, 'kind' | 'value' | 'role'>[];
  /** Key of an earlier seeded entry whose story this one joins. */
  joins?: string;
}

export interface Fixture {
  dir: string;
  configDir: string;
  dbFile: string;
  store: Store;
  config: WireroomConfig;
  byKey: Map<string, StoredEntry>;
  cleanup(): void;
}

const NOW = '2024-06-01T12:00:00.000Z';

/** Tags go through the tagging stage's repository (store.tags), the way the worker stores them. */
export function addTags(store: Store, entry: StoredEntry, tags: Pick<Tag, 'kind' | 'value' | 'role'>[]): void {
  store.tags.replace(
    entry.id,
    entry.publishedAt,
    tags.map((t) => ({
      ...t,
      role: t.role ?? (t.kind === 'country' ? 'focus' : undefined),
      score: 1,
      reason: { rule: 'test', field: 'manual' },
    })),
  );
}

/** Moves an entry into another's story (what story detection does), keeping the story's representative. */
export function joinStory(store: Store, entry: StoredEntry, storyOf: StoredEntry): void {
  const sid = (store.db.prepare('SELECT story_id FROM entries WHERE id = ?').get(storyOf.id) as { story_id: number })
    .story_id;
  const own = (
    store.db.prepare('SELECT story_id FROM entries WHERE id = ?').get(entry.id) as { story_id: number | null }
  ).story_id;
  store.db.prepare(`UPDATE entries SET story_id = ?, story_method = 'url' WHERE id = ?`).run(sid, entry.id);
  if (own !== null && own !== sid) store.db.prepare('DELETE FROM stories WHERE id = ?').run(own);
  store.db.prepare('UPDATE stories SET updated_at = ? WHERE id = ?').run(NOW, sid);
}

export function seedEntries(
  store: Store,
  list: SeedEntry[],
  byKey = new Map<string, StoredEntry>(),
): Map<string, StoredEntry> {
  store.transaction(() => {
    for (const s of list) {
      const e: Entry = {
        guid: s.key,
        url: `https://${s.sourceId}.example/${s.key}`,
        summary: `Summary of ${s.title}`,
        contentHtml: `<p>Body of <b>${s.title.replace(/[<&]/g, '')}</b></p>`,
        authors: [{ name: `Reporter ${s.key}` }],
        categories: [],
        enclosures: [],
        dateFlags: [],
        language: 'en',
        ...s,
      } as Entry;
      const r = store.entries.upsert([e], NOW);
      const stored = r.inserted[0]!;
      store.stories.found(stored, NOW);
      if (s.tags) addTags(store, stored, s.tags);
      if (s.joins) joinStory(store, stored, byKey.get(s.joins)!);
      byKey.set(s.key, store.entries.get(stored.id)!);
    }
  });
  return byKey;
}

export const SOURCES = ['andina', 'lared', 'wire', 'bolnews'];

export function makeFixture(entries: SeedEntry[], opts: { collections?: string; main?: string } = {}): Fixture {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-pub-'));
  const configDir = path.join(dir, 'config');
  mkdirSync(configDir);
  writeFileSync(
    path.join(configDir, 'wireroom.yaml'),
    opts.main ??
      `site:\n  title: Test Wire\n  description: Test feeds\n  base_url: https://wire.example/\n  language: en\nserver:\n  cache_max_age: 120\npublish:\n  default_limit: 10\n  max_limit: 50\n`,
  );
  writeFileSync(
    path.join(configDir, 'sources.yaml'),
    `sources:\n${SOURCES.map((s) => `  - id: ${s}\n    url: https://${s}.example/feed.xml\n    title: ${s[0]!.toUpperCase()}${s.slice(1)} News\n`).join('')}`,
  );
  writeFileSync(
    path.join(configDir, 'topics.yaml'),
    'topics:\n  - slug: strikes\n    label: Strikes\n  - slug: protests\n    label: Protests\n  - slug: elections\n    label: Elections\n  - slug: labour\n    label: Labour\n',
  );
  writeFileSync(
    path.join(configDir, 'collections.yaml'),
    opts.collections ?? readFileSync(path.resolve(import.meta.dirname, '../../config/collections.yaml')),
  );
  const dbFile = path.join(dir, 'db', 'test.sqlite');
  const config = loadConfig(configDir, { db: dbFile });
  const store = openStore(dbFile);
  store.sources.sync(config.sources, NOW);
  const byKey = seedEntries(store, entries);
  return {
    dir,
    configDir,
    dbFile,
    store,
    config,
    byKey,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small world: Peru and Bolivia stories, a strike carried by three sources, a control character, an enclosure. */
export function standardEntries(): SeedEntry[] {
  return [
    {
      sourceId: 'andina',
      key: 'pe-strike',
      title: 'National strike in Peru',
      publishedAt: '2024-05-01T08:00:00.000Z',
      tags: [
        { kind: 'country', value: 'PE' },
        { kind: 'region', value: 'latin-america' },
        { kind: 'topic', value: 'strikes' },
      ],
    },
    {
      sourceId: 'lared',
      key: 'pe-strike-copy',
      title: 'Peru: unions strike nationwide',
      publishedAt: '2024-05-01T09:30:00.000Z',
      tags: [
        { kind: 'country', value: 'PE' },
        { kind: 'topic', value: 'strikes' },
      ],
      joins: 'pe-strike',
    },
    {
      sourceId: 'wire',
      key: 'pe-strike-wire',
      title: 'Strike paralyses Lima',
      publishedAt: '2024-05-01T10:00:00.000Z',
      tags: [{ kind: 'country', value: 'PE' }],
      joins: 'pe-strike',
    },
    {
      sourceId: 'bolnews',
      key: 'bo-election',
      title: 'Bolivia sets election date',
      publishedAt: '2024-05-02T08:00:00.000Z',
      tags: [
        { kind: 'country', value: 'BO' },
        { kind: 'region', value: 'latin-america' },
        { kind: 'topic', value: 'elections' },
      ],
    },
    {
      sourceId: 'bolnews',
      key: 'bo-protest',
      title: 'Protest in La Paz \u0007 over fuel',
      publishedAt: '2024-05-03T08:00:00.000Z',
      tags: [
        { kind: 'country', value: 'BO' },
        { kind: 'topic', value: 'protests' },
      ],
      enclosures: [{ url: 'https://bolnews.example/audio/report.mp3', type: 'audio/mpeg', length: 12345 }],
    },
    {
      sourceId: 'wire',
      key: 'pe-mention',
      title: 'Chile talks mention Peru',
      publishedAt: '2024-05-04T08:00:00.000Z',
      tags: [
        { kind: 'country', value: 'CL' },
        { kind: 'country', value: 'PE', role: 'mention' },
      ],
    },
    {
      sourceId: 'andina',
      key: 'pe-protest',
      title: 'Students <march> & "protest" in Cusco',
      publishedAt: '2024-05-05T08:00:00.000Z',
      tags: [
        { kind: 'country', value: 'PE' },
        { kind: 'topic', value: 'protests' },
        { kind: 'region', value: 'south-america' },
      ],
    },
    { sourceId: 'wire', key: 'world', title: 'Markets close higher', publishedAt: '2024-05-06T08:00:00.000Z' },
  ];
}

/** Makes `entry` its story's representative (what source priorities decide in story detection). */
export function setRepresentative(store: Store, entry: StoredEntry): void {
  store.db
    .prepare(
      'UPDATE stories SET representative_entry_id = ?, published_at = ? WHERE id = (SELECT story_id FROM entries WHERE id = ?)',
    )
    .run(entry.id, entry.publishedAt, entry.id);
}
