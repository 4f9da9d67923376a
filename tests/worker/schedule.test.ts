// The schedule (startWorker): cron ticks start cycles, a tick during a running cycle starts no second one, and
// stop() returns only once the running cycle's fetch is stored. A fixture source holds its answer until released.
// The same tests on PostgreSQL with one fleet worker (startFleetWorker), where a source the worker never claimed
// (no fetch slot free) is not part of its cycle at all: it stays due for any worker of the fleet.
import path from 'node:path';
import Database from 'better-sqlite3';
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleReport } from '../../src/worker/index.ts';
import { cycleStores, type ProjectOnStore } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, tempDir, writeConfig, type Handler } from '../helpers/env.ts';

const DEADLINE_MS = 30_000;
const ITEMS = rss([
  { guid: 'a', title: 'Strike called in Lima', pubDate: new Date(Date.now() - 3_600_000).toUTCString() },
  { guid: 'b', title: 'Port workers join', pubDate: new Date(Date.now() - 7_200_000).toUTCString() },
]);

/** Polls a condition (the CPU is shared: no assumption about how fast anything is, only a generous deadline). */
async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + DEADLINE_MS;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A response held until the test releases it; `arrived` tells when the request came in. */
function heldRoute() {
  let arrived = false;
  let release = (): void => {};
  const released = new Promise<void>((r) => (release = r));
  const handler: Handler = (_q, res) => {
    arrived = true;
    void released.then(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(ITEMS));
  };
  return {
    get arrived() {
      return arrived;
    },
    release,
    handler,
  };
}

/**
 * Counts the worker's cron ticks: node-cron's own event on the task the worker just scheduled (a fleet worker
 * schedules it once node-cron is loaded, so it is waited for).
 */
