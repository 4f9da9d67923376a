// `wireroom migrate` on a real PostgreSQL, from a SQLite database the real worker filled from a fixture server on
// 127.0.0.1 (entries, tags, stories, fetch log and cycles), plus an editor's marks and accounts: every table arrives
// with equal rows and checksums, a second copy into the filled target is refused, and an altered row is caught.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, cliActor, issueToken } from '../../src/auth/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { openStore } from '../../src/store/index.ts';
import { openPgStore } from '../../src/store/pg/index.ts';
import { createWorkerDeps, runCycle } from '../../src/worker/index.ts';
import { cli, fixtureServer, REPO_ROOT, rss, tempDir } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const day = (d: number) => new Date(Date.UTC(2024, 4, d, 9)).toUTCString();
const FEEDS: Record<string, string> = {
  '/lima.xml': rss([
    {
      guid: 'l1',
      title: 'Strike in Lima closes the port of Callao',
      link: 'https://news.example/peru/strike',
      description: 'Dockers in Peru stopped work.',
      pubDate: day(1),
    },
    {
      guid: 'l2',
      title: 'Congress of Peru debates the budget',
      link: 'https://news.example/peru/budget',
      description: 'Lawmakers in Lima.',
      pubDate: day(2),
    },
    {
      guid: 'l3',
      title: 'Coup attempt fails in Bolivia',
      link: 'https://news.example/bolivia/coup',
      description: 'Troops left La Paz.',
      pubDate: day(3),
    },
  ]),
  '/wire.xml': rss([
    // The same Bolivian story as /lima.xml (same link): one story, two members.
    {
      guid: 'w1',
      title: 'Bolivia: coup attempt fails',
      link: 'https://news.example/bolivia/coup',
      description: 'Troops withdrew from La Paz.',
      pubDate: day(3),
    },
    {
      guid: 'w2',
      title: 'Chile’s president visits São Paulo',
      link: 'https://wire.example/chile',
      description: 'Ñandú & jaguar talks.',
      pubDate: day(4),
    },
  ]),
  '/gone.xml': '',
};

