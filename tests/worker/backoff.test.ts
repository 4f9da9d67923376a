// A failing source backs off further on each failing cycle (capped at 24 h), and recovers by itself: its error
// count resets to 0, its status is ok again, and a later failure backs off from the first step again.
// Real cycles on an injected clock, each run at the moment the previous one said the source is due. The same test on
// SQLite (runCycle) and on PostgreSQL (runFleetCycle, one worker; tests/helpers/cycle-on-store.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS } from '../../src/fetch/index.ts';
import type { SourceState } from '../../src/store/index.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';

const INTERVAL_MS = 60 * 60_000;
const JITTER = 0.1;

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`back-off and recovery of a failing source on ${arm.kind}${arm.skip}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;
    let p: ProjectOnStore;
    let failing = true;
    let clock = new Date('2024-04-01T00:00:00Z');

    beforeAll(async () => {
      srv = await fixtureServer({
        '/flaky.xml': (_q, res) => {
          if (failing) return void res.writeHead(500).end('oops');
          res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss([{ guid: 'a', title: 'Back again' }]));
        },
      });
      tmp = tempDir('wireroom-backoff-');
      writeConfig(tmp.dir, {
        main:
          'schedule:\n  run_on_start: false\n' +
          'fetch:\n  interval: 60\n  timeout_seconds: 10\n  connect_timeout_seconds: 5\n' +
          '  allow_private: ["127.0.0.1"]\n' +
          'ingest:\n  threads: 0\n',
        sources: `sources:\n  - { id: flaky, url: "${srv.url('/flaky.xml')}" }\n`,
      });
      p = await arm.project(tmp.dir, 'backoff');
    });
    afterAll(async () => {
      await arm.close();
      await srv?.close();
      tmp?.cleanup();
    });

    const state = async (): Promise<SourceState> => {
      const s = await p.source('flaky');
      if (!s) throw new Error('no state for flaky');
      return s;
    };
    const runCycle = () => {
      p.clock.now = new Date(clock);
      return p.cycle();
    };

    /** Runs a cycle at the source's next fetch time (a few minutes early first: then it must not be fetched). */
    async function cycleWhenDue(): Promise<{ delayMs: number; state: SourceState }> {
      const due = (await p.source('flaky'))?.nextFetchAt;
      if (due) {
        const hits = srv.hits['/flaky.xml'];
        clock = new Date(Date.parse(due) - 5 * 60_000);
        expect((await runCycle()).sources).toEqual([]);
        expect(srv.hits['/flaky.xml']).toBe(hits);
        clock = new Date(due);
      }
      const report = await runCycle();
      expect(report.sources.map((s) => s.id)).toEqual(['flaky']);
      const after = await state();
      return { delayMs: Date.parse(after.nextFetchAt ?? '') - clock.getTime(), state: after };
    }

    it('backs off further each failing cycle up to the cap, then recovers and starts again from one step', async () => {
      const delays: number[] = [];
      for (let n = 1; n <= 6; n++) {
        const { delayMs, state: s } = await cycleWhenDue();
        expect([s.status, s.errorCount, s.lastErrorCode]).toEqual(['error', n, 'http']);
        expect(s.lastError).toMatch(/HTTP 500/);
        delays.push(delayMs);
      }
      // 2 h, 4 h, 8 h, 16 h (each +-10%): every step clearly longer than the one before ...
      for (let i = 1; i < 4; i++) expect(delays[i]).toBeGreaterThan((delays[i - 1] ?? Infinity) * 1.5);
      // ... then 32 h would be next, but the cap holds it at 24 h (minus at most the jitter).
      for (const d of delays) expect(d).toBeLessThanOrEqual(MAX_BACKOFF_MS);
      for (const d of delays.slice(4)) expect(d).toBeGreaterThanOrEqual(MAX_BACKOFF_MS * (1 - JITTER));
      expect(delays[0]).toBeGreaterThanOrEqual(2 * INTERVAL_MS * (1 - JITTER));
      expect(delays[0]).toBeLessThanOrEqual(2 * INTERVAL_MS * (1 + JITTER));

      failing = false;
      const recovered = await cycleWhenDue();
      const { status, errorCount, lastError, lastErrorCode } = recovered.state;
      expect({ status, errorCount, lastError, lastErrorCode }).toEqual({ status: 'ok', errorCount: 0 });
      expect(recovered.state.lastSuccessAt).toBe(clock.toISOString());
      expect((await p.countsBySource()).get('flaky')).toBe(1);
      // Back on its plain interval.
      expect(recovered.delayMs).toBeLessThanOrEqual(INTERVAL_MS * (1 + JITTER));

      // A new failure counts from one again: two intervals, not the 24 h it had reached.
      failing = true;
      const again = await cycleWhenDue();
      expect([again.state.status, again.state.errorCount]).toEqual(['error', 1]);
      expect(again.delayMs).toBeLessThanOrEqual(2 * INTERVAL_MS * (1 + JITTER));
    });
  });
