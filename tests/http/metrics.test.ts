// Prometheus /metrics: scraped after real cycles against a loopback fixture server. In process, the counters a cycle
// moves and the token on the public port; then `wireroom run` as a real child process, wired as `npm start` is, with
// metrics both behind the token and on a port of their own. The child process runs on both stores (issue #15): its
// project's database a SQLite file, or one on a real PostgreSQL server (`--db`, tests/helpers/stores.ts).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type WireroomConfig } from '../../src/config/index.ts';
import { startServer } from '../../src/http/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWorkerDeps, runCycle, type WorkerDeps } from '../../src/worker/index.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { spawnCli, type CliProcess } from '../helpers/worker-process.ts';

/** A real child process on a shared machine: room beyond the default test timeout. */
const CHILD_TIMEOUT_MS = 120_000;

const TOKEN = 'metrics-test-token-4f1c9a';
const TOKEN_SHA256 = createHash('sha256').update(TOKEN).digest('hex');
const ETAG = '"v1"';
const FEED = rss([
  { guid: 'a', title: 'Port strike in Callao', pubDate: new Date(Date.now() - 3_600_000).toUTCString() },
  { guid: 'b', title: 'Lima council votes budget', pubDate: new Date(Date.now() - 7_200_000).toUTCString() },
  { guid: 'c', title: 'Andes glacier survey ends', pubDate: new Date(Date.now() - 9_000_000).toUTCString() },
]);

function mainConfig(metrics: string): string {
  return (
    'schedule:\n  cron: "0 0 1 1 *"\n  run_on_start: true\n' +
    'fetch:\n  timeout_seconds: 10\n  connect_timeout_seconds: 5\n  allow_private: ["127.0.0.1"]\n' +
    `ingest:\n  threads: 0\nserver:\n  port: 0\n  metrics:\n${metrics}`
  );
}

/** Fixture sources: one with an ETag (200, then 304), one 404 (error class http), one gone (410). */
async function feedServer() {
  return fixtureServer({
    '/ok.xml': (req, res) => {
      if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { ETag: ETAG }).end();
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: ETAG }).end(FEED);
    },
    '/missing.xml': (_q, res) => void res.writeHead(404).end('no such feed'),
    '/gone.xml': (_q, res) => void res.writeHead(410).end('removed'),
  });
}

function sourcesYaml(url: (p: string) => string): string {
  return ['ok', 'missing', 'gone'].map((id) => `  - id: ${id}\n    url: ${url(`/${id}.xml`)}\n`).join('');
}

