// The feed change counter on PostgreSQL (db/postgres/004, 005): the data version a feed server compares moves when a
// transaction that changes what feeds show commits, whichever connection wrote; it does not move for a rollback, for
// a write that changes nothing, or for a source's fetch state and lease; and a transaction bumps it once, however
// many statements it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldIdleFeedChanges, FOLDED_BACKEND } from '../../src/store/pg/feed-changes.ts';
import { PgFeedReader } from '../../src/store/pg/feeds.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const T0 = '2024-05-01T12:00:00.000Z';
const SOURCE: SourceConfig = {
  id: 'wire',
  url: 'https://wire.example/f.xml',
  enabled: true,
  topics: [],
  trusted: true,
};
const entry = (key: string, title = `Title ${key}`): Entry => ({
  sourceId: 'wire',
  key,
  guid: key,
  url: `https://wire.example/${key}`,
  title,
  summary: '',
  contentHtml: '<p>x</p>',
  authors: [],
  categories: [],
  enclosures: [],
  language: 'en',
  publishedAt: T0,
  dateFlags: [],
});

describe.skipIf(!!postgresMissing)(`the feed change counter${needsPostgres}`, () => {
  let server: TestPostgres;
  let writer: PgStore;
  let reading: PgStore;
  let reader: PgFeedReader;
  const version = () => reader.dataVersion();

  beforeAll(async () => {
    server = await startPostgres();
    writer = await openPgStore(server.url('wireroom'));
    // The server's own connections, as `wireroom serve` in another process has.
    reading = await openPgStore(server.url('wireroom'));
    reader = new PgFeedReader(reading.db, reading.pool);
    await writer.sources.sync([SOURCE], T0);
  }, 120_000);
  afterAll(async () => {
    await writer?.close();
    await reading?.close();
    server?.stop();
  });

  it('moves once per committed transaction that changes entries or tags, and only at its commit', async () => {
    const v0 = await version();
    let inside = '';
    await writer.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO entries (source_id, key, title, published_at, content_hash, first_seen_at, updated_at)
         VALUES ('wire', 'a', 'A', $1, 'h', $1, $1), ('wire', 'b', 'B', $1, 'h', $1, $1)`,
        [T0],
      );
      await tx.query(`UPDATE entries SET title = 'A2' WHERE key = 'a'`);
      await tx.query(`INSERT INTO entry_tag_sets (entry_id, published_at, tags) SELECT id, $1, '[]' FROM entries`, [
        T0,
      ]);
      inside = await version();
    });
    expect(inside).toBe(v0);
    const v1 = await version();
    expect(Number(v1)).toBe(Number(v0) + 1);
  });

  it('does not move for a rollback, an upsert that changes nothing, or a fetch state and lease', async () => {
    await writer.entries.upsert([entry('c')], T0);
    const v0 = await version();
    await expect(
      writer.db.transaction(async (tx) => {
        await tx.query(`UPDATE entries SET title = 'gone' WHERE key = 'c'`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await writer.entries.upsert([entry('c')], T0);
    await writer.db.query(`UPDATE sources SET lease_owner = 'w', lease_until = $1, next_fetch_at = $1`, [T0]);
    expect(await version()).toBe(v0);
    await writer.db.query(`UPDATE sources SET title = 'The Wire'`);
    expect(Number(await version())).toBe(Number(v0) + 1);
  });

  it('folds the rows of connections that are gone into one, keeping the version the readers compare', async () => {
    // Three short-lived writers, as pool reconnects over months leave behind: a row each.
    for (const key of ['f1', 'f2', 'f3']) {
      const brief = await openPgStore(server.url('wireroom'));
      await brief.entries.upsert([entry(key)], T0);
      await brief.close();
    }
    const rows = async () => (await writer.db.query<{ backend: number }>('SELECT backend FROM feed_changes')).rows;
    const before = await rows();
    const v0 = await version();
    // A closed connection's backend can take a moment to leave pg_stat_activity.
    let folded = 0;
    for (let i = 0; i < 50 && folded < 3; i++) {
      folded += await foldIdleFeedChanges(writer.db);
      if (folded < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(folded).toBeGreaterThanOrEqual(3);
    const after = await rows();
    expect(after.length).toBeLessThan(before.length);
    expect(after.some((r) => r.backend === FOLDED_BACKEND)).toBe(true);
    expect(await version()).toBe(v0);
    // Live connections keep their rows and keep counting from where they were.
    await writer.entries.upsert([entry('f4')], T0);
    expect(Number(await version())).toBe(Number(v0) + 1);
    expect(await foldIdleFeedChanges(writer.db)).toBe(0);
    expect(await version()).toBe(Number(v0) + 1 + '');
  });
});
