// A fetch that outlasts its lease keeps it: the worker renews the lease while the fetch runs, so a second worker
// started after the first lease would have run out finds nothing to claim, and the slow fetch is written.
import path from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnCli } from '../helpers/worker-process.ts';

/**
 * The lease, in seconds. It is renewed every third of it, so a renewal may come up to two thirds of it late; 2 s left
 * 1.3 s, which a loaded machine missed (the second worker claimed the source: two GETs).
 */
const LEASE_S = 6;

describe.skipIf(postgresMissing)(`wireroom worker renews the lease of a slow fetch${needsPostgres}`, () => {
  const tmp = tempDir('wireroom-fleet-renew-');
  let pg: TestPostgres | undefined;
  let pool: Pool | undefined;
  let feeds: Awaited<ReturnType<typeof fixtureServer>> | undefined;

  beforeAll(async () => {
    pg = await startPostgres();
    const { default: pgLib } = await import('pg');
    pool = new pgLib.Pool({ connectionString: pg.url('wireroom'), max: 1 });
    const body = rss([{ guid: 'slow-1', title: 'Port strike in Lima, Peru', link: 'https://news.example/slow/1' }]);
    feeds = await fixtureServer({
      // Three lease lengths late.
      '/slow.xml': (_req, res) => void setTimeout(() => res.writeHead(200).end(body), 3 * LEASE_S * 1000),
    });
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await feeds?.close();
    pg?.stop();
    tmp.cleanup();
  });

  it('a second worker, started when the first lease would have run out, finds nothing; one GET, one write', async () => {
    const configDir = writeConfig(tmp.dir, {
      main:
        `database: ${pg!.url('wireroom')}\nschedule:\n  run_on_start: false\n` +
        'ingest:\n  threads: 0\nfetch:\n  timeout_seconds: 30\n  allow_private: ["127.0.0.1"]\n',
      sources: `sources:\n  - id: slow\n    url: ${feeds!.url('/slow.xml')}\n`,
    });
    const args = ['--config', configDir, 'worker', '--once', '--lease', String(LEASE_S)];
    const first = spawnCli(args, path.dirname(configDir));
    for (const end = Date.now() + 60_000; !feeds!.hits['/slow.xml'];) {
      if (!first.running() || Date.now() > end) throw new Error(`the slow feed was never requested: ${first.log()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // Past the first lease's end: only a renewal keeps the source from the second worker.
    await new Promise((r) => setTimeout(r, (LEASE_S + 1) * 1000));
    const second = spawnCli(args, path.dirname(configDir));
    expect(await second.exited, second.log()).toBe(0);
    expect(await first.exited, first.log()).toBe(0);
    expect(feeds!.hits['/slow.xml']).toBe(1);
    const rows = (await pool!.query('SELECT source_id, status FROM fetch_log')).rows as unknown[];
    expect(rows).toEqual([{ source_id: 'slow', status: 'ok' }]);
    expect((await pool!.query('SELECT guid FROM entries')).rows).toEqual([{ guid: 'slow-1' }]);
  }, 120_000);
});
