// Three `wireroom worker` processes (the real CLI) on one PostgreSQL database, over loopback feeds. Cycles are driven
// as rounds: every source is made due, then three `worker --once` run at once. The fixture server counts GETs per
// path per round: one each, never two (no double claims), and fetch_log grows by one row per source per round. Then
// a worker is killed with SIGKILL while it holds a slow source: after its lease runs out, one more round stores
// exactly what was served, with the tags the tagger gives the served items, nothing twice.
import { mkdirSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { createTagger, tagEntry } from '../../src/tag/index.ts';
import { assignKeys } from '../../src/dedup/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import type { SourceConfig } from '../../src/types.ts';
import { rss, startServer, tempDir, writeConfig, type TestServer } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnCli } from '../helpers/worker-process.ts';

const FEEDS = 24;
const ROUNDS = 10;
const WORKERS = 3;
/** Every third feed never changes and answers If-None-Match with 304; the others gain an item per round. */
const isStatic = (i: number) => i % 3 === 0;
const PLACES = ['Lima, Peru', 'Nairobi, Kenya', 'Manila, Philippines', 'Quito, Ecuador', 'Accra, Ghana'];

/** Feed i as served in a round: its items, newest first. */
function itemsOf(i: number, round: number) {
  const last = isStatic(i) ? 2 : round + 1;
  return Array.from({ length: last + 1 }, (_, k) => last - k).map((k) => ({
    guid: `f${i}-${k}`,
    title: `Dock workers strike in ${PLACES[(i + k) % PLACES.length]} over pay, item ${k} of feed ${i}`,
    link: `https://news.example/f${i}/${k}`,
    description: `Unions in ${PLACES[(i * 7 + k) % PLACES.length]} called the strike after talks failed.`,
    pubDate: new Date(Date.UTC(2026, 0, 1, 0, i, k)).toUTCString(),
  }));
}
const bodyOf = (i: number, round: number) => rss(itemsOf(i, round));

