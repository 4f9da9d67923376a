// The same CLI assertions on both stores: `init`, `check` and `fetch` (its summary and --json, retention) run
// in-process through main() against a real SQLite file and a real PostgreSQL (tests/helpers/postgres.ts), with the
// fixture feeds on a real HTTP server on 127.0.0.1.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { openPgStore } from '../../src/store/pg/index.ts';
import type { Entry } from '../../src/types.ts';
import { cli, fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const MAIN =
  'schedule:\n  run_on_start: false\nretention:\n  days: 30\ningest:\n  threads: 0\n' +
  'fetch:\n  timeout_seconds: 2\n  connect_timeout_seconds: 1\n  allow_private: ["127.0.0.1"]\n';

/** What a test asks of the database it ran on, whichever it is. */
interface Target {
  /** The `database` setting: a file (SQLite) or a postgres URL. */
  setting: string;
  /** Runs one read-only query; SQLite placeholders (?) are turned into $1.. for PostgreSQL. */
  rows(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Stores entries for a source as first seen at `now` (through the store's own upsert). */
  seed(entries: Entry[], now: string): Promise<void>;
}

const tmp = tempDir('wireroom-cli-both-');
let server: TestPostgres | undefined;
let databases = 0;

async function sqliteTarget(dir: string): Promise<Target> {
  const file = path.join(dir, 'db', 'wireroom.sqlite');
  return {
    setting: file,
    async rows(sql, ...params) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async seed(entries, now) {
      const store = openStore(file);
      try {
        store.transaction(() => store.entries.upsert(entries, now));
      } finally {
        store.close();
      }
    },
  };
}

async function postgresTarget(): Promise<Target> {
  server ??= await startPostgres();
  const url = await server.createDatabase(`cli${++databases}`);
  return {
    setting: url,
    async rows(sql, ...params) {
      const pg = await openPgStore(url, { max: 1 });
      let i = 0;
      try {
        return (
          await pg.db.query(
            sql.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows;
      } finally {
        await pg.close();
      }
    },
    async seed(entries, now) {
      const pg = await openPgStore(url, { max: 1 });
      try {
        await pg.entries.upsert(entries, now);
      } finally {
        await pg.close();
      }
    },
  };
}

const STORES = [
  { name: 'SQLite', missing: undefined, target: sqliteTarget },
  { name: `PostgreSQL${needsPostgres}`, missing: postgresMissing, target: postgresTarget },
];

afterAll(() => {
  server?.stop();
  tmp.cleanup();
});

/** An item the tagger tags (a country at least). */
const STRIKE = 'Dock workers strike in Lima, Peru over pay';

const oldEntry = (key: string): Entry => ({
  sourceId: 'fixture',
  key,
  title: `Old ${key}`,
  summary: '',
  contentHtml: '',
  authors: [],
  categories: [],
  enclosures: [],
  publishedAt: '2001-01-01T00:00:00.000Z',
  dateFlags: [],
});

for (const store of STORES) {
  describe.skipIf(store.missing)(`the CLI on ${store.name}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let db: Target;
    let configDir = '';
    const root = path.join(tmp.dir, store.name.split(' ')[0]!);

    beforeAll(async () => {
      srv = await fixtureServer({
        '/feed.xml': (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
            rss([
              {
                guid: '1',
                title: 'One &amp; only',
                link: 'https://example.org/1',
                pubDate: 'Tue, 03 Jan 2023 10:00:00 GMT',
              },
            ]),
          ),
        '/off.xml': (_q, res) =>
          void res
            .writeHead(200, { 'Content-Type': 'application/rss+xml' })
            .end(rss([{ guid: 'o', title: STRIKE, pubDate: 'Tue, 03 Jan 2023 11:00:00 GMT' }])),
      });
      db = await store.target(root);
      configDir = writeConfig(root, {
        main: `${MAIN}database: ${db.setting}\n`,
        sources:
          `sources:\n  - id: fixture\n    url: ${srv.url('/feed.xml')}\n  - id: down\n    url: http://127.0.0.1:9/x.xml\n` +
          `  - id: off\n    url: ${srv.url('/off.xml')}\n    enabled: false\n`,
      });
    });
    afterAll(() => srv?.close());

    it('init writes a starter config that checks clean (on PostgreSQL: the schema is made, the server checked)', async () => {
      const fresh = path.join(root, 'fresh');
      const r = await cli(['--config', fresh, '--db', db.setting, 'init']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/wrote .*sources\.yaml/);
      const check = await cli(['--config', fresh, '--db', db.setting, 'check']);
      expect(check.err).toBe('');
      expect(check.code).toBe(0);
      const lines = check.out.split('\n');
      expect(lines[0]).toMatch(/ok \(\d+ sources, \d+ enabled\)$/);
      if (db.setting.startsWith('postgres')) {
        expect(r.out).toContain(`database ${db.setting}: ok (schema up to date)`);
        expect(lines[1]).toBe(`database ${db.setting}: ok (schema up to date)`);
        expect(await db.rows('SELECT count(*)::int AS n FROM entries')).toEqual([{ n: 0 }]);
      } else expect(lines).toHaveLength(1);
    });

    it('fetch --json reports each source in config order; exit 0 even when some fail', async () => {
      const r = await cli(['--config', configDir, 'fetch', '--json']);
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(r.out) as { sources: { id: string }[]; pruned: number };
      // Enabled sources only, as configured (the disabled one is fetched only when named).
      expect(report.sources.map((s) => s.id)).toEqual(['fixture', 'down']);
      expect(report.sources[0]).toMatchObject({ status: 'ok', new: 1, httpStatus: 200 });
      expect(report.sources[1]).toMatchObject({ status: 'error', errorCode: 'refused' });
      expect(report.pruned).toBe(0);
      const stored = await db.rows('SELECT source_id, title, published_at FROM entries ORDER BY id');
      expect(stored).toEqual([{ source_id: 'fixture', title: 'One & only', published_at: '2023-01-03T10:00:00.000Z' }]);
      expect(await db.rows("SELECT status FROM fetch_log WHERE source_id = 'down'")).toEqual([{ status: 'error' }]);
    });

    it('fetch fetches what it is asked for, due or not, disabled too; prints the table and the summary', async () => {
      const again = await cli(['--config', configDir, 'fetch', '--source', 'fixture', 'off']);
      expect(again.code, again.err).toBe(0);
      const lines = again.out.split('\n');
      expect(lines[0]).toMatch(/^SOURCE\s+RESULT\s+NEW\s+UPDATED\s+UNCHANGED\s+MS\s+DETAIL$/);
      expect(lines[1]).toMatch(/^fixture\s+ok\s+0\s+0\s+1\s+\d+/);
      expect(lines[2]).toMatch(/^off\s+ok\s+1\s+0\s+0\s+\d+/);
      expect(lines.at(-1)).toMatch(/^2 sources, 1 new entries, 0 failed, in \d+\.\d s$/);
      // Nothing left leased on PostgreSQL; on either store, each source's fetch state is recorded.
      const state = await db.rows("SELECT id, status FROM sources WHERE id IN ('fixture', 'off') ORDER BY id");
      expect(state).toEqual([
        { id: 'fixture', status: 'ok' },
        { id: 'off', status: 'ok' },
      ]);
      if (db.setting.startsWith('postgres'))
        expect(await db.rows('SELECT id FROM sources WHERE lease_owner IS NOT NULL')).toEqual([]);
    });

    it('fetch removes entries past retention with a tombstone and says so; they do not come back', async () => {
      // Published and first seen in 2001: past the 30 days of retention.
      await db.seed([oldEntry('old-a'), oldEntry('old-b')], '2001-01-02T00:00:00.000Z');
      const r = await cli(['--config', configDir, 'fetch', '--source', 'fixture']);
      expect(r.code, r.err).toBe(0);
      expect(r.out.split('\n').at(-1)).toMatch(
        /^1 sources, 0 new entries, 0 failed, in \d+\.\d s; 2 entries past retention removed$/,
      );
      expect(await db.rows("SELECT key FROM entries WHERE key LIKE 'old-%'")).toEqual([]);
      expect(await db.rows('SELECT source_id, key, reason FROM tombstones ORDER BY key')).toEqual([
        { source_id: 'fixture', key: 'old-a', reason: 'retention' },
        { source_id: 'fixture', key: 'old-b', reason: 'retention' },
      ]);
      // Stored again by a later fetch's batch, a tombstoned key stays out.
      await db.seed([oldEntry('old-a')], new Date().toISOString());
      expect(await db.rows("SELECT key FROM entries WHERE key LIKE 'old-%'")).toEqual([]);
    });

    it('explain and stories show print an entry, its tags and why, and its story; an unknown id is exit 2', async () => {
      const [row] = await db.rows("SELECT id FROM entries WHERE source_id = 'off'");
      const id = Number(row?.id);
      const r = await cli(['--config', configDir, 'explain', String(id)]);
      expect(r.code, r.err).toBe(0);
      const lines = r.out.split('\n');
      expect(lines.slice(0, 4)).toEqual([
        `#${id} ${STRIKE}`,
        'source off, published 2023-01-03T11:00:00.000Z',
        '',
        'tags:',
      ]);
      expect(lines[4]).toMatch(/^KIND\s+VALUE\s+ROLE\s+SCORE\s+CONFIDENCE\s+RULE\s+FIELD\s+MATCH$/);
      expect(r.out).toMatch(/^country\s+PE\s+focus\s+\d+\.\d\d\s+\w+/m);
      // Story detection ran in the write on both stores: the entry founded a story of its own.
      const story = r.out.split('\nstory:\n')[1] ?? '';
      expect(story).toMatch(new RegExp(`^story \\S+ \\(1 entry\\), representative: entry ${id}\nentry ${id}: `));
      const show = await cli(['--config', configDir, 'stories', 'show', String(id)]);
      expect(show.code, show.err).toBe(0);
      expect(show.out).toBe(story);
      const none = await cli(['--config', configDir, 'explain', '999999']);
      expect(none.code).toBe(2);
      expect(none.err).toBe('wireroom: no entry #999999');
    });

    it('sources list: each source with its health and stored entries, as a table and as JSON', async () => {
      const r = await cli(['--config', configDir, 'sources', 'list', '--json']);
      expect(r.code, r.err).toBe(0);
      const rows = JSON.parse(r.out) as { id: string; status: string; entries: number; consecutiveErrors: number }[];
      expect(rows.map((x) => [x.id, x.status, x.entries, x.consecutiveErrors])).toEqual([
        ['fixture', 'ok', 1, 0],
        ['down', 'unreachable', 0, 1],
        ['off', 'disabled', 1, 0],
      ]);
      const table = await cli(['--config', configDir, 'sources', 'list']);
      const lines = table.out.split('\n');
      expect(lines[0]).toMatch(/^ID\s+STATUS\s+ENTRIES\s+LAST FETCH\s+NEXT\s+PROBLEM$/);
      expect(lines[2]).toMatch(/^down\s+unreachable\s+0\s+/);
    });

    it('sources export gives each feed with the title its feed gave; sources add is in the audit log', async () => {
      const ex = await cli(['--config', configDir, 'sources', 'export']);
      expect(ex.code, ex.err).toBe(0);
      // The fixture source has no title in sources.yaml: the one its feed gave, and its site, come from the store.
      expect(ex.out).toContain(
        `text="Fixture" title="Fixture" xmlUrl="${srv.url('/feed.xml')}" htmlUrl="https://example.org/"/>`,
      );
      const add = await cli([
        '--config',
        configDir,
        'sources',
        'add',
        '--no-discover',
        '--id',
        'more',
        srv.url('/more.xml'),
      ]);
      expect(add.code, add.err).toBe(0);
      expect(add.out).toMatch(/^added more \(/);
      const audit = await db.rows('SELECT origin, action, target FROM audit_log');
      expect(audit).toEqual([{ origin: 'cli', action: 'sources.add', target: 'source:more' }]);
    });

    it('tag records overrides, applies them at once (explain shows them) and is in the audit log', async () => {
      const [row] = await db.rows("SELECT id FROM entries WHERE source_id = 'off'");
      const id = Number(row?.id);
      const r = await cli(['--config', configDir, 'tag', String(id), '+topic:elections', '-country:PE']);
      expect(r.code, r.err).toBe(0);
      expect(r.out.split('\n')).toEqual([`#${id} +topic:elections`, `#${id} -country:PE`]);
      const x = await cli(['--config', configDir, 'explain', String(id)]);
      expect(x.out).toMatch(/^topic\s+elections\s+/m);
      expect(x.out).not.toMatch(/^country\s+PE\s+/m);
      expect(x.out).toMatch(
        /\nmanual overrides \(kept on retag\):\n {2}-country:PE {2}\(\S+\)\n {2}\+topic:elections {2}\(\S+\)/,
      );
      const audit = await db.rows('SELECT action, target FROM audit_log ORDER BY id');
      expect(audit).toEqual([
        { action: 'sources.add', target: 'source:more' },
        { action: 'tags.correct', target: `entry:${id}` },
      ]);
      const bad = await cli(['--config', configDir, 'tag', '999999', '+topic:elections']);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe('wireroom: no entry #999999');
    });

    it('an unknown source is a usage error naming it, and nothing is fetched', async () => {
      const before = srv.hits['/feed.xml'];
      const u = await cli(['--config', configDir, 'fetch', '--source', 'fixture', 'nosuch']);
      expect(u.code).toBe(2);
      expect(u.err).toBe('wireroom: unknown source nosuch (see `wireroom sources list`)');
      expect(srv.hits['/feed.xml']).toBe(before);
    });
  });
}

describe.skipIf(postgresMissing)(`the CLI on an unreachable PostgreSQL${needsPostgres}`, () => {
  it('check and fetch say the database is unusable (exit 3), naming it without its password', async () => {
    const dir = writeConfig(path.join(tmp.dir, 'unreachable'), {
      main: `${MAIN}database: postgresql://wire:secret@/nowhere?host=${encodeURIComponent(path.join(tmp.dir, 'no-socket'))}\n`,
      sources: 'sources:\n  - id: a\n    url: http://127.0.0.1:9/a.xml\n',
    });
    for (const args of [['check'], ['fetch']]) {
      const r = await cli(['--config', dir, ...args]);
      expect(r.code, args[0]).toBe(3);
      expect(r.err).toMatch(/^database unusable: postgresql:\/\/wire:\*\*\*@\/nowhere\?host=.*: cannot connect: /);
      expect(r.err).not.toContain('secret');
    }
  });
});
