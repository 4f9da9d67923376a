// `wireroom fetch`, then `wireroom retag` after an edit of topics.yaml and of countries.yaml, in-process through main() on both stores (a
// SQLite file, a database on a real PostgreSQL: tests/helpers/postgres.ts), with the same assertions: ingest records
// what it tagged with, so a retag with nothing edited has nothing to do; after a keyword is added only the entries it
// can change are tagged; --all tags every one. The scope itself is checked in tests/worker/retag-scope.test.ts and
// tests/worker-pg/retag-scope.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, cli, startServer, tempDir, writeConfig, type TestServer } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { entries, feedOf, withLabourKeyword } from '../helpers/retag-edits.ts';

const tmp = tempDir('wireroom-cli-retag-');
let postgres: TestPostgres | undefined;

const STORES = [
  { name: 'SQLite', missing: undefined, database: async (root: string) => path.join(root, 'db', 'wireroom.sqlite') },
  {
    name: `PostgreSQL${needsPostgres}`,
    missing: postgresMissing,
    database: async () => (postgres ??= await startPostgres()).createDatabase('retag'),
  },
];

afterAll(() => {
  postgres?.stop();
  tmp.cleanup();
});

for (const store of STORES)
  describe.skipIf(store.missing)(`wireroom fetch and retag after an edit of topics.yaml on ${store.name}`, () => {
    let server: TestServer;
    let configDir: string;
    let db: string;
    const run = (...args: string[]) => cli(['--config', configDir, '--db', db, ...args]);
    const items = entries().slice(0, 40);
    beforeAll(async () => {
      const rss = feedOf(items);
      server = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss);
      });
      const root = path.join(tmp.dir, store.name.split(' ')[0]!);
      db = await store.database(root);
      configDir = writeConfig(root, { sources: `sources:\n  - id: wire\n    url: ${server.url}/feed.xml\n` });
      writeFileSync(path.join(configDir, 'topics.yaml'), readFileSync(path.join(REPO_ROOT, 'config/topics.yaml')));
    });
    afterAll(async () => {
      await server?.close();
    });

    it('records what ingest tagged with, finds nothing to retag, then retags only what an added keyword touches', async () => {
      const fetched = await run('fetch');
      expect(fetched.code, fetched.err).toBe(0);
      const nothing = await run('retag');
      expect(nothing.out).toMatch(/^nothing to retag: every entry is tagged with the current taxonomy/);

      const file = path.join(configDir, 'topics.yaml');
      const text = readFileSync(file, 'utf8');
      const edited = withLabourKeyword(text);
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      const holding = items.filter((e) => /government/i.test(`${e.title} ${e.summary}`)).length;
      const scoped = await run('retag');
      expect(scoped.code, scoped.err).toBe(0);
      const m = /^retagged (\d+) of (\d+) entries in [\d.]+ s: those topics labour can change/.exec(scoped.out);
      expect(m, scoped.out).not.toBeNull();
      expect(Number(m![2])).toBe(items.length);
      expect(Number(m![1])).toBeGreaterThanOrEqual(holding);
      expect(Number(m![1])).toBeLessThan(items.length);

      const all = await run('retag', '--all');
      expect(all.out).toMatch(
        new RegExp(`^retagged ${items.length} entries in [\\d.]+ s \\(\\d+ entries/s\\): every entry`),
      );
      expect((await run('retag')).out).toMatch(/^nothing to retag: /);

      // countries.yaml: its first appearance changes what every entry is tagged with; a name added, only the
      // entries holding it.
      const countries = path.join(configDir, 'countries.yaml');
      writeFileSync(countries, 'aliases:\n  - { name: Jordan Bardella, country: FR }\n');
      expect((await run('retag')).out).toMatch(
        new RegExp(`^retagged ${items.length} entries in [\\d.]+ s \\(\\d+ entries/s\\): .*countries\\.yaml`),
      );
      writeFileSync(
        countries,
        'aliases:\n  - { name: Jordan Bardella, country: FR }\ninstitutions:\n  PE: [Parliament]\n',
      );
      const naming = items.filter((e) => /parliament/i.test(`${e.title} ${e.summary}`)).length;
      expect(naming).toBeGreaterThan(0);
      const named = await run('retag');
      const n = /^retagged (\d+) of (\d+) entries in [\d.]+ s: those the names Parliament can change/.exec(named.out);
      expect(n, named.out).not.toBeNull();
      expect(Number(n![1])).toBeGreaterThanOrEqual(naming);
      expect(Number(n![1])).toBeLessThan(items.length);
      expect((await run('retag')).out).toMatch(/^nothing to retag: /);

      // Role words: a language's first table changes every entry's reading; a phrase added, only the entries holding
      // its words.
      const names = 'aliases:\n  - { name: Jordan Bardella, country: FR }\ninstitutions:\n  PE: [Parliament]\n';
      writeFileSync(countries, `${names}roles:\n  en:\n    before:\n      counterpart: [than]\n`);
      expect((await run('retag')).out).toMatch(
        new RegExp(
          `^retagged ${items.length} entries in [\\d.]+ s \\(\\d+ entries/s\\): .*roles: a language was added`,
        ),
      );
      writeFileSync(countries, `${names}roles:\n  en:\n    before:\n      counterpart: [than, talks with]\n`);
      const talking = items.filter((e) => /\btalks\b/i.test(`${e.title} ${e.summary}`)).length;
      expect(talking).toBeGreaterThan(0);
      const role = await run('retag');
      const r = /^retagged (\d+) of (\d+) entries in [\d.]+ s: those the role words en: talks with can change/.exec(
        role.out,
      );
      expect(r, role.out).not.toBeNull();
      expect(Number(r![1])).toBeGreaterThanOrEqual(talking);
      expect(Number(r![1])).toBeLessThan(items.length);
      expect((await run('retag')).out).toMatch(/^nothing to retag: /);
    }, 120_000);
  });
