// Story detection on a real PostgreSQL, in the fenced write of a source (src/dedup/assign-pg.ts,
// src/store/pg/stories.ts): the same stories as SQLite for the same entries in the same order; two workers storing
// two copies of one story at the same moment end in one story (and without the key locks they do not); a worker
// killed in the middle of the write leaves no story row behind.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignStory,
  createPgStoryAssigner,
  DEFAULT_STORY_SETTINGS,
  type AsyncStoryTables,
} from '../../src/dedup/index.ts';
import { openStore } from '../../src/store/index.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { clusterItems, shuffled, toEntry, type PairEntry } from '../eval/stories.ts';
import { REPO_ROOT, tempDir } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { prng } from '../helpers/prng.ts';

const NOW = '2024-01-01T00:00:00.000Z';
const source = (id: string): SourceConfig => ({
  id,
  url: `https://${id}.example/feed`,
  enabled: true,
  topics: [],
  trusted: true,
});

/** Two copies of one wire story, from two sources, with their own links: one story by similarity only. */
const copy = (sourceId: string, n: number): PairEntry => ({
  source: sourceId,
  title: n ? 'Magnitude 6.3 quake strikes western Afghanistan' : 'Magnitude 6.3 earthquake hits western Afghanistan',
  summary:
    'An earthquake of magnitude 6.3 struck western Afghanistan near the city of Herat on Saturday, the United ' +
    'States Geological Survey said, followed by several strong aftershocks.',
  url: `https://${sourceId}.example/2024/10/07/quake-${n}`,
  published: `2024-10-07T04:1${n}:00Z`,
  language: 'en',
});