async function tickCounter(before: Set<string>, name: string): Promise<{ readonly ticks: number }> {
  const find = () => [...cron.getTasks()].find(([id, t]) => !before.has(id) && t.name === name)?.[1];
  await until(() => find() !== undefined, `the worker's cron task ${name}`);
  const task = find();
  if (!task) throw new Error('the worker scheduled no cron task');
  let ticks = 0;
  task.on('execution:started', () => void ticks++);
  return {
    get ticks() {
      return ticks;
    },
  };
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`the worker on a per-second cron, on ${arm.kind}${arm.skip}`, () => {
    const held = { ticks: heldRoute(), stop: heldRoute() };
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;

    beforeAll(async () => {
      srv = await fixtureServer({ '/ticks.xml': held.ticks.handler, '/stop.xml': held.stop.handler });
      tmp = tempDir('wireroom-schedule-');
    });
    afterAll(async () => {
      held.ticks.release();
      held.stop.release();
      await arm.close();
      await srv?.close();
      tmp?.cleanup();
    });

    /** A project of its own (config + database) with one held source, on a cron that ticks every second. */
    function project(name: string, route: string, more = ''): Promise<ProjectOnStore> {
      const root = path.join(tmp.dir, name);
      writeConfig(root, {
        main:
          'schedule:\n  cron: "* * * * * *"\n  run_on_start: false\n' +
          // The held answer must not time out while the test keeps it waiting.
          'fetch:\n  concurrency: 1\n  timeout_seconds: 120\n  connect_timeout_seconds: 10\n' +
          '  allow_private: ["127.0.0.1"]\n' +
          'ingest:\n  threads: 0\n',
        sources: `sources:\n  - { id: held, url: "${srv.url(route)}" }\n${more}`,
      });
      return arm.project(root, name);
    }

    it('cron ticks start cycles, and a tick while a cycle runs starts no second one', async () => {
      const p = await project('ticks', '/ticks.xml');
      const cycles: CycleReport[] = [];
      const before = new Set(cron.getTasks().keys());
      const worker = p.startWorker((r) => cycles.push(r));
      try {
        const counter = await tickCounter(before, p.cronTask);
        // run_on_start is off: only a tick can have started the cycle that is now fetching.
        await until(() => held.ticks.arrived, 'the first tick to fetch the held source');
        const ticksAtArrival = counter.ticks;
        expect(ticksAtArrival).toBeGreaterThanOrEqual(1);
        // Three more ticks while the fetch is held: a second cycle would find the source still due and fetch it again.
        await until(() => counter.ticks >= ticksAtArrival + 3, 'three ticks during the held fetch');
        expect(srv.hits['/ticks.xml']).toBe(1);
        expect(cycles).toHaveLength(0);

        held.ticks.release();
        await until(() => cycles.length >= 1, 'the held cycle to finish');
        expect(cycles[0]?.sources.map((s) => [s.id, s.status, s.new])).toEqual([['held', 'ok', 2]]);
        // Later ticks start cycles again; the source is not due for its 15 minutes, so they fetch nothing.
        await until(() => cycles.length >= 3, 'ticks after the held cycle to start new cycles');
        expect(cycles.slice(1).map((c) => c.sources.length)).toEqual(cycles.slice(1).map(() => 0));
        expect(srv.hits['/ticks.xml']).toBe(1);
      } finally {
        held.ticks.release();
        await worker.stop();
      }
    });

    it('stop() waits for the running cycle: its fetch is stored, then the database closes cleanly', async () => {
      // With one fetch slot, `queued` waits behind the held fetch: stopping cancels it without calling it failed.
      const queued = `  - { id: queued, url: "${srv.url('/queued.xml')}" }\n`;
      const p = await project('stop', '/stop.xml', queued);
      const cycles: CycleReport[] = [];
      const worker = p.startWorker((r) => cycles.push(r));
      let storedWhenStopped = -1;
      let stopResolved = false;
      try {
        await until(() => held.stop.arrived, 'a tick to fetch the held source');
        const stopping = worker.stop().then(async () => {
          stopResolved = true;
          // What the caller of stop() can rely on at the moment it resolves.
          storedWhenStopped = (await p.countsBySource()).get('held') ?? 0;
        });
        // Let stop() reach its cancel of waiting fetches before the held answer goes out.
        await new Promise((r) => setImmediate(r));
        expect(stopResolved).toBe(false);
        held.stop.release();
        await stopping;
        expect(storedWhenStopped).toBe(2);
        const statuses = cycles.map((c) => c.sources.map((s) => [s.id, s.status]));
        // SQLite's cycle lists every due source, the one stopping cancelled as skipped; a fleet worker's cycle only
        // what it claimed, and it never claimed `queued`.
        expect(statuses).toEqual([
          arm.kind === 'sqlite'
            ? [
                ['held', 'ok'],
                ['queued', 'skipped'],
              ]
            : [['held', 'ok']],
        ]);
        expect(await worker.runNow()).toBeUndefined();
      } finally {
        held.stop.release();
        p.sqlite?.close();
      }
      // On SQLite, through a connection of its own after the store closed; on PostgreSQL, through the pool.
      const db = p.sqlite ? new Database(p.config.databasePath, { readonly: true }) : undefined;
      const rows = (sql: string) => (db ? Promise.resolve(db.prepare(sql).all()) : p.rows(sql));
      try {
        if (db) expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(await rows("SELECT count(*) AS n FROM entries WHERE source_id = 'held'")).toEqual([{ n: 2 }]);
        expect(await rows('SELECT source_id, status, new_count FROM fetch_log')).toEqual([
          { source_id: 'held', status: 'ok', new_count: 2 },
        ]);
        // The source that never got its slot is left as it was: still due, no error, no back-off.
        const states = await rows('SELECT id, status, error_count, next_fetch_at FROM sources ORDER BY id');
        expect(states).toEqual([
          { id: 'held', status: 'ok', error_count: 0, next_fetch_at: expect.any(String) },
          { id: 'queued', status: 'new', error_count: 0, next_fetch_at: null },
        ]);
        expect(srv.hits['/queued.xml']).toBeUndefined();
      } finally {
        db?.close();
      }
    });
  });
