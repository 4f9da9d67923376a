// /healthz: JSON on the database and the worker's last cycle, read from the database (worker_cycles), so that a
// read-only server with no worker in it answers too. Real cycles against a loopback fixture server; "stale" is made
// by moving the recorded cycle back in time, not by waiting. On both stores (issue #15): the cycles are runCycle on
// SQLite and runFleetCycle (one worker) on PostgreSQL (tests/helpers/cycle-on-store.ts), the server reads the same
// database, and the child `wireroom serve` is given it with --db.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { healthSettings, scheduleIntervalMs, startServer, type HealthReport } from '../../src/http/index.ts';
import { openFeedReader, openStore, type FeedReader } from '../../src/store/index.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { spawnCli } from '../helpers/worker-process.ts';

/** A real child process on a shared machine: room beyond the default test timeout. */
const CHILD_TIMEOUT_MS = 120_000;

const FEED = rss([
  { guid: 'a', title: 'Port strike in Callao', pubDate: new Date(Date.now() - 3_600_000).toUTCString() },
  { guid: 'b', title: 'Lima council votes budget', pubDate: new Date(Date.now() - 7_200_000).toUTCString() },
]);
const MAIN =
  'schedule:\n  cron: "*/15 * * * *"\n  run_on_start: false\n' +
  'fetch:\n  timeout_seconds: 10\n  connect_timeout_seconds: 5\n  allow_private: ["127.0.0.1"]\n' +
  'ingest:\n  threads: 0\nserver:\n  port: 0\n  health:\n    stale_after_intervals: 2\n';

