// Real cycles on an injected clock: retention and fetch-log pruning as runCycle does them, and which sources a
// cycle finds due (enabled, not gone, per-source interval). The same tests on SQLite (runCycle) and on PostgreSQL
// (runFleetCycle, one worker; tests/helpers/cycle-on-store.ts).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleReport } from '../../src/worker/index.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, tempDir, writeConfig, type Handler } from '../helpers/env.ts';

const MIN = 60_000;
const MAIN =
  'schedule:\n  run_on_start: false\nretention:\n  days: 30\n' +
  'fetch:\n  timeout_seconds: 10\n  connect_timeout_seconds: 5\n  allow_private: ["127.0.0.1"]\n' +
  'ingest:\n  threads: 0\n';

const item = (guid: string, published: string) => ({
  guid,
  title: `Item ${guid}`,
  pubDate: new Date(published).toUTCString(),
});
const FEED_JAN = rss([item('old', '2023-06-01T00:00:00Z'), item('dec', '2023-12-31T00:00:00Z')]);
// Six weeks later the feed still lists both, plus one more old-dated item seen for the first time and a new one.
const FEED_FEB = rss([
  item('old', '2023-06-01T00:00:00Z'),
  item('dec', '2023-12-31T00:00:00Z'),
  item('late', '2023-06-02T00:00:00Z'),
  item('new', '2024-02-14T00:00:00Z'),
]);

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`the cycle on ${arm.kind}, on an injected clock${arm.skip}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;
    let retentionFeed = FEED_JAN;

    beforeAll(async () => {
      const ok =
        (body: () => string): Handler =>
        (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body());
      srv = await fixtureServer({
        '/retention.xml': ok(() => retentionFeed),
        '/plain.xml': ok(() => FEED_JAN),
        '/off.xml': ok(() => FEED_JAN),
        '/every2h.xml': ok(() => FEED_JAN),
        '/gone.xml': (_q, res) => void res.writeHead(410).end('gone'),
      });
      tmp = tempDir('wireroom-cycle-');
    });
    afterAll(async () => {
      await arm.close();
      await srv?.close();
      tmp?.cleanup();
    });

    /** Its own config and database; the cycle's clock is `clock.now`. */
    async function project(name: string, sources: string) {
      const root = path.join(tmp.dir, name);
      writeConfig(root, { main: MAIN, sources: `sources:\n${sources}` });
      const p = await arm.project(root, name);
      const cycleAt = (iso: string | Date): Promise<CycleReport> => {
        p.clock.now = new Date(iso);
        return p.cycle();
      };
      return { p, cycleAt };
    }

    const keys = async (p: ProjectOnStore) =>
      (await p.rows<{ key: string }>('SELECT key FROM entries ORDER BY key')).map((r) => r.key);

    it('removes and tombstones entries past retention, keeps recent ones, and prunes the fetch log', async () => {
      const { p, cycleAt } = await project('retention', `  - { id: news, url: "${srv.url('/retention.xml')}" }\n`);
      const guids = async () => (await keys(p)).map((k) => /old|dec|late|new/.exec(k)?.[0]);

      const jan = await cycleAt('2024-01-01T00:00:00Z');
      expect(jan.sources.map((s) => [s.id, s.status, s.new])).toEqual([['news', 'ok', 2]]);
      // Published long ago but only just seen: nothing is past retention yet.
      expect(jan.pruned).toBe(0);
      expect(await guids()).toEqual(['dec', 'old']);

      retentionFeed = FEED_FEB;
      const feb = await cycleAt('2024-02-15T00:00:00Z');
      expect(feb.sources.map((s) => [s.status, s.new])).toEqual([['ok', 2]]);
      // Cutoff 2024-01-16: 'old' and 'dec' are older and were first seen on 2024-01-01; 'late' is just as old but was
      // first seen today, and 'new' is recent.
      expect(feb.pruned).toBe(2);
      expect(await guids()).toEqual(['late', 'new']);
      const reasons = await p.rows('SELECT reason FROM tombstones ORDER BY key');
      expect(reasons).toEqual([{ reason: 'retention' }, { reason: 'retention' }]);
      // The January fetch is more than 30 days old: pruned; February's stays.
      expect((await p.fetchLog('news', 100)).map((r) => r.startedAt)).toEqual(['2024-02-15T00:00:00.000Z']);

      // The feed still lists the pruned items: they do not come back.
      const next = await cycleAt('2024-02-16T00:00:00Z');
      expect(next.sources.map((s) => [s.status, s.new, s.tombstoned])).toEqual([['ok', 0, 2]]);
      expect(await guids()).toEqual(['late', 'new']);
      expect((await p.fetchLog('news', 100)).map((r) => r.startedAt)).toEqual([
        '2024-02-16T00:00:00.000Z',
        '2024-02-15T00:00:00.000Z',
      ]);
    });

    it('fetches due sources only: enabled, not gone, each on its own interval', async () => {
      const { cycleAt } = await project(
        'due',
        `  - { id: plain, url: "${srv.url('/plain.xml')}" }\n` +
          `  - { id: off, url: "${srv.url('/off.xml')}", enabled: false }\n` +
          `  - { id: every2h, url: "${srv.url('/every2h.xml')}", interval: 2h }\n` +
          `  - { id: gone, url: "${srv.url('/gone.xml')}" }\n`,
      );
      const t0 = Date.parse('2024-03-01T00:00:00Z');
      const fetched = (r: CycleReport) => r.sources.map((s) => s.id).sort();

      const first = await cycleAt(new Date(t0));
      expect(fetched(first)).toEqual(['every2h', 'gone', 'plain']);
      expect(first.sources.find((s) => s.id === 'gone')?.status).toBe('gone');

      // 20 minutes on: past the default 15-minute interval (+10% jitter), well inside two hours.
      const second = await cycleAt(new Date(t0 + 20 * MIN));
      expect(fetched(second)).toEqual(['plain']);

      // 2.5 hours on: every2h is due; a gone source would be past its back-off by now but stays gone.
      const third = await cycleAt(new Date(t0 + 150 * MIN));
      expect(fetched(third)).toEqual(['every2h', 'plain']);

      expect(srv.hits).toMatchObject({ '/plain.xml': 3, '/every2h.xml': 2, '/gone.xml': 1 });
      expect(srv.hits['/off.xml']).toBeUndefined();
    });
  });
