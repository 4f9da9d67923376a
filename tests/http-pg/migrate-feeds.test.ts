// `wireroom migrate` from SQLite gives identical feeds from both stores (issue #15): the real worker (`wireroom
// fetch`) fills SQLite from real feed documents served on loopback (tags, stories and all), `wireroom migrate`
// copies it into PostgreSQL, and a server on each store answers every published feed (all, each country, region,
// topic, source and collection the index lists; RSS, Atom, JSON Feed and the preview) and the index page with the
// same bytes. Only headers may differ (Last-Modified is each server's own start when a body is first rendered).
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import { FORMATS, loadCollections, loadTagNames, Site } from '../../src/publish/index.ts';
import { openFeedReader, openStore, type OpenedReader, type Store } from '../../src/store/index.ts';
import { realDocuments } from '../helpers/documents.ts';
import { cli, fixtureServer, REPO_ROOT, tempDir, writeConfig } from '../helpers/env.ts';
import { needsPostgres, postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

describe.skipIf(!!postgresMissing)(`migrate, then the same feeds from both stores${needsPostgres}`, () => {
  const tmp = tempDir('wireroom-migrate-feeds-');
  const docs = realDocuments(6);
  let pg: TestPostgres;
  let feeds: Awaited<ReturnType<typeof fixtureServer>>;
  let sqlite: Store;
  let opened: OpenedReader;
  let servers: { sqlite: RunningServer; postgres: RunningServer };
  let paths: string[];
  let configDir: string;
  let db: string;
  let url: string;

  beforeAll(async () => {
    feeds = await fixtureServer(
      Object.fromEntries(
        docs.map((d, i) => [
          `/f${i}.xml`,
          (_req: unknown, res: import('node:http').ServerResponse) =>
            void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(d.body),
        ]),
      ),
    );
    configDir = writeConfig(tmp.dir, {
      sources: `sources:\n${docs.map((_, i) => `  - id: feed${i}\n    url: ${feeds.url(`/f${i}.xml`)}\n`).join('')}`,
    });
    copyFileSync(path.join(REPO_ROOT, 'config/collections.yaml'), path.join(configDir, 'collections.yaml'));
    db = `${tmp.dir}/db/wireroom.sqlite`;
    const fetched = await cli(['--config', configDir, '--db', db, 'fetch']);
    expect(fetched.code, fetched.err).toBe(0);
    pg = await startPostgres();
    url = pg.url('wireroom');
    const migrated = await cli(['--config', configDir, 'migrate', '--from', db, '--to', url]);
    expect(migrated.code, migrated.err + migrated.out).toBe(0);
    const config = loadConfig(configDir, { db });
    sqlite = openStore(db, { readonly: true });
    opened = await openFeedReader({ kind: 'postgres', url });
    const site = new Site({
      store: sqlite,
      config,
      collections: loadCollections(configDir),
      names: loadTagNames(configDir),
    });
    paths = await site.feedPaths();
    servers = {
      sqlite: await startServer({ store: sqlite, config, port: 0, host: '127.0.0.1' }),
      postgres: await startServer({ store: opened.reader, config, port: 0, host: '127.0.0.1' }),
    };
  }, 180_000);

  afterAll(async () => {
    await servers?.sqlite.close();
    await servers?.postgres.close();
    await opened?.close();
    sqlite?.close();
    await feeds?.close();
    pg?.stop();
    tmp.cleanup();
  });

  const body = async (server: RunningServer, p: string) => {
    const r = await fetch(new URL(p, server.url), { headers: { 'Accept-Encoding': 'identity' } });
    return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()) };
  };

  it('every listed feed, in every format, and its preview: the same bytes', async () => {
    // Not vacuous: the worker stored entries, tagged them, and the index lists feeds of every kind it found.
    const kinds = new Set(paths.map((p) => p.split('/')[0]));
    expect(kinds).toContain('all');
    expect(kinds).toContain('source');
    expect(kinds).toContain('country');
    expect(kinds).toContain('c');
    expect(paths.length).toBeGreaterThan(docs.length + 2);
    const targets = paths.flatMap((p) => [...FORMATS.map((f) => `feeds/${p}.${f}`), `view/${p}.html`]);
    for (const t of ['', ...targets]) {
      const a = await body(servers.sqlite, t);
      const b = await body(servers.postgres, t);
      expect(a.status, t).toBe(200);
      expect(b.status, t).toBe(200);
      expect(b.bytes.equals(a.bytes), t).toBe(true);
    }
  });

  it('a second page (rel=next) and a text query answer alike', async () => {
    // A word of the newest title, which must then match on both.
    const all = JSON.parse((await body(servers.sqlite, 'feeds/all.json')).bytes.toString()) as {
      items: { title: string }[];
    };
    const word = (all.items[0]?.title ?? '').split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0] ?? '';
    expect((await body(servers.postgres, `feeds/all.atom?q=${encodeURIComponent(word)}`)).bytes.toString()).toContain(
      '<entry>',
    );
    for (const t of [
      'feeds/all.json?limit=3',
      `feeds/all.atom?q=${encodeURIComponent(word)}`,
      'feeds/all.json?q=gobierno',
    ]) {
      const a = await body(servers.sqlite, t);
      const b = await body(servers.postgres, t);
      expect(b.bytes.toString(), t).toBe(a.bytes.toString());
      const next = t.endsWith('.json') ? (JSON.parse(a.bytes.toString()) as { next_url?: string }).next_url : undefined;
      if (next) {
        const rel = new URL(next).pathname.slice(1) + new URL(next).search;
        expect((await body(servers.postgres, rel)).bytes.equals((await body(servers.sqlite, rel)).bytes), rel).toBe(
          true,
        );
      }
    }
  });

  it('`wireroom publish` writes the same files from PostgreSQL as from SQLite', async () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name !== '.wireroom-export')
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
    const out = { sqlite: path.join(tmp.dir, 'out-sqlite'), postgres: path.join(tmp.dir, 'out-pg') };
    const a = await cli(['--config', configDir, '--db', db, 'publish', '--out', out.sqlite, '--pages', '2']);
    const b = await cli(['--config', configDir, '--db', url, 'publish', '--out', out.postgres, '--pages', '2']);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const written = files(out.sqlite);
    expect(written.length).toBeGreaterThan(paths.length * 4);
    expect(files(out.postgres)).toEqual(written);
    for (const f of written)
      expect(readFileSync(path.join(out.postgres, f)).equals(readFileSync(path.join(out.sqlite, f))), f).toBe(true);
  });
});
