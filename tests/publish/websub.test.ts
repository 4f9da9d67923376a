// WebSub: rel=hub links, pings for the feeds whose content changed, retries of failed pings, and the running
// worker's pings after each cycle. Every test on SQLite and on a PostgreSQL copy of the same fixture
// (tests/helpers/stores.ts); the worker on PostgreSQL is `wireroom run` on a database of the file's one server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { notifyHub, type HubState } from '../../src/publish/index.ts';
import type { FeedReader } from '../../src/store/index.ts';
import { fixtureServer, rss, startServer, tempDir, writeConfig, type TestServer } from '../helpers/env.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { spawnWorker } from '../helpers/worker-process.ts';
import { makeFixture, seedEntries, standardEntries, type Fixture } from './seed.ts';
import { body, siteOf } from './site.ts';

const pings: URLSearchParams[] = [];
/** How the hub answers its next requests, in order; after that, 204 (or 500 while `hubDown`). */
const answers: ('http-500' | 'drop')[] = [];
let hubDown = false;
const ANSWER_STATUS = { 'http-500': 500, drop: 0 } as const;
/** The status the hub answered each request of `pings` with (0: connection dropped). */
const answered: number[] = [];
let hub: TestServer;
let hubUrl = '';

beforeAll(async () => {
  hub = await startServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      pings.push(new URLSearchParams(data));
      const answer = answers.shift() ?? (hubDown ? 'http-500' : undefined);
      const status = answer ? ANSWER_STATUS[answer] : 204;
      answered.push(status);
      if (answer === 'drop') req.socket.destroy();
      else res.writeHead(status).end();
    });
  });
  hubUrl = `${hub.url}/hub`;
});
const STORES = stores();
afterAll(async () => {
  for (const s of STORES) await s.close();
  await hub?.close();
});

function mainYaml(baseUrl: string): string {
  return `site:\n  title: Test Wire\n  base_url: ${baseUrl}\npublish:\n  websub_hub: ${hubUrl}\n`;
}