/** The value of one series in Prometheus text format, e.g. `wireroom_fetch_outcomes_total{outcome="ok"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = (url: string, token?: string) =>
  fetch(url, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

describe('/metrics in process, behind a token on the public port', () => {
  let feeds: Awaited<ReturnType<typeof fixtureServer>>;
  let tmp: ReturnType<typeof tempDir>;
  let config: WireroomConfig;
  let store: Store;
  let deps: WorkerDeps;
  let server: Awaited<ReturnType<typeof startServer>>;
  let metricsUrl: string;

  beforeAll(async () => {
    feeds = await feedServer();
    tmp = tempDir('wireroom-metrics-');
    const dir = writeConfig(tmp.dir, {
      main: mainConfig(`    token_sha256: ${TOKEN_SHA256}\n`),
      sources: `sources:\n${sourcesYaml(feeds.url)}`,
    });
    config = loadConfig(dir);
    store = openStore(config.databasePath);
    deps = createWorkerDeps(config, store);
    server = await startServer({ store, config, port: 0, host: '127.0.0.1' });
    metricsUrl = new URL('/metrics', server.url).href;
  });
  afterAll(async () => {
    await server?.close();
    await deps?.preparer.close();
    store?.close();
    await feeds?.close();
    tmp?.cleanup();
  });

  it('refuses a scrape without the token or with another one (401), and is off with no token configured (404)', async () => {
    const none = await scrape(metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scrape(metricsUrl, 'not-the-token')).status).toBe(401);
    expect((await scrape(metricsUrl, TOKEN)).status).toBe(200);

    const { token_sha256: _, ...noToken } = config.server.metrics;
    const off = { ...config, server: { ...config.server, metrics: noToken } };
    const plain = await startServer({ store, config: off, port: 0, host: '127.0.0.1' });
    try {
      expect(plain.metrics).toBeUndefined();
      expect((await scrape(new URL('/metrics', plain.url).href, TOKEN)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('counts what cycles did: duration, outcomes by kind, entries, stories; overdue sources at scrape', async () => {
    const metrics = server.metrics;
    if (!metrics) throw new Error('the server made no metrics although server.metrics.token_sha256 is set');
    // As `wireroom run` wires it: every cycle run with these deps is handed to the metrics when it finishes.
    deps.onCycleDone = (r) => metrics.observeCycle(r);
    await runCycle(deps);
    await runCycle(deps, { force: true });

    const res = await scrape(metricsUrl, TOKEN);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'wireroom_cycle_duration_seconds_count')).toBe(2);
    expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="not_modified"}')).toBe(1);
    expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="http"}')).toBe(2);
    // A forced cycle fetches every enabled source, the gone one too.
    expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="gone"}')).toBe(2);
    expect(sample(text, 'wireroom_entries_stored_total{change="new"}')).toBe(3);
    expect(sample(text, 'wireroom_entries_stored_total{change="updated"}')).toBe(0);
    expect(sample(text, 'wireroom_stories_made_total')).toBe(3);
    expect(sample(text, 'wireroom_sources_overdue')).toBe(0);
    const last = store.cycles.last();
    expect(sample(text, 'wireroom_last_cycle_finished_seconds')).toBe(Date.parse(last?.finishedAt ?? '') / 1000);
    // The process: memory and event-loop lag (prom-client's default metrics).
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);

    // Overdue is computed at scrape, from the store: a source due long ago counts at once.
    store.db.prepare("UPDATE sources SET next_fetch_at = '2001-01-01T00:00:00.000Z' WHERE id = 'ok'").run();
    expect(sample(await (await scrape(metricsUrl, TOKEN)).text(), 'wireroom_sources_overdue')).toBe(1);
  });

  it('times HTTP requests by route kind and status', async () => {
    const before = await (await scrape(metricsUrl, TOKEN)).text();
    const feedOk = 'wireroom_http_request_duration_seconds_count{route="feed",status="200"}';
    const feed404 = 'wireroom_http_request_duration_seconds_count{route="feed",status="404"}';
    const health = 'wireroom_http_request_duration_seconds_count{route="health",status="200"}';
    const page = 'wireroom_http_request_duration_seconds_count{route="page",status="200"}';
    for (const p of ['/feeds/all.rss', '/feeds/all.json', '/feeds/nope.rss', '/healthz', '/']) {
      await (await fetch(new URL(p, server.url))).arrayBuffer();
    }
    const after = await (await scrape(metricsUrl, TOKEN)).text();
    const moved = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(moved(feedOk)).toBe(2);
    expect(moved(feed404)).toBe(1);
    expect(moved(page)).toBe(1);
    // The stale source above makes no difference to health: the last cycle is recent.
    expect(moved(health)).toBe(1);
    expect(after).toContain('wireroom_http_request_duration_seconds_bucket{le="0.001",route="feed",status="200"}');
    // Scrapes are requests too: the one before this test's requests was counted, with the 401s of the first test.
    expect(sample(after, 'wireroom_http_request_duration_seconds_count{route="metrics",status="401"}')).toBe(2);
  });
});

for (const s of stores())
  describe.skipIf(skipArm(s))(`/metrics under \`wireroom run\` (real child process) on ${s.kind}${s.skip}`, () => {
    let feeds: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;
    const running: CliProcess[] = [];

    beforeAll(async () => {
      feeds = await feedServer();
      tmp = tempDir('wireroom-metrics-run-');
    });
    afterAll(async () => {
      for (const p of running.filter((r) => r.running())) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
      await feeds?.close();
      await s.close();
      tmp?.cleanup();
    });

    it(
      'after the first cycle, both the token endpoint and the own port show it; the log says where',
      async () => {
        const p = await runUntilFirstCycle(
          'both',
          `    token_sha256: ${TOKEN_SHA256}\n    port: 0\n    host: 127.0.0.1\n`,
          [],
        );
        const served = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(p.log())?.[1];
        const where = /"metrics":"([^"]*)"/.exec(p.log())?.[1] ?? '';
        // "PUBLIC/metrics (Authorization: Bearer token) and http://127.0.0.1:PORT/metrics"
        const [onPublic, own] = where.split(' and ');
        if (!served || !own) throw new Error(`no server or metrics URL in the log: ${p.log()}`);
        expect(onPublic).toBe(`${served}metrics (Authorization: Bearer token)`);
        expect(own).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

        expect((await scrape(`${served}metrics`)).status).toBe(401);
        const viaToken = await (await scrape(`${served}metrics`, TOKEN)).text();
        const viaPort = await (await scrape(own)).text();
        for (const text of [viaToken, viaPort]) {
          expect(sample(text, 'wireroom_cycle_duration_seconds_count')).toBe(1);
          expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="ok"}')).toBe(1);
          expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="http"}')).toBe(1);
          expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="gone"}')).toBe(1);
          expect(sample(text, 'wireroom_entries_stored_total{change="new"}')).toBe(3);
          expect(sample(text, 'wireroom_stories_made_total')).toBe(3);
        }
        // The own port serves /metrics only.
        expect((await fetch(own.replace(/metrics$/, 'feeds/all.rss'))).status).toBe(404);

        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
      },
      CHILD_TIMEOUT_MS,
    );

    it(
      'run --no-server: no public port, so the metrics are on their own port only, the cycle counted',
      async () => {
        const p = await runUntilFirstCycle('worker', '    port: 0\n', ['--no-server']);
        expect(p.log()).not.toContain('"msg":"serving feeds"');
        const where = /"metrics":"([^"]*)"/.exec(p.log())?.[1] ?? '';
        expect(where).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
        const text = await (await scrape(where)).text();
        expect(sample(text, 'wireroom_cycle_duration_seconds_count')).toBe(1);
        expect(sample(text, 'wireroom_fetch_outcomes_total{outcome="ok"}')).toBe(1);
        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
      },
      CHILD_TIMEOUT_MS,
    );

    /** `wireroom run ...args` on a project folder of its own, once its first cycle is logged. */
    async function runUntilFirstCycle(name: string, metrics: string, args: string[]): Promise<CliProcess> {
      const dir = writeConfig(path.join(tmp.dir, name), {
        main: mainConfig(metrics),
        sources: `sources:\n${sourcesYaml(feeds.url)}`,
      });
      // On SQLite the config's own database file, as before; on PostgreSQL a fresh database for this project.
      const db = s.kind === 'sqlite' ? [] : ['--db', await s.emptyDatabase(tmp.dir, name)];
      const p = spawnCli(['--config', dir, ...db, 'run', ...args], path.join(tmp.dir, name));
      running.push(p);
      await until(() => {
        if (!p.running()) throw new Error(`wireroom run exited: ${p.log()}`);
        return p.log().includes('"msg":"cycle done"');
      }, 'the first cycle');
      return p;
    }
  });
