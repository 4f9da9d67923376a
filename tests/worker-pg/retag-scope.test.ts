// A retag after an edit on PostgreSQL (issue #15) re-tags only the entries the edit can change, as on SQLite
// (tests/worker/retag-scope.test.ts, whose entries and edits this uses: tests/helpers/retag-edits.ts), and leaves both
// tag tables as a retag of every entry does. On a real server: each case starts from a copy of one database
// (CREATE DATABASE ... TEMPLATE), whose entries a first retag tagged.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { migratePg, openPgStore, PG_MIGRATIONS_DIR, type PgStore } from '../../src/store/pg/index.ts';
import { PgTagVersionRepo } from '../../src/store/pg/tag-versions.ts';
import { createTagger, taggingVersion, type Taxonomy } from '../../src/tag/index.ts';
import { retag, retagOnPostgres, retagOnThreads } from '../../src/worker/index.ts';
import { cli, tempDir } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { BASE, SOURCES, edits, entries, expectScopedAsFull, type Edit } from '../helpers/retag-edits.ts';

const NOW = '2024-02-01T00:00:00.000Z';

/** How many entries' tag sets differ between two dumps. */
const differing = (a: string[], b: string[]) => a.filter((line, i) => line !== b[i]).length;

describe.skipIf(postgresMissing)(`retag after an edit on PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  const tmp = tempDir('wireroom-pg-retag-');
  const list = entries();
  const sources = new Map(SOURCES.map((s) => [s.id, s]));
  const version = taggingVersion(BASE, [...sources.values()]);
  let n = 0;

  /** Runs one statement on the server's maintenance database (CREATE DATABASE cannot run in a pool's transaction). */
  async function admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** A new database holding what `from` holds; no connection to `from` may be open. */
  async function copy(from = 'base'): Promise<string> {
    const name = `copy${++n}`;
    await admin(`CREATE DATABASE ${name} TEMPLATE ${from}`);
    return name;
  }

  async function withPg<T>(name: string, fn: (store: PgStore) => Promise<T>, max = 2): Promise<T> {
    const store = await openPgStore(server.url(name), { max });
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }

  const run = (
    name: string,
    t: Taxonomy,
    s = sources,
    opts: { all?: boolean; since?: string; threads?: number } = {},
  ) => withPg(name, (store) => retagOnPostgres(store, t, s, { threads: 0, batch: 200, ...opts }));

  const versions = (name: string) => withPg(name, async (store) => (await store.tagVersions.list()).map((v) => v.id));

  /** Both tag tables in a fixed order. */
  const dump = (name: string) =>
    withPg(name, async (store) => {
      const sets = await store.db.query<{ entry_id: number; tags: string }>(
        'SELECT entry_id, tags FROM entry_tag_sets ORDER BY entry_id',
      );
      const rows = await store.db.query('SELECT * FROM entry_tags ORDER BY entry_id, kind, value');
      return [...sets.rows.map((s) => `${s.entry_id} ${s.tags}`), JSON.stringify(rows.rows)];
    });

  beforeAll(async () => {
    server = await startPostgres();
    await server.createDatabase('base');
    await withPg('base', async (store) => {
      await store.sources.sync(SOURCES, '2024-01-01T00:00:00.000Z');
      // A batch is one source's (as a fetch writes it).
      const ids: number[] = [];
      for (const source of SOURCES) {
        const { inserted } = await store.entries.upsert(
          list.filter((e) => e.sourceId === source.id),
          NOW,
        );
        ids.push(...inserted.map((e) => e.id));
      }
      expect(ids).toHaveLength(list.length);
      await store.db.query(`INSERT INTO tag_overrides VALUES ($1, 'topic', 'coups', 'add', $2)`, [ids[0], NOW]);
      // A new database: the migration found no entries, so nothing is recorded and the first retag tags all.
      expect(await store.tagVersions.list()).toEqual([]);
    });
    const first = await run('base', BASE);
    expect(first.need).toMatchObject({ kind: 'all', why: expect.stringMatching(/no record/) });
    expect(first.entries).toBe(list.length);
    expect(await versions('base')).toEqual([version.id]);
  }, 120_000);
  afterAll(() => {
    server?.stop();
    tmp.cleanup();
  });

  /**
   * The edit retagged in its scope and in full (inline) from `from`: the same tables, fewer entries tagged. The scoped
   * retag inline (`threads: 0`, the scope tested on the main thread) or on two prepare threads (tested there).
   */
  async function scopedEqualsFull(edit: Edit, from = 'base', threads = 0) {
    const [scoped, full] = [await copy(from), await copy(from)];
    const r = await run(scoped, edit.taxonomy, edit.sources, { threads });
    const all = await run(full, edit.taxonomy, edit.sources, { all: true });
    const [before, afterScoped, afterFull] = [await dump(from), await dump(scoped), await dump(full)];
    const changed = differing(afterFull, before);
    return { r, all, scoped, changed, same: afterScoped.join('\n') === afterFull.join('\n') };
  }

  it('finds nothing to do when nothing changed, and its record moves no feed', async () => {
    const again = await copy();
    await withPg(again, async (store) => {
      const dataVersion = await store.feeds.dataVersion();
      const none = await retagOnPostgres(store, BASE, sources, { threads: 0 });
      expect(none).toMatchObject({ entries: 0, examined: 0, written: 0, need: { kind: 'none' } });
      // What entries were tagged with is bookkeeping: recording, touching and forgetting a version is no feed change.
      const other = taggingVersion(BASE, []);
      await store.tagVersions.record(other);
      await store.db.transaction((tx) => new PgTagVersionRepo(tx).touch(other));
      await store.tagVersions.forgetBefore(version, Date.now() + 60_000);
      expect(await store.tagVersions.list()).toEqual([version]);
      expect(await store.feeds.dataVersion()).toBe(dataVersion);
    });
  });

  it.each([0, 2])(
    're-tags only the entries an edit can change, and leaves the same tables as a retag of every entry (%i threads)',
    async (threads) => {
      for (const edit of edits(list)) {
        const outcome = await scopedEqualsFull(edit, 'base', threads);
        expectScopedAsFull(edit.name, outcome, list.length);
        const { scoped } = outcome;
        // A complete retag leaves its version the only one recorded.
        expect(await versions(scoped)).toEqual([
          taggingVersion(edit.taxonomy, [...(edit.sources ?? sources).values()]).id,
        ]);
      }
    },
    240_000,
  );

  it('on the threads, tags again in full an entry in the scope that a worker edited after it was read', async () => {
    const name = await copy();
    const edit = edits(list)[0]!;
    const r = await withPg(name, (store) => {
      // The second batch's entry is edited after the threads tagged it, before its write locks it.
      let writes = 0;
      const racing = Object.create(store) as PgStore;
      racing.retagBatch = async (batch, tags, tagAgain) => {
        if (++writes === 2)
          await store.db.query(
            `UPDATE entries SET title = $2, summary = '', content_html = '', content_hash = 'edited' WHERE id = $1`,
            [batch[0]!.id, 'Dock workers strike in Lima, Peru over pay'],
          );
        return store.retagBatch(batch, tags, tagAgain);
      };
      return retagOnPostgres(racing, edit.taxonomy, sources, { threads: 2, batch: 50 });
    });
    expect(r.need.kind).toBe('scope');
    expect(r.entries).toBeGreaterThan(100);
    expect(r.reread).toBe(1);
    // What it wrote is what a retag of every entry finds: the edited entry too, tagged from its new text.
    const all = await run(name, edit.taxonomy, sources, { all: true });
    expect(all).toMatchObject({ entries: list.length, written: 0, reread: 0 });
  }, 120_000);

  it('covers entries tagged under any version still recorded (a retag since a date leaves the older ones)', async () => {
    const [one, two] = edits(list);
    const mixed = await copy();
    const half = list[list.length >> 1]!.publishedAt;
    expect((await run(mixed, one!.taxonomy, sources, { since: half })).need.kind).toBe('scope');
    const oneVersion = taggingVersion(one!.taxonomy, [...sources.values()]);
    expect(await versions(mixed)).toEqual([version.id, oneVersion.id]);
    const { r, same } = await scopedEqualsFull({ name: 'over two versions', taxonomy: two!.taxonomy }, mixed);
    expect(r.need).toMatchObject({ kind: 'scope', changed: { topics: ['labour', 'strikes'] } });
    expect(same).toBe(true);
  }, 120_000);

  it('--all tags every entry, even with nothing edited', async () => {
    const r = await run(await copy(), BASE, sources, { all: true });
    expect(r).toMatchObject({ entries: list.length, examined: list.length, written: 0 });
    expect(r.need).toEqual({ kind: 'all', why: 'every entry was asked for' });
  });

  it('tags every entry once after the migration finds a database of entries, though ingest recorded since', async () => {
    const old = await copy();
    // A database from before versions were kept: its tag_versions migration is applied to entries already there.
    await withPg(old, async (store) => {
      await store.db.query('DROP TABLE tag_versions');
      await store.db.query('DELETE FROM schema_migrations WHERE name = $1', ['010_tag_versions.sql']);
    });
    await withPg(old, async (store) => {
      expect(await store.tagVersions.list()).toEqual([{ id: 'unknown' }]);
      // A worker's write since then stored tags of the current version (src/store/pg/fetch-write.ts).
      await store.db.transaction((tx) => new PgTagVersionRepo(tx).touch(version));
    });
    const r = await run(old, BASE);
    expect(r.need).toMatchObject({ kind: 'all', why: expect.stringMatching(/no record/) });
    expect(r.entries).toBe(list.length);
    expect(await versions(old)).toEqual([version.id]);
    expect((await run(old, BASE)).need).toEqual({ kind: 'none' });
  }, 120_000);

  it('a retag starting waits for a write that touched a version, and tags what it stored', async () => {
    const name = await copy();
    // A connection for the write, one for the record, one to look.
    await withPg(
      name,
      async (store) => {
        const older = taggingVersion(BASE, []);
        let commit = () => {};
        const held = new Promise<void>((resolve) => (commit = resolve));
        // A worker's write with another taxonomy, touched and not committed yet.
        const writing = store.db.transaction(async (tx) => {
          await new PgTagVersionRepo(tx).touch(older);
          await held;
        });
        let recorded = false;
        const began = store.tagVersions.record(version).finally(() => {
          recorded = true;
        });
        await until(
          async () => {
            const { rows } = await store.db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return (rows[0]?.n ?? 0) > 0;
          },
          'the record to wait for the write',
          20_000,
        );
        expect(recorded).toBe(false);
        commit();
        await writing;
        // Touched before the retag began, so a complete retag forgets it: the retag reads what it stored.
        await store.tagVersions.forgetBefore(version, await began);
        expect((await store.tagVersions.list()).map((v) => v.id)).toEqual([version.id]);
      },
      3,
    );
  });

  describe('after `wireroom migrate` from SQLite', () => {
    const some = list.slice(0, 300);

    /** A SQLite database of `some`, tagged by `tag`. */
    async function sqlite(file: string, tag: (store: ReturnType<typeof openStore>) => Promise<unknown>) {
      const store = openStore(file);
      try {
        store.sources.sync(SOURCES, '2024-01-01T00:00:00.000Z');
        store.transaction(() => store.entries.upsert(some, NOW));
        await tag(store);
        return store.tagVersions.list().map((v) => v.id);
      } finally {
        store.close();
      }
    }

    async function migrated(file: string): Promise<string> {
      const name = `migrated${++n}`;
      const url = await server.createDatabase(name);
      const r = await cli(['migrate', '--from', file, '--to', url]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^tag_versions\s+\d+\s+\d+\s.*ok$/m);
      return name;
    }

    it('holds the versions SQLite held: nothing to retag, then the scope of an edit', async () => {
      const file = path.join(tmp.dir, 'known.sqlite');
      const held = await sqlite(file, (store) => retagOnThreads(store, BASE, sources, { threads: 0 }));
      expect(held).toEqual([version.id]);
      const name = await migrated(file);
      expect(await versions(name)).toEqual(held);
      expect((await run(name, BASE)).need).toEqual({ kind: 'none' });
      const edit = edits(some)[0]!;
      const r = await run(name, edit.taxonomy);
      expect(r.need).toMatchObject({ kind: 'scope', changed: { topics: ['labour'] } });
      expect(r.entries).toBeLessThan(some.length);
      // What the same retag on SQLite tags.
      const lite = openStore(file);
      try {
        expect((await retagOnThreads(lite, edit.taxonomy, sources, { threads: 0 })).entries).toBe(r.entries);
      } finally {
        lite.close();
      }
    }, 120_000);

    it('tags every entry when what SQLite entries were tagged with is unknown', async () => {
      const file = path.join(tmp.dir, 'unknown.sqlite');
      const held = await sqlite(file, async (store) => retag(store, createTagger(BASE), sources));
      expect(held).toEqual(['unknown']);
      const name = await migrated(file);
      const r = await run(name, BASE);
      expect(r.need).toMatchObject({ kind: 'all', why: expect.stringMatching(/no record/) });
      expect(r.entries).toBe(some.length);
    }, 120_000);
  });

  it('the migration marks a database whose entries no version describes, and only such a one', async () => {
    // Migrations up to the one before tag_versions, as a database made before it holds them.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wireroom-pg-migrations-'));
    for (const f of readdirSync(PG_MIGRATIONS_DIR).filter((f) => parseInt(f, 10) < 10))
      copyFileSync(path.join(PG_MIGRATIONS_DIR, f), path.join(dir, f));
    const [empty, filled] = [await server.createDatabase('premig0'), await server.createDatabase('premig1')];
    for (const url of [empty, filled]) {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        await migratePg(pool, dir);
        if (url === filled)
          await pool.query(
            `INSERT INTO sources (id, url, created_at) VALUES ('wire', 'https://wire.example/feed', $1);
             INSERT INTO entries (source_id, key, title, published_at, content_hash, first_seen_at, updated_at)
             VALUES ('wire', 'k', 't', $1, 'h', $1, $1)`.replace(/\$1/g, `'${NOW}'`),
          );
      } finally {
        await pool.end();
      }
    }
    const after = async (url: string) => {
      const store = await openPgStore(url, { max: 1 });
      try {
        return await store.tagVersions.list();
      } finally {
        await store.close();
      }
    };
    expect(await after(empty)).toEqual([]);
    expect(await after(filled)).toEqual([{ id: 'unknown' }]);
  });
});