async function health(url: string): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(new URL('/healthz', url));
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return { status: res.status, body: (await res.json()) as HealthReport };
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`/healthz on ${arm.kind}${arm.skip}`, () => {
    let feeds: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;
    let dir: string;
    let p: ProjectOnStore;
    /** What the in-process server reads: the SQLite store itself, or a reader over the PostgreSQL database. */
    let store: FeedReader | ReturnType<typeof openStore>;
    let closeReader = () => Promise.resolve();
    let server: Awaited<ReturnType<typeof startServer>>;
    /** A write behind the server's back (the tests' clock is moved by editing what is stored). */
    const exec = async (sql: string, ...params: unknown[]) => {
      if (p.sqlite) p.sqlite.db.prepare(sql).run(...params);
      else await p.rows(sql, ...params);
    };

    beforeAll(async () => {
      feeds = await fixtureServer({
        '/ok.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED),
        '/missing.xml': (_q, res) => void res.writeHead(404).end('no such feed'),
      });
      tmp = tempDir('wireroom-healthz-');
      dir = writeConfig(tmp.dir, {
        main: MAIN,
        sources: `sources:\n  - id: ok\n    url: ${feeds.url('/ok.xml')}\n  - id: missing\n    url: ${feeds.url('/missing.xml')}\n`,
      });
      // SQLite: the config's own file (db/wireroom.sqlite); PostgreSQL: a database of its own (the server has `wireroom`).
      p = await arm.project(tmp.dir, arm.kind === 'sqlite' ? 'wireroom' : 'healthz');
      if (p.sqlite) store = p.sqlite;
      else {
        const opened = await openFeedReader(p.config.database, { connections: 4 });
        store = opened.reader;
        closeReader = opened.close;
      }
      server = await startServer({ store, config: p.config, port: 0, host: '127.0.0.1' });
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await closeReader();
      await arm.close();
      await feeds?.close();
      tmp?.cleanup();
    });

    it('before any cycle: 503 "no cycle yet", the database readable and writable', async () => {
      const { status, body } = await health(server.url);
      expect(status).toBe(503);
      expect(body.status).toBe('no cycle yet');
      expect(body.database).toMatchObject({ readable: true, writable: true, readOnly: false });
      expect(body.worker).toMatchObject({ lastCycleAt: null, lastCycleSeconds: null, recent: false });
      // Two intervals of a 15-minute schedule.
      expect(body.worker.recentWithinSeconds).toBe(1800);
      expect(body.lastCycle).toBeNull();
    });

    it('after a cycle: 200, recent, with the cycle figures', async () => {
      const report = await p.cycle();
      const { status, body } = await health(server.url);
      expect(status).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.worker.recent).toBe(true);
      expect(body.worker.lastCycleSeconds).toBe(report.durationMs / 1000);
      expect(Date.parse(body.worker.lastCycleAt ?? '')).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
      expect(body.lastCycle).toMatchObject({
        sourcesDue: 2,
        sourcesFetched: 2,
        sourcesOk: 1,
        sourcesNotModified: 0,
        sourcesFailed: 1,
        entriesNew: 2,
        entriesUpdated: 0,
        storiesMade: 2,
      });
      expect(body.sources).toEqual({ enabled: 2, overdue: 0 });
    });

    // A read-only connection is SQLite's: on PostgreSQL `wireroom serve` is the child process below.
    // A SQLite read-only file handle: SQLite's own case (on PostgreSQL the `wireroom serve` case below is it).
    (arm.kind === 'sqlite' ? it : () => {})(
      'a read-only connection (wireroom serve) reads the same cycle and says the database is read-only',
      async () => {
        const readOnly = openStore(p.config.databasePath, { readonly: true });
        const serve = await startServer({ store: readOnly, config: p.config, port: 0, host: '127.0.0.1' });
        try {
          const { status, body } = await health(serve.url);
          expect(status).toBe(200);
          expect(body.database).toMatchObject({ readable: true, writable: false, readOnly: true });
          expect(body.worker.recent).toBe(true);
          expect(body.lastCycle?.sourcesOk).toBe(1);
        } finally {
          await serve.close();
          readOnly.close();
        }
      },
    );

    it(
      "`wireroom serve` (a real child process, no worker inside) answers from the worker's row: 200, read-only",
      async () => {
        // On SQLite the config's own database file, as before; on PostgreSQL the project's database.
        const db = arm.kind === 'sqlite' ? [] : ['--db', p.config.databasePath];
        const serve = spawnCli(['--config', dir, ...db, 'serve'], tmp.dir);
        try {
          let url = '';
          await until(() => {
            if (!serve.running()) throw new Error(`serve exited: ${serve.log()}`);
            url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(serve.log())?.[1] ?? '';
            return url !== '';
          }, 'serve to listen');
          const { status, body } = await health(url);
          expect(status).toBe(200);
          expect(body.status).toBe('ok');
          expect(body.database).toMatchObject({ readable: true, writable: false, readOnly: true });
          expect(body.lastCycle?.entriesNew).toBe(2);
        } finally {
          serve.child.kill('SIGTERM');
          await serve.exited;
        }
      },
      CHILD_TIMEOUT_MS,
    );

    it('a last cycle older than the allowed intervals is stale: 503, and late sources count as overdue', async () => {
      const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
      await exec('UPDATE worker_cycles SET finished_at = ?', longAgo);
      await exec("UPDATE sources SET next_fetch_at = ? WHERE id = 'ok'", longAgo);
      const { status, body } = await health(server.url);
      expect(status).toBe(503);
      expect(body.status).toBe('stale');
      expect(body.worker.recent).toBe(false);
      expect(body.worker.ageSeconds).toBeGreaterThanOrEqual(31 * 60);
      expect(body.sources.overdue).toBe(1);
      // The next cycle makes it recent again.
      await p.cycle();
      expect((await health(server.url)).status).toBe(200);
    });

    it('a `fetch --source` run is no cycle of the worker: it does not make a stale worker recent', async () => {
      await exec('UPDATE worker_cycles SET finished_at = ?', new Date(Date.now() - 3_600_000).toISOString());
      await p.cycle({ sourceIds: ['ok'] });
      expect((await health(server.url)).body.status).toBe('stale');
    });
  });

describe('scheduleIntervalMs', () => {
  it('is the longest wait between runs: 15 minutes for */15, a weekend for week days at 9', () => {
    expect(scheduleIntervalMs({ cron: '*/15 * * * *', timezone: 'UTC' })).toBe(15 * 60_000);
    expect(scheduleIntervalMs({ cron: '0 9 * * 1-5', timezone: 'UTC' })).toBe(72 * 3_600_000);
  });

  it('health settings multiply it by server.health.stale_after_intervals', () => {
    const tmp = tempDir('wireroom-healthz-settings-');
    try {
      const dir = writeConfig(tmp.dir, {
        main: 'schedule:\n  cron: "0 * * * *"\nserver:\n  health:\n    stale_after_intervals: 1.5\n',
        sources: 'sources: []\n',
      });
      expect(healthSettings(loadConfig(dir)).recentWithinMs).toBe(90 * 60_000);
    } finally {
      tmp.cleanup();
    }
  });
});
