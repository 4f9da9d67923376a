// The editors' commands, run in-process through main() against temp folders and a real SQLite file, and the same
// tests on a real PostgreSQL (tests/helpers/postgres.ts): there `--db` (or the config's `database`) names a fresh
// database on it; where a test passes its own `--db`, the PostgreSQL arm passes another database of its own.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStores } from '../helpers/cycle-on-store.ts';
import { cli as runCli, fixtureServer, hasShared, rss, SHARED, tempDir, writeConfig } from '../helpers/env.ts';

const ARMS = cycleStores();
afterAll(async () => {
  for (const arm of ARMS) await arm.close();
});

for (const arm of ARMS) {
  const pg = arm.kind === 'postgres';

  describe.skipIf(arm.missing)(`init, check, sources on ${arm.kind}${arm.skip}`, () => {
    const tmp = tempDir();
    const configDir = path.join(tmp.dir, 'config');
    /** On PostgreSQL every command names the database; on SQLite the default file in the project, as ever. */
    let db: string[] = [];
    const cli = (args: string[]) => runCli([...db, ...args]);
    beforeAll(async () => {
      if (pg) db = ['--db', await arm.database(tmp.dir, 'sources')];
    });
    afterAll(() => tmp.cleanup());

    it('init writes a starter config that checks clean', async () => {
      const r = await cli(['--config', configDir, 'init']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/wrote .*sources\.yaml/);
      const check = await cli(['--config', configDir, 'check']);
      expect(check.err).toBe('');
      expect(check.code).toBe(0);
      expect(check.out).toMatch(/ok \(\d+ sources/);
      // A second init keeps what is there.
      expect((await cli(['--config', configDir, 'init'])).out).toMatch(/kept .*sources\.yaml/);
    });

    it('sources add keeps comments and order, and validates', async () => {
      const file = path.join(configDir, 'sources.yaml');
      const before = readFileSync(file, 'utf8');
      const r = await cli([
        '--config',
        configDir,
        'sources',
        'add',
        'https://news.example.org/feeds/world.xml',
        '--country',
        'pe',
        '--topic',
        'strikes',
        '--topic',
        'elections',
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/added news-example-org-world/);
      const after = readFileSync(file, 'utf8');
      expect(after.startsWith(before.trimEnd().split('\n').slice(0, 5).join('\n'))).toBe(true);
      for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#')))
        expect(after).toContain(comment.trim());
      expect(after).toMatch(
        /id: news-example-org-world\n\s+url: https:\/\/news\.example\.org\/feeds\/world\.xml\n\s+country: pe\n\s+topics:\n\s+- strikes\n\s+- elections/,
      );
      const dup = await cli(['--config', configDir, 'sources', 'add', 'https://news.example.org/feeds/world.xml']);
      expect(dup.code).toBe(2);
      expect(dup.err).toMatch(/already listed/);
      const bad = await cli(['--config', configDir, 'sources', 'add', 'ftp://x.example/feed']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/sources\.yaml: url: only http\(s\) URLs/);
      const unknown = await cli([
        '--config',
        configDir,
        'sources',
        'add',
        'https://other.example/rss',
        '--country',
        'XX',
        '--topic',
        'nosuch',
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/sources\.yaml:\d+: sources\[\d+\]\.country: unknown country or region "XX"/);
      expect(unknown.err).toMatch(/topics\[0\]: unknown topic "nosuch"/);
      expect(readFileSync(file, 'utf8')).not.toContain('other.example');
      const rm = await cli(['--config', configDir, 'sources', 'remove', 'news-example-org-world']);
      expect(rm.code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(before);
    });

    it('check reports every problem as file:line: field: reason', async () => {
      const dir = path.join(tmp.dir, 'bad');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'wireroom.yaml'), 'site:\n  title: x\nfetch:\n  concurrency: -3\n  bogus: 1\n');
      writeFileSync(
        path.join(dir, 'sources.yaml'),
        'sources:\n  - id: ok\n    url: https://a.example/feed\n  - id: Bad Id\n    url: https://b.example/feed\n  - id: ok\n    url: notaurl\n',
      );
      const r = await cli(['--config', dir, 'check']);
      expect(r.code).toBe(2);
      const lines = r.err.split('\n');
      expect(lines).toContainEqual(expect.stringMatching(/wireroom\.yaml:4: fetch\.concurrency: /));
      expect(lines).toContainEqual(expect.stringMatching(/wireroom\.yaml:5: fetch\.bogus: unknown field/));
      expect(lines).toContainEqual(expect.stringMatching(/sources\.yaml:4: sources\[1\]\.id: /));
      expect(lines).toContainEqual(expect.stringMatching(/sources\.yaml:6: sources\[2\]\.id: duplicate id "ok"/));
      // References the taxonomy does not know, in sources and collections; each problem once.
      writeFileSync(path.join(dir, 'wireroom.yaml'), 'site:\n  title: x\n');
      writeFileSync(
        path.join(dir, 'sources.yaml'),
        'sources:\n  - id: a\n    url: https://a.example/feed\n    country: XX\n    topics: [strikes, nosuch]\n',
      );
      writeFileSync(
        path.join(dir, 'collections.yaml'),
        'collections:\n  - slug: c\n    title: C\n    filter:\n      regions: [atlantis]\n      topics: [nosuch]\n      sources: [b]\n',
      );
      const refs = await cli(['--config', dir, 'check']);
      expect(refs.code).toBe(2);
      const got = refs.err.split('\n');
      expect(got).toContainEqual(
        expect.stringMatching(/sources\.yaml:4: sources\[0\]\.country: unknown country or region "XX"/),
      );
      expect(got).toContainEqual(
        expect.stringMatching(/sources\.yaml:5: sources\[0\]\.topics\[1\]: unknown topic "nosuch"/),
      );
      expect(got).toContainEqual(
        expect.stringMatching(
          /collections\.yaml:\d+: collections\[0\]\.filter\.regions\[0\]: unknown region "atlantis"/,
        ),
      );
      expect(got).toContainEqual(
        expect.stringMatching(/collections\.yaml:\d+: collections\[0\]\.filter\.topics\[0\]: unknown topic/),
      );
      expect(got).toContainEqual(
        expect.stringMatching(/collections\.yaml:\d+: collections\[0\]\.filter\.sources\[0\]: unknown source/),
      );
      expect(new Set(got).size).toBe(got.length);
      writeFileSync(path.join(dir, 'collections.yaml'), 'collections: []\n');
      // A YAML syntax error names its line too.
      writeFileSync(path.join(dir, 'sources.yaml'), 'sources:\n  - id: a\n    url: [unclosed\n');
      const syntax = await cli(['--config', dir, 'check']);
      expect(syntax.code).toBe(2);
      expect(syntax.err).toMatch(/sources\.yaml:\d+: \(syntax\): /);
    });

    it('OPML import then export round-trips the feeds', async () => {
      const opml = path.join(tmp.dir, 'in.opml');
      writeFileSync(
        opml,
        `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
       <outline text="Latin America"><outline type="rss" text="Feed &amp; One" xmlUrl="https://one.example/rss"/>
       <outline type="rss" title="Two" xmlUrl="https://two.example/atom.xml"/></outline>
       <outline type="rss" text="Dup" xmlUrl="https://one.example/rss"/></body></opml>`,
      );
      const r = await cli(['--config', configDir, 'sources', 'import', opml]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/imported 2 of 3 feeds/);
      const other = pg ? await arm.database(tmp.dir, 'export') : path.join(tmp.dir, 'x.sqlite');
      const ex = await cli(['--config', configDir, '--db', other, 'sources', 'export']);
      expect(ex.code).toBe(0);
      expect(ex.out).toContain('xmlUrl="https://one.example/rss"');
      expect(ex.out).toContain('text="Feed &amp; One"');
      expect(ex.out).toContain('xmlUrl="https://two.example/atom.xml"');
      // Someone else's OPML may not make the worker read local files.
      const hostile = path.join(tmp.dir, 'hostile.opml');
      writeFileSync(
        hostile,
        `<opml version="2.0"><body><outline text="x" xmlUrl="file:///etc/passwd"/><outline text="y" xmlUrl="file:../secret.xml"/></body></opml>`,
      );
      const before = readFileSync(path.join(configDir, 'sources.yaml'), 'utf8');
      const h = await cli(['--config', configDir, 'sources', 'import', hostile]);
      expect(h.out).toMatch(/imported 0 of 2 feeds/);
      expect(h.err).toMatch(/refused file:\/\/\/etc\/passwd: only http\(s\) feeds/);
      expect(readFileSync(path.join(configDir, 'sources.yaml'), 'utf8')).toBe(before);
      const add = await cli(['--config', configDir, 'sources', 'add', 'file:///etc/passwd']);
      expect(add.code).toBe(2);
      expect(add.err).toMatch(/--allow-file/);
      const notOpml = path.join(tmp.dir, 'no.opml');
      writeFileSync(notOpml, '<html></html>');
      const bad = await cli(['--config', configDir, 'sources', 'import', notOpml]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/no\.opml: not an OPML document/);
    });
  });

  describe.skipIf(arm.missing)(`fetch and items on ${arm.kind}${arm.skip}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    const tmp = tempDir();
    let configDir: string;
    const cli = runCli;
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
      });
      // On PostgreSQL the config names the database, as a user's does.
      const database = pg ? `database: ${await arm.database(tmp.dir, 'fetch')}\n` : '';
      configDir = writeConfig(tmp.dir, {
        main:
          `schedule:\n  run_on_start: false\nfetch:\n  timeout_seconds: 2\n  connect_timeout_seconds: 1\n` +
          `  max_body_bytes: 200000\n  allow_private: ["127.0.0.1"]\n${database}`,
        sources: `sources:\n  - id: fixture\n    url: ${srv.url('/feed.xml')}\n  - id: down\n    url: http://127.0.0.1:9/x.xml\n`,
      });
    });
    afterAll(async () => {
      await srv.close();
      tmp.cleanup();
    });

    it('fetch --json reports each source; exit 0 even when some fail', async () => {
      const r = await cli(['--config', configDir, 'fetch', '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      const by = Object.fromEntries(report.sources.map((s: { id: string }) => [s.id, s]));
      expect(by.fixture).toMatchObject({ status: 'ok', new: 1 });
      expect(by.down).toMatchObject({ status: 'error', errorCode: 'refused' });
      const again = await cli(['--config', configDir, 'fetch', '--source', 'fixture']);
      expect(again.out).toMatch(/fixture\s+ok\s+0\s+0\s+1/);
    });

    it('items lists stored entries; env vars pick config and database', async () => {
      process.env.WIREROOM_CONFIG = configDir;
      try {
        const r = await cli(['items', '--json', '--source', 'fixture']);
        expect(r.code).toBe(0);
        const items = JSON.parse(r.out);
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({
          title: 'One & only',
          url: 'https://example.org/1',
          publishedAt: '2023-01-03T10:00:00.000Z',
        });
        process.env.WIREROOM_DB = pg ? await arm.database(tmp.dir, 'other') : path.join(tmp.dir, 'other.sqlite');
        expect(JSON.parse((await cli(['items', '--json'])).out)).toHaveLength(0);
      } finally {
        delete process.env.WIREROOM_CONFIG;
        delete process.env.WIREROOM_DB;
      }
    });

    it('bad config exits 2; an unusable database exits 3; unknown source is an error', async () => {
      expect((await cli(['--config', path.join(tmp.dir, 'nope'), 'fetch'])).code).toBe(2);
      // On PostgreSQL the unusable database is a server that is not there.
      const notDb = pg
        ? `postgresql://postgres@/not-a-db?host=${encodeURIComponent(path.join(tmp.dir, 'no-socket'))}`
        : path.join(tmp.dir, 'not-a-db.sqlite');
      if (!pg) writeFileSync(notDb, 'this is not a database '.repeat(100));
      const r = await cli(['--config', configDir, '--db', notDb, 'items']);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(pg ? /^database unusable: postgresql:\/\/postgres@\/not-a-db\?host=/ : /not-a-db\.sqlite/);
      const u = await cli(['--config', configDir, 'fetch', '--source', 'nosuch']);
      expect(u.code).toBe(2);
      expect(u.err).toMatch(/unknown source nosuch/);
      // Bad arguments: one line naming the problem, exit 2, no stack trace.
      for (const args of [
        ['items', '--limit', 'abc'],
        ['items', '--since', 'garbage'],
        ['run', '--port', '70000'],
        ['explain', '999999'],
        ['sources', 'remove', 'nosuch'],
      ]) {
        const r = await cli(['--config', configDir, ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(r.err, args.join(' ')).not.toMatch(/\n\s+at /);
      }
    });
  });

  describe.skipIf(!hasShared || arm.missing)(
    `the bundled seed sample on ${arm.kind} (needs ../shared/seed)${arm.skip}`,
    () => {
      const tmp = tempDir();
      let db: string[] = [];
      const cli = (args: string[]) => runCli([...db, ...args]);
      beforeAll(async () => {
        if (pg) db = ['--db', await arm.database(tmp.dir, 'seed')];
      });
      afterAll(() => tmp.cleanup());

      it('stores all ten entries with titles and summaries exactly as in the sample', async () => {
        const configDir = path.join(tmp.dir, 'config');
        expect((await cli(['--config', configDir, 'init'])).code).toBe(0);
        // Offline: only the bundled sample is fetched here.
        const r = await cli(['--config', configDir, 'fetch', '--source', 'sample-peru', '--json']);
        expect(JSON.parse(r.out).sources[0]).toMatchObject({ status: 'ok', new: 10 });
        const items = JSON.parse((await cli(['--config', configDir, 'items', '--json', '--limit', '100'])).out) as {
          title: string;
          summary: string;
        }[];
        const blocks = readFileSync(path.join(SHARED, 'seed/peru-feed-sample.txt'), 'utf8')
          .split(/\n\s*\n/)
          .map((b) => b.trim())
          .filter(Boolean);
        const expected = [];
        for (let i = 0; i < blocks.length; i += 2) expected.push({ title: blocks[i], summary: blocks[i + 1] });
        expect(expected).toHaveLength(10);
        // Newest first, in the sample's own order.
        expect(items.map((e) => ({ title: e.title, summary: e.summary }))).toEqual(expected);
      });
    },
  );
}
