// `wireroom run` as a real process on both stores: the worker fetches on start (run_on_start), stores what the
// fixture server on 127.0.0.1 serves, the feed server serves it with /healthz saying the worker keeps up, and SIGTERM
// stops both cleanly (exit 0); --no-server runs the worker alone. On PostgreSQL the worker is one of a fleet: it
// holds no lease once stopped.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../src/store/pg/index.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnCli, spawnWorker } from '../helpers/worker-process.ts';

const MAIN =
  'schedule:\n  run_on_start: true\n  cron: "0 0 1 1 *"\ningest:\n  threads: 0\n' +
  'fetch:\n  timeout_seconds: 5\n  connect_timeout_seconds: 2\n  allow_private: ["127.0.0.1"]\n' +
  'server:\n  port: 0\n  host: 127.0.0.1\nsite:\n  base_url: http://127.0.0.1:8080/\n';

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
    '/b.xml': (_q, res) =>
      void res
        .writeHead(200, { 'Content-Type': 'application/rss+xml' })
        .end(rss([{ guid: 'b1', title: 'Added later', pubDate: 'Tue, 03 Jan 2023 11:00:00 GMT' }])),
    '/hub': (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hubPings.push(body);
        res.writeHead(204).end();
      });
    },
  });
});
const hubPings: string[] = [];
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
    async database(root: string): Promise<{ setting: string; read: Reader }> {
      server ??= await startPostgres();
      const url = await server.createDatabase(path.basename(root).replace(/\W/g, '_'));
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
      const root = path.join(tmp.dir, `${store.name.split(' ')[0]}-worker`);
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

    it('follows sources.yaml as edited since start, and pings the WebSub hub after a cycle', async () => {
      const root = path.join(tmp.dir, `${store.name.split(' ')[0]}-live`);
      const db = await store.database(root);
      const configDir = writeConfig(root, {
        // Every second, so the edit is picked up by a cycle soon after it.
        main:
          `${MAIN.replace('"0 0 1 1 *"', '"* * * * * *"')}database: ${db.setting}\n` +
          `publish:\n  websub_hub: ${srv!.url('/hub')}\n`,
        sources: `sources:\n  - id: a\n    url: ${srv!.url('/a.xml')}\n`,
      });
      const pingsBefore = hubPings.length;
      const run = spawnCli(['--config', configDir, 'run'], root);
      try {
        await waitFor(() => /cycle done/.test(run.log()) || undefined, run.log, 'the first cycle');
        const hitsB = srv!.hits['/b.xml'] ?? 0;
        writeFileSync(
          path.join(configDir, 'sources.yaml'),
          `sources:\n  - id: a\n    url: ${srv!.url('/a.xml')}\n  - id: b\n    url: ${srv!.url('/b.xml')}\n`,
        );
        await waitFor(() => ((srv!.hits['/b.xml'] ?? 0) > hitsB ? true : undefined), run.log, 'b fetched');
        await waitFor(() => (hubPings.length > pingsBefore ? true : undefined), run.log, 'a hub ping');
        await waitFor(
          async () => ((await db.read()).titles.includes('Added later') ? true : undefined),
          run.log,
          'b stored',
        );
        run.child.kill('SIGTERM');
        expect(await run.exited, run.log()).toBe(0);
      } finally {
        if (run.running()) run.child.kill('SIGKILL');
      }
      expect(hubPings.slice(pingsBefore).join('&')).toMatch(/hub\.mode=publish&hub\.url=http/);
      expect((await db.read()).leased).toBe(0);
    });

    it('with the server: serves what the worker stored, /healthz ok after its cycle; SIGTERM stops both', async () => {
      const root = path.join(tmp.dir, `${store.name.split(' ')[0]}-server`);
      const db = await store.database(root);
      const configDir = writeConfig(root, {
        main: `${MAIN}database: ${db.setting}\n`,
        sources: `sources:\n  - id: a\n    url: ${srv!.url('/a.xml')}\n`,
      });
      const run = spawnCli(['--config', configDir, 'run'], root);
      try {
        const url = await waitFor(
          () => /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(run.log())?.[1],
          run.log,
          'listening',
        );
        await waitFor(() => /cycle done/.test(run.log()) || undefined, run.log, 'the first cycle');
        const feed = await fetch(new URL('feeds/all.json', url));
        expect(feed.status).toBe(200);
        const items = ((await feed.json()) as { items: { title: string }[] }).items.map((i) => i.title);
        expect(items).toEqual(['First', 'Second']);
        const health = (await (await fetch(new URL('healthz', url))).json()) as { status: string };
        expect(health.status).toBe('ok');
        run.child.kill('SIGTERM');
        expect(await run.exited, run.log()).toBe(0);
      } finally {
        if (run.running()) run.child.kill('SIGKILL');
      }
      expect(run.log()).toMatch(/"msg":"stopped"/);
      expect(await db.read()).toEqual({ titles: ['First', 'Second'], leased: 0 });
    });
  });
}

/** Polls until get() gives a value; fails with the process log after 45 s. */
async function waitFor<T>(
  get: () => T | undefined | Promise<T | undefined>,
  log: () => string,
  what: string,
): Promise<T> {
  const end = Date.now() + 45_000;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${log()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
