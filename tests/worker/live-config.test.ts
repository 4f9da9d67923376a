// A running wireroom follows its config folder as edited (by the CLI or the console) without a restart: the
// worker's next cycle fetches a source added meanwhile, and the feed server publishes a collection added meanwhile.
// The same tests on PostgreSQL: there the worker is a fleet worker (as `wireroom run` runs it) and the server reads
// through the PostgreSQL FeedReader.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveConfig, loadConfig, type WireroomConfig } from '../../src/config/index.ts';
import { addSource, createCollection } from '../../src/editor/index.ts';
import { startServer, type RunningServer } from '../../src/http/index.ts';
import { openFeedReader, openStore, type FeedReader, type Store } from '../../src/store/index.ts';
import { loadTaxonomy } from '../../src/tag/index.ts';
import { createPreparer, createWorkerDeps, startWorker, type Worker } from '../../src/worker/index.ts';
import { cycleStores, type CycleArm } from '../helpers/cycle-on-store.ts';
import { fixtureServer, REPO_ROOT, rss, tempDir } from '../helpers/env.ts';

/** The worker and what the server reads, of a running wireroom on this store, following `live`. */
async function running(
  arm: CycleArm,
  config: WireroomConfig,
  live: () => WireroomConfig,
): Promise<{ worker: Worker; reader: Store | FeedReader; close: () => Promise<void> }> {
  if (arm.kind === 'sqlite') {
    const store = openStore(config.databasePath);
    const deps = createWorkerDeps(config, store);
    return {
      worker: startWorker(deps, { config: live }),
      reader: store,
      close: async () => {
        await deps.preparer.close();
        store.close();
      },
    };
  }
  const { openPgStore } = await import('../../src/store/pg/index.ts');
  const fleet = await import('../../src/worker/fleet.ts');
  const pg = await openPgStore(config.databasePath, { max: 4 });
  const preparer = createPreparer({ threads: config.ingestThreads, taxonomy: loadTaxonomy(config.dir) });
  const worker = fleet.startFleetWorker(
    { config, pg, preparer },
    { owner: fleet.workerName(), leaseSeconds: 60, schedule: false, config: live },
  );
  const opened = await openFeedReader(config.database, { connections: 2 });
  return {
    worker,
    reader: opened.reader,
    close: async () => {
      await opened.close();
      await preparer.close();
      await pg.close();
    },
  };
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`a running process follows its edited config folder, on ${arm.kind}${arm.skip}`, () => {
    let fixtures: Awaited<ReturnType<typeof fixtureServer>>;
    let worker: Worker;
    let server: RunningServer;
    let configDir: string;
    let cleanup: () => void;
    let close = () => Promise.resolve();

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
        `schedule:\n  run_on_start: false\ndatabase:\n  path: ${await arm.database(t.dir, 'live')}\nfetch:\n  allow_private: ["127.0.0.1"]\ningest:\n  threads: 0\n`,
      );
      writeFileSync(path.join(configDir, 'sources.yaml'), `sources:\n  - id: a\n    url: ${fixtures.url('/a.xml')}\n`);
      const config = loadConfig(configDir);
      const live = liveConfig(config, (err) => {
        throw err;
      });
      const r = await running(arm, config, live);
      worker = r.worker;
      close = r.close;
      server = await startServer({ store: r.reader, config, port: 0, liveConfig: live });
    }, 120_000);

    afterAll(async () => {
      await worker?.stop();
      await server?.close();
      await close();
      await arm.close();
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