/** "https://wire.example/x/feeds/country/bo.atom" -> "country/bo", given the site's base URL. */
const feedPath = (base: string, url: string) =>
  url
    .slice(base.length)
    .replace(/^feeds\//, '')
    .replace(/\.\w+$/, '');

/**
 * A failed ping is retried on the next call (the next cycle): the hub is asked again for every feed of the failed
 * request, in every format, and for nothing else; the failure is reported as one line naming the hub and why.
 */
async function failThenRetry(
  fx: Fixture,
  reader: FeedReader,
  base: string,
  failure: 'http-500' | 'drop',
  why: RegExp,
): Promise<void> {
  const state: HubState = { fingerprints: new Map() };
  const from = pings.length;
  answers.push(failure);
  const first = await notifyHub({ store: reader, config: fx.config, state });
  const requests = pings.slice(from);
  expect(requests.length).toBeGreaterThanOrEqual(1);
  const failed = requests[0]?.getAll('hub.url') ?? [];
  expect(failed.length).toBeGreaterThan(0);
  expect(first.errors).toHaveLength(1);
  expect(first.errors[0]?.startsWith(`${hubUrl}: `)).toBe(true);
  expect(first.errors[0]).toMatch(why);
  // Later requests of the same call went through; only the failed one is missing.
  expect(first.pinged.filter((u) => failed.includes(u))).toEqual([]);
  expect([...first.pinged].sort()).toEqual(
    requests
      .slice(1)
      .flatMap((p) => p.getAll('hub.url'))
      .sort(),
  );

  const retry = await notifyHub({ store: reader, config: fx.config, state });
  expect(retry.errors).toEqual([]);
  const failedFeeds = new Set(failed.map((u) => feedPath(base, u)));
  expect(failedFeeds.size).toBeGreaterThan(0);
  expect(new Set(retry.pinged.map((u) => feedPath(base, u)))).toEqual(failedFeeds);
  for (const u of failed) expect(retry.pinged).toContain(u);
  // Announced now: the next call has nothing to say.
  expect((await notifyHub({ store: reader, config: fx.config, state })).pinged).toEqual([]);
}

for (const s of STORES)
  describe.skipIf(skipArm(s))(`WebSub on ${s.kind}${s.skip}`, () => {
    let f: Fixture;
    let reader: FeedReader;
    beforeAll(async () => {
      f = makeFixture(standardEntries(), { main: mainYaml('https://wire.example/') });
      f.config = loadConfig(f.configDir, { db: f.dbFile });
      reader = await s.reader(f);
    }, 120_000);
    afterAll(() => f?.cleanup());

    it('feeds carry rel=hub links in every format', async () => {
      const site = siteOf(f, reader);
      expect(await body(site, 'feeds/all.atom')).toContain(`<link rel="hub" href="${hubUrl}"/>`);
      expect(await body(site, 'feeds/all.rss')).toContain(`<atom:link href="${hubUrl}" rel="hub"/>`);
      expect(JSON.parse(await body(site, 'feeds/all.json')).hubs).toEqual([{ type: 'WebSub', url: hubUrl }]);
    });

    it('pings the hub with hub.mode=publish for exactly the feeds whose content changed', async () => {
      const state: HubState = { fingerprints: new Map() };
      const from = pings.length;
      const first = await notifyHub({ store: reader, config: f.config, state });
      expect(first.errors).toEqual([]);
      expect(first.pinged).toContain('https://wire.example/feeds/country/bo.json');
      expect(pings.slice(from).every((p) => p.get('hub.mode') === 'publish')).toBe(true);
      expect(
        pings
          .slice(from)
          .flatMap((p) => p.getAll('hub.url'))
          .sort(),
      ).toEqual([...first.pinged].sort());

      expect((await notifyHub({ store: reader, config: f.config, state })).pinged).toEqual([]);

      seedEntries(f.store, [
        {
          sourceId: 'bolnews',
          key: 'bo-new',
          title: 'New in Bolivia',
          publishedAt: '2024-05-09T08:00:00.000Z',
          tags: [{ kind: 'country', value: 'BO' }],
        },
      ]);
      await s.sync(f);
      const third = await notifyHub({ store: reader, config: f.config, state });
      const paths = [...new Set(third.pinged.map((u) => new URL(u).pathname.replace(/\.\w+$/, '')))].sort();
      expect(paths).toEqual(['/feeds/all', '/feeds/c/latin-america', '/feeds/country/bo', '/feeds/source/bolnews']);
    });

    it('a hub that answers HTTP 500 is asked again on the next call for exactly the feeds it missed', async () => {
      await failThenRetry(f, reader, 'https://wire.example/', 'http-500', /hub answered HTTP 500$/);
    });

    it('a dropped connection is retried too, also for a site whose base URL itself ends in /feeds/', async () => {
      const base = 'https://wire.example/feeds/';
      const fx = makeFixture(standardEntries(), { main: mainYaml(base) });
      try {
        fx.config = loadConfig(fx.configDir, { db: fx.dbFile });
        await failThenRetry(fx, await s.reader(fx), base, 'drop', /fetch failed/);
      } finally {
        fx.cleanup();
      }
    });

    it('the running worker logs a failed ping, and its next cycle announces those feeds again', async () => {
      const feeds = await fixtureServer({
        '/feed.xml': (_q, res) => {
          res
            .writeHead(200, { 'Content-Type': 'application/rss+xml' })
            .end(rss([{ guid: 'a', title: 'Strike in Lima' }]));
        },
      });
      const tmp = tempDir('wireroom-websub-');
      const base = 'https://wire.example/';
      const configDir = writeConfig(tmp.dir, {
        main:
          `site:\n  base_url: ${base}\npublish:\n  websub_hub: ${hubUrl}\n` +
          'schedule:\n  cron: "* * * * * *"\n  run_on_start: true\nfetch:\n  allow_private: ["127.0.0.1"]\n' +
          (s.kind === 'postgres' ? `database: ${await s.emptyDatabase(tmp.dir, 'worker')}\n` : ''),
        sources: `sources:\n  - { id: src, url: "${feeds.url('/feed.xml')}" }\n`,
      });
      const from = pings.length;
      hubDown = true;
      const worker = spawnWorker(configDir, tmp.dir);
      const { until, exited } = worker;
      /** Feed URLs sent since the worker started in requests the hub answered with `status`. */
      const sent = (status: number) =>
        new Set(pings.slice(from).flatMap((p, i) => (answered[from + i] === status ? p.getAll('hub.url') : [])));
      try {
        await until(() => /WebSub hub ping failed/.test(worker.stderr()), 'the failed ping to be logged');
        const warning =
          worker
            .stderr()
            .split('\n')
            .find((l) => l.includes('WebSub hub ping failed')) ?? '';
        const logged = JSON.parse(warning) as { level: number; errors: string[] };
        expect(logged.level).toBe(40);
        expect(logged.errors.length).toBeGreaterThan(0);
        expect(new Set(logged.errors)).toEqual(new Set([`${hubUrl}: hub answered HTTP 500`]));
        expect(sent(500)).toContain(`${base}feeds/source/src.rss`);

        // The hub is back: a later tick's cycle (nothing due by then) announces everything it missed.
        hubDown = false;
        await until(() => [...sent(500)].every((u) => sent(204).has(u)), 'every missed feed to be announced again');
        worker.kill('SIGTERM');
        await exited;
        expect(worker.exitCode(), worker.stderr()).toBe(0);
      } finally {
        hubDown = false;
        if (worker.exitCode() === undefined) worker.kill('SIGKILL');
        await feeds.close();
        tmp.cleanup();
      }
    });
  });
