// Retention in the fleet worker, on an injected clock and a real PostgreSQL: the SQLite cycle's scenario
// (tests/worker/cycle.test.ts) through runFleetCycle, with the same figures: entries past retention go with a
// tombstone (and their tags and count), recent ones and old ones just seen stay, the fetch log keeps 30 days, and
// pruned items the feed still lists do not come back. Only one process prunes at a time: a second one, while the
// lock is held, removes nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { describeCycle, runFleetCycle } from '../../src/worker/fleet.ts';
import { createPreparer, type CycleReport, type Preparer } from '../../src/worker/index.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const MAIN =
  'schedule:\n  run_on_start: false\nretention:\n  days: 30\n' +
  'fetch:\n  timeout_seconds: 10\n  connect_timeout_seconds: 5\n  allow_private: ["127.0.0.1"]\n' +
  'ingest:\n  threads: 0\n';

const item = (guid: string, published: string) => ({
  guid,
  title: `Dock workers strike in Lima, Peru: item ${guid}`,
  pubDate: new Date(published).toUTCString(),
});
const FEED_JAN = rss([item('old', '2023-06-01T00:00:00Z'), item('dec', '2023-12-31T00:00:00Z')]);
const FEED_FEB = rss([
  item('old', '2023-06-01T00:00:00Z'),
  item('dec', '2023-12-31T00:00:00Z'),
  item('late', '2023-06-02T00:00:00Z'),
  item('new', '2024-02-14T00:00:00Z'),
]);

describe.skipIf(postgresMissing)(`retention in the fleet worker${needsPostgres}`, () => {
  const tmp = tempDir('wireroom-fleet-retention-');
  let server: TestPostgres | undefined;
  let srv: Awaited<ReturnType<typeof fixtureServer>> | undefined;
  let feed = FEED_JAN;
  const open: { pg: PgStore; preparer: Preparer }[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    srv = await fixtureServer({
      '/news.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(feed),
    });
  });
  afterAll(async () => {
    for (const o of open) {
      await o.preparer.close();
      await o.pg.close();
    }
    await srv?.close();
    server?.stop();
    tmp.cleanup();
  });

  /** A project on its own database; each cycle runs at the time given, as one worker. */
  async function project(name: string) {
    const configDir = writeConfig(path.join(tmp.dir, name), {
      main: MAIN,
      sources: `sources:\n  - { id: news, url: "${srv?.url('/news.xml')}" }\n`,
    });
    const url = await server!.createDatabase(name);
    const config = loadConfig(configDir, { db: url });
    const pg = await openPgStore(url);
    const preparer = createPreparer({ threads: 0, taxonomy: loadTaxonomy(config.dir) });
    open.push({ pg, preparer });
    const cycleAt = (iso: string): Promise<CycleReport> =>
      runFleetCycle({ config, pg, preparer, now: () => new Date(iso) }, { owner: `w-${name}`, leaseSeconds: 60 });
    const guids = async () =>
      (await pg.db.query<{ key: string }>('SELECT key FROM entries ORDER BY key')).rows.map(
        (r) => /old|dec|late|new/.exec(r.key)?.[0],
      );
    return { pg, cycleAt, guids };
  }

  it('removes and tombstones entries past retention (tags and count too), keeps recent ones, prunes the log', async () => {
    const { pg, cycleAt, guids } = await project('prune');
    const jan = await cycleAt('2024-01-01T00:00:00Z');
    expect(jan.sources.map((s) => [s.id, s.status, s.new])).toEqual([['news', 'ok', 2]]);
    expect(jan.pruned).toBe(0);
    expect(await guids()).toEqual(['dec', 'old']);
    const tagged = await pg.db.query<{ n: number }>('SELECT count(DISTINCT entry_id) AS n FROM entry_tags');
    expect(tagged.rows[0]?.n).toBe(2);

    feed = FEED_FEB;
    const feb = await cycleAt('2024-02-15T00:00:00Z');
    expect(feb.sources.map((s) => [s.status, s.new])).toEqual([['ok', 2]]);
    // Cutoff 2024-01-16: 'old' and 'dec' were first seen on 2024-01-01; 'late' is as old but first seen today.
    expect(feb.pruned).toBe(2);
    // `wireroom worker --once` says so, as `wireroom fetch` does.
    expect(describeCycle(feb)).toMatch(/ new entries, in \d+\.\d s; 2 entries past retention removed$/);
    expect(await guids()).toEqual(['late', 'new']);
    const tombstones = await pg.db.query('SELECT reason, removed_at FROM tombstones ORDER BY key');
    expect(tombstones.rows).toEqual([
      { reason: 'retention', removed_at: '2024-02-15T00:00:00.000Z' },
      { reason: 'retention', removed_at: '2024-02-15T00:00:00.000Z' },
    ]);
    // The pruned entries' tags went with them; the source's count follows.
    const left = await pg.db.query(
      'SELECT count(*) AS n FROM entry_tags t WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = t.entry_id)',
    );
    expect(left.rows).toEqual([{ n: 0 }]);
    expect((await pg.db.query("SELECT entry_count FROM sources WHERE id = 'news'")).rows).toEqual([{ entry_count: 2 }]);
    expect((await pg.fetchLog.recent('news', 100)).map((r) => r.startedAt)).toEqual(['2024-02-15T00:00:00.000Z']);

    const next = await cycleAt('2024-02-16T00:00:00Z');
    expect(next.sources.map((s) => [s.status, s.new, s.tombstoned])).toEqual([['ok', 0, 2]]);
    expect(await guids()).toEqual(['late', 'new']);
  });

  it('one process prunes at a time: while another holds the lock, a prune removes nothing', async () => {
    feed = FEED_JAN;
    const { pg, cycleAt, guids } = await project('locked');
    await cycleAt('2024-01-01T00:00:00Z');
    const cutoffs = {
      entries: '2024-01-16T00:00:00.000Z',
      log: '2024-01-16T00:00:00.000Z',
      now: '2024-02-15T00:00:00.000Z',
    };
    // Another process's prune, as far as the lock goes: a session holding it.
    const other = await pg.pool.connect();
    try {
      await other.query("SELECT pg_advisory_lock(x'77722d7072756e65'::bigint)");
      expect(await pg.prune(cutoffs)).toEqual({ ran: false, pruned: 0 });
      expect(await guids()).toEqual(['dec', 'old']);
      // Through a fleet cycle too: the cycle goes on and reports nothing pruned.
      const feb = await cycleAt('2024-02-15T00:00:00Z');
      expect(feb.pruned).toBe(0);
      expect(await guids()).toEqual(['dec', 'old']);
      await other.query("SELECT pg_advisory_unlock(x'77722d7072756e65'::bigint)");
    } finally {
      other.release();
    }
    expect(await pg.prune(cutoffs)).toEqual({ ran: true, pruned: 2 });
    expect(await guids()).toEqual([]);
  });
});