describe.skipIf(postgresMissing)(`wireroom migrate from SQLite to PostgreSQL${needsPostgres}`, () => {
  let server: TestPostgres;
  let tmp: ReturnType<typeof tempDir>;
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  let dbFile: string;

  beforeAll(async () => {
    server = await startPostgres();
    tmp = tempDir('wireroom-pgmigrate-');
    srv = await fixtureServer({
      '/lima.xml': (_q, res) =>
        void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEEDS['/lima.xml']),
      '/wire.xml': (_q, res) =>
        void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEEDS['/wire.xml']),
      '/gone.xml': (_q, res) => void res.writeHead(410).end('gone'),
      // UTF-32 without a byte order mark: refused, with an error that quotes its first bytes, NULs and all.
      '/utf32.xml': (_q, res) =>
        void res
          .writeHead(200, { 'Content-Type': 'application/xml' })
          .end(Buffer.from([...'<?xml version="1.0"?><rss/>'].flatMap((c) => [0, 0, 0, c.charCodeAt(0)]))),
    });
    // The repository's config (its taxonomy tags the entries), with these sources and a temp database.
    const configDir = path.join(tmp.dir, 'config');
    cpSync(path.join(REPO_ROOT, 'config'), configDir, { recursive: true });
    dbFile = path.join(tmp.dir, 'db', 'wireroom.sqlite');
    writeFileSync(
      path.join(configDir, 'wireroom.yaml'),
      `schedule:\n  run_on_start: false\ndatabase:\n  path: ${dbFile}\nfetch:\n  timeout_seconds: 5\n  allow_private: ["127.0.0.1"]\ningest:\n  threads: 0\n`,
    );
    writeFileSync(
      path.join(configDir, 'sources.yaml'),
      `sources:\n${['lima', 'wire', 'gone', 'utf32'].map((s) => `  - id: ${s}\n    url: ${srv.url(`/${s}.xml`)}\n`).join('')}`,
    );
    const store = openStore(dbFile);
    const deps = createWorkerDeps(loadConfig(configDir), store, undefined, { threads: 0 });
    try {
      await runCycle(deps, { force: true });
      await runCycle(deps, { force: true });
      // An editor's marks and the accounts, so that every table has rows.
      const [first, second] = store.entries.list({ sourceId: 'lima' }).sort((a, b) => a.id - b.id);
      store.tags.setOverride(first!.id, 'topic', 'labour', 'add');
      store.entries.remove(second!.id, 'editor', new Date().toISOString());
      await addUser(store, cliActor('tester'), { name: 'ann', role: 'admin', password: 'correct horse battery' });
      issueToken(store, cliActor('tester'), { name: 'ci', user: 'ann', scopes: ['read'] });
      // A double with no short decimal form (0.1 + 0.2 = 0.30000000000000004) must checksum alike on both sides.
      store.db.prepare('UPDATE entries SET story_score = 0.1 + 0.2 WHERE id = (SELECT max(id) FROM entries)').run();
      store.jobs.add({
        kind: 'retag',
        params: { since: '2024-01-01' },
        createdBy: 'ann',
        origin: 'cli',
        at: new Date().toISOString(),
      });
    } finally {
      await deps.preparer.close();
      store.close();
    }
  });
  afterAll(async () => {
    await srv?.close();
    tmp?.cleanup();
    server?.stop();
  });

  /** Rows per table of the SQLite file, as the migrate report should list them. */
  function sqliteCounts(): Record<string, number> {
    const store = openStore(dbFile, { readonly: true });
    try {
      const tables = store.db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entries_fts%'",
        )
        .all();
      return Object.fromEntries(
        tables.map((t) => [
          t.name,
          (store.db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n,
        ]),
      );
    } finally {
      store.close();
    }
  }

  /** The report's rows: table -> [sqlite rows, postgres rows, verdict]. */
  const reportOf = (out: string) =>
    Object.fromEntries(
      out
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/))
        .filter((c) => c.length === 6)
        .map(([t, a, b, , , v]) => [t, [Number(a), Number(b), v]]),
    );

  it('copies every table with equal rows and checksums, and PostgreSQL builds the search vectors', async () => {
    const url = server.url('wireroom');
    const counts = sqliteCounts();
    // The worker filled what the copy must carry.
    for (const t of [
      'sources',
      'entries',
      'entry_tags',
      'entry_tag_sets',
      'stories',
      'story_keys',
      'fetch_log',
      'tombstones',
      'tag_overrides',
      'users',
      'api_tokens',
      'audit_log',
      'jobs',
      'worker_cycles',
      // What the worker tagged with: the first retag on PostgreSQL tags what one on SQLite would.
      'tag_versions',
    ])
      expect(counts[t], t).toBeGreaterThan(0);
    const r = await cli(['migrate', '--from', dbFile, '--to', url]);
    expect(r.err).not.toMatch(/MISMATCH|differs/);
    expect(r.code).toBe(0);
    const report = reportOf(r.out);
    expect(Object.keys(report).sort()).toEqual(Object.keys(counts).sort());
    for (const [t, n] of Object.entries(counts)) expect(report[t], t).toEqual([n, n, 'ok']);
    expect(r.out).toMatch(/matches/);
    // PostgreSQL text cannot hold U+0000: said, and stored as U+FFFD (both checksums read it so).
    expect(r.err).toMatch(/sources: 1 values held U\+0000/);
    expect(r.err).toMatch(/fetch_log: 2 values held U\+0000/);

    const pg = await openPgStore(url);
    try {
      const score = await pg.db.query(`SELECT story_score FROM entries WHERE id = (SELECT max(id) FROM entries)`);
      expect(score.rows).toEqual([{ story_score: 0.30000000000000004 }]);
      const hits = await pg.db.query(
        `SELECT key FROM entries WHERE search @@ to_tsquery('simple', 'sao & paulo & nandu')`,
      );
      expect(hits.rows).toEqual([{ key: 'w2' }]);
      const error = await pg.db.query<{ last_error: string }>(`SELECT last_error FROM sources WHERE id = 'utf32'`);
      expect(error.rows[0]?.last_error).toMatch(/\uFFFD\uFFFD\uFFFD</);
      // Two sources' copies of the Bolivian story are one story there too.
      const story = await pg.db.query(
        `SELECT count(DISTINCT story_id) AS stories, count(*) AS entries FROM entries WHERE url = 'https://news.example/bolivia/coup'`,
      );
      expect(story.rows).toEqual([{ stories: 1, entries: 2 }]);
      // Ids continue after the copied ones (and after SQLite's removed ones): a new entry takes a fresh id.
      const max = (await pg.db.query<{ max: number }>('SELECT max(id) AS max FROM entries')).rows[0]!.max;
      const next = await pg.db.query<{ id: number }>(
        `INSERT INTO entries (source_id, key, title, published_at, content_hash, first_seen_at, updated_at)
         VALUES ('lima', 'new', 't', 'x', 'h', 'x', 'x') RETURNING id`,
      );
      expect(next.rows[0]!.id).toBeGreaterThan(max);
      await pg.db.query(`DELETE FROM entries WHERE key = 'new'`);
    } finally {
      await pg.close();
    }
  });

  it('refuses a target that holds rows, catches an altered row, and copies again with --replace', async () => {
    const url = server.url('wireroom');
    const again = await cli(['migrate', '--from', dbFile, '--to', url]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds rows .*--replace/);

    const pg = await openPgStore(url);
    try {
      await pg.db.query(`UPDATE entries SET title = title || '.' WHERE id = (SELECT min(id) FROM entries)`);
    } finally {
      await pg.close();
    }
    const checked = await cli(['migrate', '--from', dbFile, '--to', url, '--verify-only']);
    expect(checked.code).toBe(1);
    const report = reportOf(checked.out);
    expect(
      Object.entries(report)
        .filter(([, v]) => v[2] !== 'ok')
        .map(([t]) => t),
    ).toEqual(['entries']);
    expect(checked.err).toMatch(/differs from .* in entries$/);

    const replaced = await cli(['migrate', '--from', dbFile, '--to', url, '--replace']);
    expect(replaced.code).toBe(0);
    expect((await cli(['migrate', '--from', dbFile, '--to', url, '--verify-only'])).code).toBe(0);
  });

  it('names what is wrong with its arguments', async () => {
    const notUrl = await cli(['migrate', '--from', dbFile, '--to', 'mysql://x/y']);
    expect([notUrl.code, notUrl.err]).toEqual([
      2,
      'wireroom: --to mysql://x/y: not a postgres:// or postgresql:// URL',
    ]);
    const missing = await cli(['migrate', '--from', path.join(tmp.dir, 'nope.sqlite'), '--to', server.url('wireroom')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.sqlite: no such SQLite database/);
  });
});