describe.skipIf(postgresMissing)(`wireroom worker: a fleet on one PostgreSQL database${needsPostgres}`, () => {
  const tmp = tempDir('wireroom-fleet-');
  let pg: TestPostgres | undefined;
  let pool: Pool | undefined;
  let server: TestServer | undefined;
  let configDir = '';
  let round = 0;
  /** GETs per round per path. */
  const hits: Map<string, number>[] = [];
  /** Paths whose answer waits this long (the kill scenario's slow source). */
  const slow = new Map<string, number>();

  beforeAll(async () => {
    pg = await startPostgres();
    const url = pg.url('wireroom');
    const { default: pgLib } = await import('pg');
    pool = new pgLib.Pool({ connectionString: url, max: 2 });
    server = await startServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      const p = (req.url ?? '/').split('?')[0] ?? '';
      const counts = (hits[round] ??= new Map());
      counts.set(p, (counts.get(p) ?? 0) + 1);
      const i = Number(/^\/f(\d+)\.xml$/.exec(p)?.[1] ?? NaN);
      if (!(i >= 0 && i < FEEDS)) return void res.writeHead(404).end();
      const etag = `"f${i}-r${isStatic(i) ? 0 : round}"`;
      const answer = () => {
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(bodyOf(i, round));
      };
      const wait = slow.get(p);
      if (wait) setTimeout(answer, wait);
      else answer();
    });
    const sources = Array.from({ length: FEEDS }, (_, i) => `  - id: f${i}\n    url: ${server!.url}/f${i}.xml\n`);
    configDir = writeConfig(tmp.dir, {
      main:
        `database: ${url}\nschedule:\n  run_on_start: false\ningest:\n  threads: 1\n` +
        `fetch:\n  per_host: 4\n  concurrency: 6\n  timeout_seconds: 20\n  allow_private: ["127.0.0.1"]\n`,
      sources: `sources:\n${sources.join('')}`,
    });
    mkdirSync(path.join(tmp.dir, 'db'), { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await server?.close();
    pg?.stop();
    tmp.cleanup();
  });

  const q = async <R extends object>(sql: string, values: unknown[] = []) => (await pool!.query<R>(sql, values)).rows;

  /** Starts the workers of one round; resolves with their exit codes and logs. */
  const startRound = (lease = 60) =>
    Array.from({ length: WORKERS }, () =>
      spawnCli(['--config', configDir, 'worker', '--once', '--json', '--lease', String(lease)], tmp.dir),
    );
  const finish = async (procs: ReturnType<typeof startRound>) => {
    const codes = await Promise.all(procs.map((p) => p.exited));
    codes.forEach((code, w) => expect(code, procs[w]!.log()).toBe(0));
  };
  const makeDue = () => q(`UPDATE sources SET next_fetch_at = '2000-01-01T00:00:00.000Z'`);

  it(`${ROUNDS} rounds of ${WORKERS} workers: one GET per source per round, one fetch_log row each`, async () => {
    for (round = 0; round < ROUNDS; round++) {
      // The first round finds the sources new (never fetched: due at once); later ones make them due.
      if (round > 0) await makeDue();
      await finish(startRound());
      const counts = hits[round] ?? new Map<string, number>();
      for (let i = 0; i < FEEDS; i++) {
        const log = () => q(`SELECT * FROM fetch_log WHERE source_id = $1 ORDER BY id`, [`f${i}`]);
        if (counts.get(`/f${i}.xml`) !== 1) expect.fail(`round ${round} f${i}: ${JSON.stringify(await log())}`);
      }
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(FEEDS);
      const logs = await q<{ source_id: string; n: number }>(
        'SELECT source_id, count(*)::int AS n FROM fetch_log GROUP BY source_id ORDER BY source_id',
      );
      expect(logs.length).toBe(FEEDS);
      for (const row of logs) expect(row.n, row.source_id).toBe(round + 1);
    }
    // Static feeds were answered 304 after their first round (validators stored and sent); the others grew.
    const statuses = await q<{ source_id: string; status: string; n: number }>(
      `SELECT source_id, status, count(*)::int AS n FROM fetch_log GROUP BY source_id, status`,
    );
    const of = (id: string, status: string) => statuses.find((s) => s.source_id === id && s.status === status)?.n;
    expect(of('f0', 'not-modified')).toBe(ROUNDS - 1);
    expect(of('f1', 'ok')).toBe(ROUNDS);
    // No lease is left behind by a worker that exited.
    expect(await q('SELECT id FROM sources WHERE lease_owner IS NOT NULL')).toEqual([]);
    await expectServedStored(ROUNDS - 1);
  }, 600_000);

  it('a worker killed with SIGKILL mid-fetch: after its lease runs out, one more round stores exactly what was served', async () => {
    round = ROUNDS;
    await makeDue();
    // f1 answers slowly this round: whoever claims it is killed while the server holds its request.
    slow.set('/f1.xml', 8000);
    const procs = startRound(3);
    let holder: { lease_owner: string } | undefined;
    for (const end = Date.now() + 60_000; !(holder && hits[round]?.get('/f1.xml')) && Date.now() < end;) {
      [holder] = await q<{ lease_owner: string }>(
        `SELECT lease_owner FROM sources WHERE id = 'f1' AND lease_owner IS NOT NULL`,
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(holder, 'f1 claimed').toBeDefined();
    expect(hits[round]?.get('/f1.xml'), 'f1 requested').toBe(1);
    // The owner's name carries its pid (host:pid:random): that worker is the one to kill.
    const pid = Number(holder!.lease_owner.split(':')[1]);
    const victim = procs.find((p) => p.child.pid === pid);
    expect(victim, `a worker with pid ${pid}`).toBeDefined();
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    // What it held when it died: these (and only these) may be fetched twice this round.
    const held = new Set(
      (await q<{ id: string }>('SELECT id FROM sources WHERE lease_owner = $1', [holder!.lease_owner])).map(
        (r) => r.id,
      ),
    );
    expect(held.has('f1')).toBe(true);
    await finish(procs.filter((p) => p !== victim));
    slow.clear();
    // Its leases run out (3 s); one more round, serving the same documents, fetches what it held.
    const [lease] = await q<{ until: string | null }>(
      `SELECT max(lease_until) AS until FROM sources WHERE lease_owner = $1`,
      [holder!.lease_owner],
    );
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(lease?.until ?? '') - Date.now() || 0) + 200));
    await finish(startRound());
    const counts = hits[round] ?? new Map<string, number>();
    expect(counts.get('/f1.xml')).toBe(2);
    for (let i = 0; i < FEEDS; i++) {
      const n = counts.get(`/f${i}.xml`) ?? 0;
      if (held.has(`f${i}`)) expect(n, `f${i} (held by the killed worker)`).toBeGreaterThanOrEqual(1);
      if (held.has(`f${i}`)) expect(n, `f${i} (held by the killed worker)`).toBeLessThanOrEqual(2);
      else expect(n, `f${i}`).toBe(1);
    }
    expect(await q('SELECT id FROM sources WHERE lease_owner IS NOT NULL')).toEqual([]);
    const logs = await q<{ source_id: string; n: number }>(
      'SELECT source_id, count(*)::int AS n FROM fetch_log GROUP BY source_id',
    );
    for (const row of logs) expect(row.n, row.source_id).toBe(ROUNDS + 1);
    await expectServedStored(ROUNDS);
  }, 300_000);

  /** Every item served up to `last` round is stored once, with the tags the tagger gives it; nothing else is. */
  async function expectServedStored(last: number): Promise<void> {
    const tagger = createTagger(loadTaxonomy(configDir));
    const label = (t: { kind: string; value: string; role?: string; score: number }) =>
      `${t.kind}:${t.value}:${t.role ?? ''}:${t.score}`;
    const expected = new Map<string, string[]>();
    for (let i = 0; i < FEEDS; i++) {
      const source: SourceConfig = {
        id: `f${i}`,
        url: `${server!.url}/f${i}.xml`,
        enabled: true,
        topics: [],
        trusted: true,
      };
      const parsed = await parseFeed(Buffer.from(bodyOf(i, last)), { url: source.url });
      const keyed = assignKeys(normalizeFeed(parsed, source, { now: new Date(), feedUrl: source.url }), {
        guidReuse: false,
      });
      for (const e of keyed.entries) expected.set(`f${i}/${e.guid}`, tagEntry(tagger, e, source).map(label).sort());
    }
    // entry_tag_sets holds every tag of an entry (entry_tags only the published ones, no country mentions).
    const rows = await q<{ source_id: string; guid: string; tags: string | null }>(
      `SELECT e.source_id, e.guid, s.tags FROM entries e LEFT JOIN entry_tag_sets s ON s.entry_id = e.id ORDER BY e.id`,
    );
    const tagsOf = (json: string | null) => (JSON.parse(json ?? '[]') as Parameters<typeof label>[0][]).map(label);
    const stored = new Map(rows.map((r) => [`${r.source_id}/${r.guid}`, tagsOf(r.tags).sort()]));
    expect(rows.length).toBe(stored.size); // nothing twice
    expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
    let tagged = 0;
    for (const [key, tags] of expected) {
      expect(stored.get(key), key).toEqual(tags);
      if (tags.length) tagged++;
    }
    // The items name places: most carry a country tag, so equal tags are not two empty lists.
    expect(tagged).toBeGreaterThan(expected.size / 2);
    // Each entry is in a story that exists, with its story keys; each story shows one of its own members.
    const storyless = await q(
      `SELECT e.id FROM entries e LEFT JOIN stories s ON s.id = e.story_id LEFT JOIN story_keys k ON k.entry_id = e.id
        WHERE s.id IS NULL OR k.entry_id IS NULL`,
    );
    expect(storyless).toEqual([]);
    const badStories = await q(
      `SELECT s.id FROM stories s LEFT JOIN entries r ON r.id = s.representative_entry_id AND r.story_id = s.id
        WHERE r.id IS NULL`,
    );
    expect(badStories).toEqual([]);
  }
});
