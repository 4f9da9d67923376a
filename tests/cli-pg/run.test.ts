// `wireroom run --no-server` as a real process on both stores: the worker fetches on start (run_on_start) and on its
// schedule, stores what the fixture server on 127.0.0.1 serves, and stops cleanly on SIGTERM (exit 0). On
// PostgreSQL it is one fleet worker: it holds no lease once stopped.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../src/store/pg/index.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnWorker } from '../helpers/worker-process.ts';

const MAIN =
  'schedule:\n  run_on_start: true\n  cron: "0 0 1 1 *"\ningest:\n  threads: 0\n' +
  'fetch:\n  timeout_seconds: 5\n  connect_timeout_seconds: 2\n  allow_private: ["127.0.0.1"]\n';

const tmp = tempDir('wireroom-run-both-');
let server: TestPostgres | undefined;
let srv: Awaited<ReturnType<typeof fixtureServer>> | undefined;

beforeAll(async () => {
  srv = await fixtureServer({
    '/a.xml': (_q, res) =>
      void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
        rss([
          { guid: 'a1', title: 'First', pubDate: 'Tue, 03 Jan 2023 10:00:00 GMT' },
          { guid: 'a2', title: 'Second', pubDate: 'Tue, 03 Jan 2023 09:00:00 GMT' },
        ]),
      ),
  });
});
afterAll(async () => {
  await srv?.close();
  server?.stop();
  tmp.cleanup();
});

/** The stored titles, newest first, and the sources still leased (PostgreSQL only). */
type Reader = () => Promise<{ titles: string[]; leased: number }>;

const STORES = [
  {
    name: 'SQLite',
    missing: undefined,
    async database(root: string): Promise<{ setting: string; read: Reader }> {
      const file = path.join(root, 'db', 'wireroom.sqlite');
      const read: Reader = async () => {
        const db = new Database(file, { readonly: true });
        try {
          const rows = db.prepare('SELECT title FROM entries ORDER BY published_at DESC').all() as { title: string }[];
          return { titles: rows.map((r) => r.title), leased: 0 };
        } finally {
          db.close();
        }
      };
      return { setting: file, read };
    },
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    missing: postgresMissing,
    async database(): Promise<{ setting: string; read: Reader }> {
      server ??= await startPostgres();
      const url = await server.createDatabase('run');
      const read: Reader = async () => {
        const pg = await openPgStore(url, { max: 1 });
        try {
          const titles = (await pg.db.query<{ title: string }>('SELECT title FROM entries ORDER BY published_at DESC'))
            .rows;
          const leased = await pg.db.query<{ n: number }>(
            'SELECT count(*) AS n FROM sources WHERE lease_owner IS NOT NULL',
          );
          return { titles: titles.map((r) => r.title), leased: leased.rows[0]?.n ?? 0 };
        } finally {
          await pg.close();
        }
      };
      return { setting: url, read };
    },
  },
];

for (const store of STORES) {
  describe.skipIf(store.missing)(`wireroom run --no-server on ${store.name}`, () => {
    it('fetches on start, stores the feed, and stops on SIGTERM with exit 0', async () => {
      const root = path.join(tmp.dir, store.name.split(' ')[0]!);
      const db = await store.database(root);
      const configDir = writeConfig(root, {
        main: `${MAIN}database: ${db.setting}\n`,
        sources: `sources:\n  - id: a\n    url: ${srv!.url('/a.xml')}\n`,
      });
      const worker = spawnWorker(configDir, root);
      try {
        await worker.until(() => /cycle done/.test(worker.stderr()), 'the first cycle');
        worker.kill('SIGTERM');
        await worker.exited;
      } finally {
        if (worker.exitCode() === undefined) worker.kill('SIGKILL');
      }
      expect(worker.exitCode(), worker.stderr()).toBe(0);
      expect(worker.stderr()).toMatch(/"msg":"stopped"/);
      expect(srv!.hits['/a.xml']).toBeGreaterThanOrEqual(1);
      expect(await db.read()).toEqual({ titles: ['First', 'Second'], leased: 0 });
    });
  });
}
