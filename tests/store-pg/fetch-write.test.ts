// The fenced, batched write of one fetched source on a real PostgreSQL: it stores what SQLite's repositories store
// for the same batches (entries, tags, counts), in a number of statements that does not grow with the entries, and
// a worker whose lease ran out or was taken writes nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { openPgStore, type FetchWrite, type PgStore } from '../../src/store/pg/index.ts';
import type { Entry, SourceConfig, Tag } from '../../src/types.ts';
import { tempDir } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const T0 = '2024-05-01T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const source = (id: string): SourceConfig => ({
  id,
  url: `https://${id}.example/feed.xml`,
  enabled: true,
  topics: [],
  trusted: true,
});

function entry(sourceId: string, n: number, edit = ''): Entry {
  const key = `k${String(n).padStart(3, '0')}`;
  return {
    sourceId,
    key,
    guid: key,
    url: `https://example.org/${key}`,
    title: `Title ${key}${edit}`,
    summary: `Summary of ${key}`,
    contentHtml: `<p>Body of ${key}: São Paulo &amp; Ñandú</p>`,
    authors: [{ name: 'Ann' }],
    categories: ['world'],
    enclosures: [],
    language: 'en',
    publishedAt: at(n * 60),
    dateFlags: [],
  };
}

const tag = (kind: Tag['kind'], value: string, score: number, role?: Tag['role']): Tag => ({
  kind,
  value,
  score,
  ...(role ? { role } : {}),
  reason: { rule: `${kind}.rule`, match: value, field: 'title' },
});

/** Tags by key: a focus country, a mentioned one (kept in the set, not published), a topic. */
const tagsFor = (entries: Entry[], country = 'PE') =>
  Object.fromEntries(
    entries.map((e) => [
      e.key,
      [tag('country', country, 3, 'focus'), tag('country', 'CL', 1, 'mention'), tag('topic', 'coups', 2)],
    ]),
  );