describe.skipIf(postgresMissing)(`story detection on PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  let a: PgStore;
  let b: PgStore;
  let db = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    server?.stop();
  });

  /** Two connections (two workers) on a fresh database with these sources. */
  async function fresh(sourceIds: string[]) {
    await a?.close();
    await b?.close();
    const url = await server.createDatabase(`stories${++db}`);
    a = await openPgStore(url);
    b = await openPgStore(url);
    await a.sources.sync(sourceIds.map(source), NOW);
  }

  type Hook = (tables: AsyncStoryTables) => Promise<void>;
  const assigner = createPgStoryAssigner(DEFAULT_STORY_SETTINGS);

  /** One worker's write of one source's entries: claim, then the fenced write with stories; `before` runs first. */
  async function store(
    pg: PgStore,
    owner: string,
    entries: Entry[],
    before?: Hook,
    tablesOf = (t: AsyncStoryTables) => t,
  ) {
    const sourceId = entries[0]?.sourceId ?? '';
    expect((await pg.sources.claimDueSources(owner, NOW, 1, 60, 100, [sourceId])).map((c) => c.id)).toEqual([sourceId]);
    const r = await pg.storeFetch(owner, NOW, {
      sourceId,
      entries,
      record: { status: 'ok', fetchedAt: NOW, nextFetchAt: NOW },
      log: { startedAt: NOW, durationMs: 1, status: 'ok', bytes: 0 },
      stories: async (tables, written) => {
        await before?.(tables);
        return (await assigner.assign(tablesOf(tables), [...written.inserted, ...written.updated], NOW)).storiesMade;
      },
    });
    if (!r.stored) throw new Error(`${sourceId}: lease lost`);
    return r;
  }

  const storyOf = async (pg: PgStore) =>
    (
      await pg.db.query<{ source_id: string; story_id: number | null }>(
        'SELECT source_id, story_id FROM entries ORDER BY source_id',
      )
    ).rows;

  /** Both writes get as far as their stories, then both go on: neither has committed when the other looks. */
  async function atOnce(x: Entry, y: Entry, tablesOf?: (t: AsyncStoryTables) => AsyncStoryTables) {
    let release = () => {};
    const both = new Promise<void>((r) => (release = r));
    let arrived = 0;
    const barrier: Hook = async () => {
      if (++arrived === 2) release();
      await both;
    };
    return Promise.all([store(a, 'w1', [x], barrier, tablesOf), store(b, 'w2', [y], barrier, tablesOf)]);
  }

  it('decides as SQLite: the same stories for the eval entries, stored one source batch at a time', async () => {
    const { items } = clusterItems();
    // A slice of the eval in one seeded order: enough for URL matches, similarity, folds and language rules.
    const order = shuffled(
      items.map((_, i) => i),
      prng(7),
    ).slice(0, 160);
    const sources = [...new Set(order.map((i) => items[i]?.entry.source ?? ''))];
    await fresh(sources);
    const tmp = tempDir('wireroom-pgstories-');
    const lite = openStore(path.join(tmp.dir, 'db.sqlite'));
    try {
      lite.sources.sync(sources.map(source), NOW);
      const liteStory = new Map<number, number>();
      const pgEntry = new Map<number, number>();
      for (const i of order) {
        const e = toEntry((items[i] as { entry: PairEntry }).entry, `eval-${i}`);
        const stored = lite.transaction(() => {
          const r = lite.entries.upsert([e], NOW);
          for (const x of r.inserted) assignStory(lite, x, DEFAULT_STORY_SETTINGS, NOW);
          return r.inserted[0];
        });
        if (stored) liteStory.set(i, stored.id);
        const r = await store(a, 'w1', [e]);
        const id = r.stored ? r.result.inserted[0]?.id : undefined;
        if (id !== undefined) pgEntry.set(i, id);
      }
      const liteGroups = new Map<number, number[]>();
      for (const [i, id] of liteStory) {
        const s = lite.stories.membership(id).storyId ?? -id;
        liteGroups.set(s, [...(liteGroups.get(s) ?? []), i]);
      }
      const pgRows = (await a.db.query<{ id: number; story_id: number }>('SELECT id, story_id FROM entries')).rows;
      const pgStory = new Map(pgRows.map((r) => [r.id, r.story_id]));
      const pgGroups = new Map<number, number[]>();
      for (const [i, id] of pgEntry) {
        const s = pgStory.get(id) ?? -id;
        pgGroups.set(s, [...(pgGroups.get(s) ?? []), i]);
      }
      const partition = (g: Map<number, number[]>) =>
        [...g.values()].map((c) => c.sort((x, y) => x - y).join(',')).sort();
      expect(pgEntry.size).toBe(liteStory.size);
      // Some stories have several members, or the comparison says little.
      expect([...pgGroups.values()].filter((c) => c.length > 1).length).toBeGreaterThan(5);
      expect(partition(pgGroups)).toEqual(partition(liteGroups));
      // Every entry is in a story that exists, and every story has a member as its representative.
      const orphans = await a.db.query(
        `SELECT e.id FROM entries e LEFT JOIN stories s ON s.id = e.story_id WHERE s.id IS NULL`,
      );
      expect(orphans.rows).toEqual([]);
      const badReps = await a.db.query(
        `SELECT s.id FROM stories s LEFT JOIN entries e ON e.id = s.representative_entry_id AND e.story_id = s.id
          WHERE e.id IS NULL`,
      );
      expect(badReps.rows).toEqual([]);
    } finally {
      lite.close();
      tmp.cleanup();
    }
  });

  it('two workers storing two copies of one story at the same moment end in one story', async () => {
    await fresh(['north', 'south']);
    const [x, y] = await atOnce(toEntry(copy('north', 0), 'n0'), toEntry(copy('south', 1), 's1'));
    const rows = await storyOf(a);
    expect(rows.length).toBe(2);
    expect(rows[0]?.story_id).not.toBeNull();
    expect(rows[0]?.story_id).toBe(rows[1]?.story_id);
    // One of the two founded it, the other joined it.
    expect([x.storiesMade, y.storiesMade].sort()).toEqual([0, 1]);
    expect((await a.db.query('SELECT count(*)::int AS n FROM stories')).rows[0]).toEqual({ n: 1 });
  });

  it('two copies with one link (URL match), stored at the same moment, end in one story', async () => {
    await fresh(['north', 'south']);
    const link = 'https://wire.example/2024/10/07/quake';
    await atOnce(
      toEntry({ ...copy('north', 0), url: link, title: 'Quake', summary: 'Short.' }, 'n0'),
      toEntry({ ...copy('south', 1), url: link, title: 'Herat', summary: 'Other words.' }, 's1'),
    );
    const rows = await storyOf(a);
    expect(rows[0]?.story_id).toBe(rows[1]?.story_id);
  });

  it('without the key locks, the same interleaving makes two stories (what the locks prevent)', async () => {
    await fresh(['north', 'south']);
    // No locks, and each looks its candidates up before either writes a story (with the locks, the second lookup
    // would wait for the first commit instead).
    let release = () => {};
    const looked = new Promise<void>((r) => (release = r));
    let lookups = 0;
    const unlocked = (t: AsyncStoryTables): AsyncStoryTables =>
      Object.assign(Object.create(t) as AsyncStoryTables, {
        lockKeys: async () => {},
        lookupMany: async (...args: Parameters<AsyncStoryTables['lookupMany']>) => {
          const found = await t.lookupMany(...args);
          if (++lookups === 2) release();
          await looked;
          return found;
        },
      });
    await atOnce(toEntry(copy('north', 0), 'n0'), toEntry(copy('south', 1), 's1'), unlocked);
    const rows = await storyOf(a);
    expect(rows.length).toBe(2);
    expect(rows[0]?.story_id).not.toBe(rows[1]?.story_id);
  });

  it('a worker killed while writing stories leaves no story, key or membership behind', async () => {
    await fresh([]);
    const url = server.url(`stories${db}`);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'tests/store-pg/killed-stories-child.ts'), url, NOW],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const signal = await new Promise((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect([signal, out]).toEqual(['SIGKILL', '']);
    const count = async (sql: string) => (await a.db.query<{ n: number }>(sql)).rows[0]?.n;
    await until(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'`)) === 0,
      'the dead worker’s transaction to end',
    );
    // The child got as far as storing stories (it died on the fetch_log row that follows them).
    expect(await count(`SELECT count(*)::int AS n FROM sources WHERE lease_owner = 'doomed'`)).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM stories')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM story_keys')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM entries')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM story_merges')).toBe(0);
  });
});
