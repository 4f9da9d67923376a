// `wireroom serve` on PostgreSQL (issue #15), as a real child process: it serves the feeds from the database, and
// its response cache follows writes made by any other process (here this test's own connection, as a fetch worker
// on another machine would write): a 304 for the ETag it gave, then after another process stores an entry, a 200
// with that entry. `wireroom items` lists what is stored, from the same database.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgStore } from '../../src/store/pg/index.ts';
import type { Entry, SourceConfig } from '../../src/types.ts';
import { cli, tempDir, writeConfig } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnCli, type CliProcess } from '../helpers/worker-process.ts';

const T0 = '2024-05-01T12:00:00.000Z';
const METRICS_TOKEN = 'metrics-secret';
const SOURCE: SourceConfig = {
  id: 'wire',
  url: 'https://wire.example/feed.xml',
  enabled: true,
  topics: [],
  trusted: true,
};

function entry(key: string, title: string, publishedAt: string): Entry {
  return {
    sourceId: 'wire',
    key,
    guid: key,
    url: `https://wire.example/${key}`,
    title,
    summary: `Summary: ${title}`,
    contentHtml: `<p>${title}</p>`,
    authors: [],
    categories: [],
    enclosures: [],
    language: 'en',
    publishedAt,
    dateFlags: [],
  };
}

describe.skipIf(!!postgresMissing)(`wireroom serve and items on PostgreSQL${needsPostgres}`, () => {
  const tmp = tempDir('wireroom-serve-pg-');
  let server: TestPostgres;
  let pg: PgStore;
  let configDir: string;
  let serve: CliProcess | undefined;
  let url = '';

  beforeAll(async () => {
    server = await startPostgres();
    const db = server.url('wireroom');
    configDir = writeConfig(tmp.dir, {
      main:
        `database: ${JSON.stringify(db)}\nserver:\n  port: 0\n  host: 127.0.0.1\n` +
        `  metrics:\n    token_sha256: ${createHash('sha256').update(METRICS_TOKEN).digest('hex')}\n` +
        'site:\n  base_url: http://127.0.0.1:8080/\n',
      sources: `sources:\n  - id: wire\n    url: ${SOURCE.url}\n    title: The Wire\n`,
    });
    pg = await openPgStore(db);
    await pg.sources.sync([SOURCE], T0);
    await pg.entries.upsert([entry('first', 'Harbour strike ends', '2024-05-01T08:00:00.000Z')], T0);
    serve = spawnCli(['--config', configDir, 'serve'], tmp.dir);
    await until(() => {
      if (!serve?.running()) throw new Error(`serve exited: ${serve?.log()}`);
      url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(serve.log())?.[1] ?? '';
      return url !== '';
    }, 'serve to listen');
  }, 120_000);

  afterAll(async () => {
    if (serve) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await pg?.close();
    server?.stop();
    tmp.cleanup();
  });

  it('answers 304 for its ETag until another process stores an entry, then 200 with it', async () => {
    const first = await fetch(new URL('feeds/all.json', url));
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title);
    expect(titles((await first.json()) as { items: { title: string }[] })).toEqual(['Harbour strike ends']);
    const again = await fetch(new URL('feeds/all.json', url), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    // Another process writes (this test's connection, not the server's).
    await pg.entries.upsert([entry('second', 'Port reopens after strike', '2024-05-02T08:00:00.000Z')], T0);
    const after = await fetch(new URL('feeds/all.json', url), { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(titles((await after.json()) as { items: { title: string }[] })).toEqual([
      'Port reopens after strike',
      'Harbour strike ends',
    ]);
  });

  it('a write that changes nothing a feed shows (a lease, a fetch log row) leaves the 304', async () => {
    const r = await fetch(new URL('feeds/all.rss', url));
    const etag = r.headers.get('etag') ?? '';
    await r.text();
    await pg.sources.expireLeases(new Date().toISOString());
    await pg.db.query(`UPDATE sources SET next_fetch_at = $1, lease_owner = 'w1', lease_until = $1`, [T0]);
    const again = await fetch(new URL('feeds/all.rss', url), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves /healthz from the database: readable, no cycle yet', async () => {
    const r = await fetch(new URL('healthz', url));
    const body = (await r.json()) as { status: string; database: { readable: boolean } };
    expect(body.database.readable).toBe(true);
    expect(body.status).toBe('no cycle yet');
  });

  it('serves /metrics read from PostgreSQL: the last cycle, and the sources overdue as the table says', async () => {
    const metrics = async () => {
      const r = await fetch(new URL('metrics', url), { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(r.status).toBe(200);
      return r.text();
    };
    await pg.db.query('UPDATE sources SET next_fetch_at = $1', ['2999-01-01T00:00:00.000Z']);
    const due = await metrics();
    expect(due).toMatch(/^wireroom_last_cycle_finished_seconds 0$/m);
    expect(due).toMatch(/^wireroom_sources_overdue 0$/m);
    await pg.db.query('UPDATE sources SET next_fetch_at = $1', [T0]);
    expect(await metrics()).toMatch(/^wireroom_sources_overdue 1$/m);
  });

  it('`wireroom items` lists the stored entries, newest first, from PostgreSQL', async () => {
    const r = await cli(['--config', configDir, 'items', '--json']);
    expect(r.code, r.err).toBe(0);
    const items = JSON.parse(r.out) as { title: string; sourceId: string }[];
    expect(items.map((i) => i.title)).toEqual(['Port reopens after strike', 'Harbour strike ends']);
  });
});
