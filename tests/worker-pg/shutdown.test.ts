// `wireroom worker` on its schedule, stopped with SIGTERM while a fetch is under way: the fetch finishes and is
// written, no lease is left behind, and the process exits 0.
import path from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnCli, type CliProcess } from '../helpers/worker-process.ts';

describe.skipIf(postgresMissing)(`wireroom worker stops cleanly${needsPostgres}`, () => {
  const tmp = tempDir('wireroom-fleet-stop-');
  let pg: TestPostgres | undefined;
  let pool: Pool | undefined;
  let feeds: Awaited<ReturnType<typeof fixtureServer>> | undefined;
  const release: (() => void)[] = [];
  const held: (() => void)[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    const { default: pgLib } = await import('pg');
    pool = new pgLib.Pool({ connectionString: pg.url('wireroom'), max: 1 });
    const body = rss([{ guid: 'slow-1', title: 'Port strike in Lima, Peru', link: 'https://news.example/slow/1' }]);
    feeds = await fixtureServer({
      // Answered only when the test says so: the worker is stopped while it waits.
      '/slow.xml': (_req, res) => void release.push(() => res.writeHead(200).end(body)),
      '/quick.xml': (_req, res) => void res.writeHead(200).end(rss([{ guid: 'q-1', title: 'Quick item' }])),
      // For `fetch`: each answered only when the test says so.
      ...Object.fromEntries(
        ['held-a', 'held-b', 'held-c'].map((id) => [
          `/${id}.xml`,
          (_req: unknown, res: { writeHead(n: number): { end(b: string): void } }) =>
            void held.push(() => res.writeHead(200).end(rss([{ guid: `${id}-1`, title: `Item of ${id}` }]))),
        ]),
      ),
    });
  }, 120_000);

  const leased = async () => (await pool!.query('SELECT id FROM sources WHERE lease_owner IS NOT NULL')).rows;
  /** Waits until cond holds; fails if the process exits first or 60 s pass. */
  const until = async (cond: () => boolean, p: CliProcess, what: string) => {
    for (const end = Date.now() + 60_000; !cond();) {
      if (!p.running()) throw new Error(`exited before ${what}: ${p.log()}`);
      if (Date.now() > end) throw new Error(`no ${what}: ${p.log()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  afterAll(async () => {
    await pool?.end();
    await feeds?.close();
    pg?.stop();
    tmp.cleanup();
  });

  it('SIGTERM mid-fetch: the fetch is written, every lease given back, exit 0', async () => {
    const configDir = writeConfig(tmp.dir, {
      main:
        `database: ${pg!.url('wireroom')}\nschedule:\n  cron: "0 0 1 1 *"\n  run_on_start: true\n` +
        'ingest:\n  threads: 0\nfetch:\n  timeout_seconds: 30\n  allow_private: ["127.0.0.1"]\n',
      sources: `sources:\n  - id: slow\n    url: ${feeds!.url('/slow.xml')}\n  - id: quick\n    url: ${feeds!.url('/quick.xml')}\n`,
    });
    const worker = spawnCli(['--config', configDir, 'worker'], path.dirname(configDir));
    try {
      for (const end = Date.now() + 60_000; !release.length;) {
        if (!worker.running()) throw new Error(`worker exited: ${worker.log()}`);
        if (Date.now() > end) throw new Error(`the slow feed was never requested: ${worker.log()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      worker.child.kill('SIGTERM');
      // The signal is heard (its log line), and the worker still waits for the fetch under way: its lease is held.
      await until(() => /shutting down: finishing in-flight work/.test(worker.log()), worker, 'the shutdown line');
      expect(await leased(), worker.log()).toContainEqual({ id: 'slow' });
      expect(worker.running(), worker.log()).toBe(true);
      release.forEach((answer) => answer());
      expect(await worker.exited, worker.log()).toBe(0);
    } finally {
      if (worker.running()) worker.child.kill('SIGKILL');
    }
    const rows = async (sql: string) => (await pool!.query(sql)).rows as Record<string, unknown>[];
    expect(await rows(`SELECT source_id, status FROM fetch_log ORDER BY source_id`)).toEqual([
      { source_id: 'quick', status: 'ok' },
      { source_id: 'slow', status: 'ok' },
    ]);
    expect(await rows(`SELECT source_id, guid FROM entries ORDER BY source_id`)).toEqual([
      { source_id: 'quick', guid: 'q-1' },
      { source_id: 'slow', guid: 'slow-1' },
    ]);
    expect(await rows('SELECT id FROM sources WHERE lease_owner IS NOT NULL')).toEqual([]);
    expect(worker.log()).toMatch(/shutting down: finishing in-flight work/);
  }, 120_000);

  it('`fetch` stopped with Ctrl-C: the fetch under way is written, no other starts, no lease is left, exit 130', async () => {
    const configDir = writeConfig(path.join(tmp.dir, 'fetch'), {
      main:
        `database: ${pg!.url('wireroom')}\n` +
        'ingest:\n  threads: 0\nfetch:\n  concurrency: 1\n  timeout_seconds: 30\n  allow_private: ["127.0.0.1"]\n',
      sources: `sources:\n${['held-a', 'held-b', 'held-c'].map((id) => `  - id: ${id}\n    url: ${feeds!.url(`/${id}.xml`)}\n`).join('')}`,
    });
    const fetch = spawnCli(['--config', configDir, 'fetch'], path.dirname(configDir));
    try {
      for (const end = Date.now() + 60_000; !held.length;) {
        if (!fetch.running()) throw new Error(`fetch exited: ${fetch.log()}`);
        if (Date.now() > end) throw new Error(`no feed was requested: ${fetch.log()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      fetch.child.kill('SIGINT');
      // The signal is heard (its stop line), and the fetch under way still holds its source's lease.
      await until(() => /stopping on SIGINT/.test(fetch.log()), fetch, 'the stop line');
      expect(
        (await leased()).filter((r) => String(r.id).startsWith('held-')),
        fetch.log(),
      ).not.toEqual([]);
      expect(fetch.running(), fetch.log()).toBe(true);
      held.forEach((answer) => answer());
      expect(await fetch.exited, fetch.log()).toBe(130);
    } finally {
      if (fetch.running()) fetch.child.kill('SIGKILL');
    }
    expect(held).toHaveLength(1);
    const rows = async (sql: string) => (await pool!.query(sql)).rows as Record<string, unknown>[];
    const logged = await rows(`SELECT source_id FROM fetch_log WHERE source_id LIKE 'held-%'`);
    expect(logged).toHaveLength(1);
    expect(await rows(`SELECT guid FROM entries WHERE source_id LIKE 'held-%'`)).toEqual([
      { guid: `${String(logged[0]!.source_id)}-1` },
    ]);
    expect(await rows('SELECT id FROM sources WHERE lease_owner IS NOT NULL')).toEqual([]);
    expect(fetch.log()).toMatch(/stopped by SIGINT/);
  }, 120_000);
});
