// A running wireroom follows its config folder as edited (by the CLI or the console) without a restart: the
// worker's next cycle fetches a source added meanwhile, and the feed server publishes a collection added meanwhile.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveConfig, loadConfig } from '../../src/config/index.ts';
import { addSource, createCollection } from '../../src/editor/index.ts';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWorkerDeps, startWorker, type Worker } from '../../src/worker/index.ts';
import { fixtureServer, REPO_ROOT, rss, tempDir } from '../helpers/env.ts';

describe('a running process follows its edited config folder', () => {
  let fixtures: Awaited<ReturnType<typeof fixtureServer>>;
  let store: Store;
  let worker: Worker;
  let server: RunningServer;
  let configDir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    const feed = (name: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss([
          {
            guid: `${name}-1`,
            title: `Strike in Lima reported by ${name}`,
            link: `https://example.org/${name}/1`,
            pubDate: new Date().toUTCString(),
          },
        ]),
      );
    fixtures = await fixtureServer({ '/a.xml': feed('a'), '/b.xml': feed('b') });
    const t = tempDir('wireroom-live-');
    cleanup = t.cleanup;
    configDir = path.join(t.dir, 'config');
    cpSync(path.join(REPO_ROOT, 'config'), configDir, { recursive: true });
    writeFileSync(
      path.join(configDir, 'wireroom.yaml'),
      `schedule:\n  run_on_start: false\ndatabase:\n  path: ${path.join(t.dir, 'db.sqlite')}\nfetch:\n  allow_private: ["127.0.0.1"]\ningest:\n  threads: 0\n`,
    );
    writeFileSync(path.join(configDir, 'sources.yaml'), `sources:\n  - id: a\n    url: ${fixtures.url('/a.xml')}\n`);
    const config = loadConfig(configDir);
    store = openStore(config.databasePath);
    const live = liveConfig(config, (err) => {
      throw err;
    });
    worker = startWorker(createWorkerDeps(config, store), { config: live });
    server = await startServer({ store, config, port: 0, liveConfig: live });
  });

  afterAll(async () => {
    await worker.stop();
    await server.close();
    store.close();
    await fixtures.close();
    cleanup();
  });

  it('the next cycle fetches a source added after start', async () => {
    await worker.runNow();
    expect(fixtures.hits['/a.xml']).toBe(1);
    expect(fixtures.hits['/b.xml']).toBeUndefined();
    addSource(configDir, { id: 'b', url: fixtures.url('/b.xml') });
    const report = await worker.runNow();
    expect(fixtures.hits['/b.xml']).toBe(1);
    expect(report?.sources.map((s) => s.id)).toContain('b');
  });

  it('the feed server publishes a collection added after start', async () => {
    const feedUrl = new URL('feeds/c/lima-strikes.rss', server.url).href;
    expect((await fetch(feedUrl)).status).toBe(404);
    createCollection(configDir, {
      slug: 'lima-strikes',
      title: 'Lima strikes',
      filter: { countries: ['PE'] },
    } as never);
    const res = await fetch(feedUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<title>[^<]*Lima strikes/);
  });
});