describe.skipIf(postgresMissing)(`the fenced batched write on PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  let tmp: ReturnType<typeof tempDir>;
  let pg: PgStore;
  let lite: Store;
  const queries: string[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    tmp = tempDir('wireroom-pgwrite-');
    pg = await openPgStore(server.url('wireroom'), { onQuery: (sql) => queries.push(sql) });
    lite = openStore(path.join(tmp.dir, 'db.sqlite'));
  });
  afterAll(async () => {
    await pg?.close();
    lite?.close();
    tmp?.cleanup();
    server?.stop();
  });

  /** Claims the source for `owner` and writes `entries` with `tags` as fetched at `now`; the next fetch is due at once. */
  async function pgWrite(owner: string, now: string, entries: Entry[], tags: Record<string, Tag[]>) {
    const sourceId = entries[0]?.sourceId ?? 'src';
    const claimed = await pg.sources.claimDueSources(owner, now, 100, 60, 10, [sourceId]);
    expect(claimed.map((c) => c.id)).toEqual([sourceId]);
    queries.length = 0;
    const r = await pg.storeFetch(owner, now, write(sourceId, now, entries, tags));
    if (!r.stored) throw new Error('lease lost');
    return r.result;
  }

  function write(sourceId: string, now: string, entries: Entry[], tags?: Record<string, Tag[]>): FetchWrite {
    return {
      sourceId,
      entries,
      ...(tags ? { tags } : {}),
      record: { status: 'ok', fetchedAt: now, nextFetchAt: now, etag: '"v1"' },
      log: { startedAt: now, durationMs: 12.4, status: 'ok', httpStatus: 200, bytes: 1000 },
    };
  }

  /** What SQLite's repositories do with the same batch, as the worker calls them (src/worker/ingest.ts). */
  function liteWrite(now: string, entries: Entry[], tags: Record<string, Tag[]>) {
    return lite.transaction(() => {
      const r = lite.entries.upsert(entries, now);
      for (const e of [...r.inserted, ...r.updated]) lite.tags.replace(e.id, e.publishedAt, tags[e.key] ?? []);
      return r;
    });
  }

  async function pgTable(sql: string) {
    return (await pg.db.query(sql)).rows;
  }

  it('stores what SQLite stores, batch after batch: new, duplicate, tombstoned, unchanged, edited, overridden', async () => {
    await pg.sources.sync([source('src')], T0);
    lite.sources.sync([source('src')], T0);
    // k005 was removed by an editor earlier: neither store brings it back.
    await pg.db.query(`INSERT INTO tombstones VALUES ('src', 'k005', $1, 'editor')`, [T0]);
    lite.db.prepare(`INSERT INTO tombstones VALUES ('src', 'k005', ?, 'editor')`).run(T0);

    const first = Array.from({ length: 20 }, (_, i) => entry('src', i));
    first.push({ ...entry('src', 3), title: 'a second copy of k003 in the same feed' });
    const batches: { now: string; entries: Entry[]; tags: Record<string, Tag[]> }[] = [
      { now: at(1000), entries: first, tags: tagsFor(first) },
      { now: at(2000), entries: first, tags: tagsFor(first) },
      // Two edits and one new entry; the edited ones now name another country.
      {
        now: at(3000),
        entries: [
          ...first.slice(0, 20).map((e, n) => (n === 7 || n === 9 ? entry('src', n, ' (updated)') : e)),
          entry('src', 20),
        ],
        tags: tagsFor([...first, entry('src', 20)], 'BO'),
      },
    ];
    for (const b of batches) {
      const want = liteWrite(b.now, b.entries, b.tags);
      const got = await pgWrite('w1', b.now, b.entries, b.tags);
      expect(got).toEqual(want);
    }
    const [r1, r2] = [liteWrite(at(4000), first, {}), await pgWrite('w1', at(4000), first, {})];
    expect(r2).toEqual(r1);

    // An editor's override applies on top of the next computed tags, on both sides.
    const k007 = (await pgTable(`SELECT id FROM entries WHERE key = 'k007'`))[0] as { id: number };
    lite.tags.setOverride(k007.id, 'country', 'AR', 'add', at(5000));
    await pg.db.query(`INSERT INTO tag_overrides VALUES ($1, 'country', 'AR', 'add', $2)`, [k007.id, at(5000)]);
    const edited = [entry('src', 7, ' (again)')];
    expect(await pgWrite('w1', at(6000), edited, tagsFor(edited))).toEqual(
      liteWrite(at(6000), edited, tagsFor(edited)),
    );

    const same = (sql: string) => async () =>
      expect(await pgTable(sql)).toEqual(lite.db.prepare(sql.replace(/ COLLATE "C"/g, '')).all());
    await same(`SELECT * FROM entry_tags ORDER BY kind, value, published_at, entry_id`)();
    await same(`SELECT * FROM entry_tag_sets ORDER BY entry_id`)();
    await same(
      `SELECT id, key, title, content_hash, first_seen_at, updated_at, published_at FROM entries ORDER BY id`,
    )();
    // One entry count and one fetch_log row per write, with what it stored.
    const [src] = await pgTable(`SELECT entry_count, etag, status, lease_owner FROM sources WHERE id = 'src'`);
    expect(src).toEqual({ entry_count: 20, etag: '"v1"', status: 'ok', lease_owner: null });
    expect(
      await pgTable('SELECT new_count, updated_count, unchanged_count, duration_ms FROM fetch_log ORDER BY id'),
    ).toEqual([
      { new_count: 19, updated_count: 0, unchanged_count: 0, duration_ms: 12 },
      { new_count: 0, updated_count: 0, unchanged_count: 19, duration_ms: 12 },
      { new_count: 1, updated_count: 2, unchanged_count: 17, duration_ms: 12 },
      { new_count: 0, updated_count: 2, unchanged_count: 17, duration_ms: 12 },
      { new_count: 0, updated_count: 1, unchanged_count: 0, duration_ms: 12 },
    ]);
    // The search vector follows the edit.
    const found = await pgTable(`SELECT key FROM entries WHERE search @@ to_tsquery('simple', 'again & nandu')`);
    expect(found).toEqual([{ key: 'k007' }]);
  });

  it("stores a source's entries in one INSERT, in as many statements for 40 entries as for 20", async () => {
    const statements: Record<number, string[]> = {};
    for (const n of [20, 40]) {
      const id = `batch${n}`;
      await pg.sources.sync([source(id)], T0);
      const entries = Array.from({ length: n }, (_, i) => entry(id, i));
      const r = await pgWrite('w2', at(100), entries, tagsFor(entries));
      expect(r.inserted.length).toBe(n);
      statements[n] = [...queries];
    }
    const inserts = (list: string[]) => list.filter((q) => /INSERT INTO entries\b/.test(q));
    expect(inserts(statements[20]!)).toHaveLength(1);
    expect(inserts(statements[40]!)).toHaveLength(1);
    expect(statements[40]!.length).toBe(statements[20]!.length);
    // BEGIN, fence, entries, tag sets, tag rows, fetch state with its log row, COMMIT.
    expect(statements[20]!.length).toBe(7);
    // A fetch with nothing to store (a 304, an error) is one statement: fence, fetch state and log row together.
    await pg.sources.claimDueSources('w2', at(200), 10, 60, 10, ['batch20']);
    queries.length = 0;
    const notModified = await pg.storeFetch('w2', at(200), {
      ...write('batch20', at(200), []),
      record: { status: 'not-modified', fetchedAt: at(200), nextFetchAt: at(1100) },
    });
    expect(notModified).toEqual({ stored: true, result: { inserted: [], updated: [], unchanged: 0, tombstoned: 0 } });
    expect(queries).toHaveLength(1);
    expect(await pgTable(`SELECT status, lease_owner FROM sources WHERE id = 'batch20'`)).toEqual([
      { status: 'not-modified', lease_owner: null },
    ]);
    expect(await pgTable(`SELECT count(*) AS n FROM fetch_log WHERE source_id = 'batch20'`)).toEqual([{ n: 2 }]);
    const rows = await pgTable(
      `SELECT count(*) AS n FROM entry_tags t JOIN entries e ON e.id = t.entry_id WHERE e.source_id = 'batch40'`,
    );
    expect(rows).toEqual([{ n: 80 }]);
  });

  it('stores text holding U+0000 (which PostgreSQL text cannot hold) with U+FFFD in its place', async () => {
    await pg.sources.sync([source('nul')], T0);
    await pg.sources.claimDueSources('w3', T0, 10, 60, 5, ['nul']);
    const e = { ...entry('nul', 1), title: 'a\u0000b' };
    const w = write('nul', T0, [e]);
    const r = await pg.storeFetch('w3', T0, {
      ...w,
      record: { ...w.record, status: 'error', error: 'starts with "\u0000\u0000<"' },
      log: { ...w.log, error: 'x\u0000' },
    });
    expect(r.stored).toBe(true);
    expect(await pgTable(`SELECT title FROM entries WHERE source_id = 'nul'`)).toEqual([{ title: 'a\uFFFDb' }]);
    expect(await pgTable(`SELECT last_error FROM sources WHERE id = 'nul'`)).toEqual([
      { last_error: 'starts with "\uFFFD\uFFFD<"' },
    ]);
    expect(await pgTable(`SELECT error FROM fetch_log WHERE source_id = 'nul'`)).toEqual([{ error: 'x\uFFFD' }]);
  });

  it('refuses the write of a worker whose lease ran out or was taken, and writes nothing', async () => {
    await pg.sources.sync([source('fenced')], T0);
    const entries = Array.from({ length: 5 }, (_, i) => entry('fenced', i));
    const state = async () => ({
      entries: await pgTable(`SELECT count(*) AS n FROM entries WHERE source_id = 'fenced'`),
      log: await pgTable(`SELECT count(*) AS n FROM fetch_log WHERE source_id = 'fenced'`),
      source: await pgTable(`SELECT status, last_fetch_at, etag, entry_count FROM sources WHERE id = 'fenced'`),
    });
    const untouched = {
      entries: [{ n: 0 }],
      log: [{ n: 0 }],
      source: [{ status: 'new', last_fetch_at: null, etag: null, entry_count: 0 }],
    };

    // Never claimed: refused, with entries or without (the one-statement path).
    expect(await pg.storeFetch('a', T0, write('fenced', T0, entries))).toEqual({ stored: false });
    expect(await pg.storeFetch('a', T0, write('fenced', T0, []))).toEqual({ stored: false });
    // Claimed for 30 s, written at 31 s: the lease ran out, nothing is written.
    await pg.sources.claimDueSources('a', T0, 10, 30, 5, ['fenced']);
    expect(await pg.storeFetch('a', at(31), write('fenced', at(31), entries))).toEqual({ stored: false });
    expect(await state()).toEqual(untouched);
    // b claims it after the lease ran out; a's late write is refused naming b, b's goes through.
    expect((await pg.sources.claimDueSources('b', at(32), 10, 30, 5, ['fenced'])).map((c) => c.id)).toEqual(['fenced']);
    expect(await pg.storeFetch('a', at(33), write('fenced', at(33), entries))).toEqual({ stored: false, holder: 'b' });
    expect(await pg.storeFetch('a', at(33), write('fenced', at(33), []))).toEqual({ stored: false, holder: 'b' });
    expect(await state()).toEqual(untouched);
    const ok = await pg.storeFetch('b', at(34), write('fenced', at(34), entries));
    expect(ok.stored && ok.result.inserted.length).toBe(5);
    expect(await state()).toEqual({
      entries: [{ n: 5 }],
      log: [{ n: 1 }],
      source: [{ status: 'ok', last_fetch_at: at(34), etag: '"v1"', entry_count: 5 }],
    });
    // The write ended b's lease: writing again without a new claim is refused.
    expect(await pg.storeFetch('b', at(35), write('fenced', at(35), entries))).toEqual({ stored: false });
  });
});
