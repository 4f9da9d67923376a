// Background jobs on real parts: a SQLite file in a temp dir or a database on a real PostgreSQL server, fixture feeds
// from a real HTTP server on 127.0.0.1, the worker's own cycle (a fleet worker's on PostgreSQL) and retag underneath.
// Responses held behind a gate keep a job running while a test looks.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INTERRUPTED_MESSAGE,
  JobRequestError,
  JobRunner,
  type FetchJobResult,
  type JobRunnerOptions,
  type RetagJobResult,
} from '../../src/worker/index.ts';
import { cycleStores } from '../helpers/cycle-on-store.ts';
import { fixtureServer, rss, tempDir, writeConfig, type Handler } from '../helpers/env.ts';
import { until } from '../helpers/polling.ts';

const mainYaml = (concurrency = 16) =>
  `schedule:\n  run_on_start: false\n` +
  `fetch:\n  concurrency: ${concurrency}\n  timeout_seconds: 60\n  connect_timeout_seconds: 10\n  allow_private: ["127.0.0.1"]\n` +
  'ingest:\n  threads: 0\n';

const editor = { name: 'alice', origin: 'console' };

const item = (guid: string, title: string, published: string) => ({
  guid,
  title,
  link: `https://example.org/${guid}`,
  pubDate: new Date(published).toUTCString(),
});
const FEED_A = rss([
  item('a1', 'Rain over the harbour', '2024-01-01T00:00:00Z'),
  item('a2', 'Quiet day', '2024-01-02'),
]);
const FEED_B = rss([
  item('b1', 'Zorbling festival opens in the square', '2024-02-01T00:00:00Z'),
  item('b2', 'Second zorbling parade this week', '2024-03-01T00:00:00Z'),
]);

const TOPICS = (extra = '') =>
  `topics:\n  - slug: weather\n    label: Weather\n    keywords:\n      en: [rain]\n${extra}`;
const ZORBLING = `  - slug: zorbling\n    label: Zorbling\n    keywords:\n      en: ["zorbling*"]\n`;

/** A one-shot gate: responses behind it wait until the test opens it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

for (const arm of cycleStores())
  describe.skipIf(arm.missing)(`JobRunner on ${arm.kind}${arm.skip}`, () => {
    let srv: Awaited<ReturnType<typeof fixtureServer>>;
    let tmp: ReturnType<typeof tempDir>;
    let held = gate();
    const runners: JobRunner[] = [];

    beforeAll(async () => {
      const ok =
        (body: string): Handler =>
        (_q, res) =>
          void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body);
      const waitsForGate: Handler = (_q, res) =>
        void held.opened.then(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED_A));
      srv = await fixtureServer({
        '/a.xml': ok(FEED_A),
        '/b.xml': ok(FEED_B),
        '/broken.xml': (_q, res) => void res.writeHead(500).end('upstream exploded'),
        '/slow.xml': waitsForGate,
        // The cancel test's own: nothing else requests them.
        '/held1.xml': waitsForGate,
        '/held2.xml': waitsForGate,
        // The cross-process cancel test's own.
        '/held3.xml': waitsForGate,
        '/held4.xml': waitsForGate,
      });
      tmp = tempDir('wireroom-jobs-');
    });
    afterAll(async () => {
      held.open();
      for (const r of runners) await r.stop();
      await arm.close();
      await srv?.close();
      tmp?.cleanup();
    });

    /** Its own config folder and database. */
    async function project(name: string, sources: string, opts: { concurrency?: number; topics?: string } = {}) {
      const root = path.join(tmp.dir, name);
      const configDir = writeConfig(root, { main: mainYaml(opts.concurrency), sources: `sources:\n${sources}` });
      writeFileSync(path.join(configDir, 'topics.yaml'), opts.topics ?? TOPICS());
      const p = await arm.project(root, `jobs_${name}`);
      const host = p.jobHost();
      const runner = (options?: JobRunnerOptions) => {
        const r = new JobRunner(host, options);
        runners.push(r);
        return r;
      };
      return { configDir, p, table: host.jobs, runner };
    }

    const src = (id: string, route: string, extra = '') => `  - { id: ${id}, url: "${srv.url(route)}"${extra} }\n`;

    it('fetches every enabled source, one failing, and ends done with each outcome in the result', async () => {
      const { p, runner } = await project(
        'fetch',
        src('a', '/a.xml') +
          src('b', '/b.xml') +
          src('broken', '/broken.xml') +
          src('off', '/a.xml', ', enabled: false'),
      );
      const jobs = runner();
      const started = await jobs.start('fetch', {}, editor);
      expect(started).toMatchObject({ kind: 'fetch', state: 'queued', createdBy: 'alice', origin: 'console' });

      const job = await jobs.settled(started.id);
      expect(job).toMatchObject({ state: 'done', progress: 3, total: 3 });
      expect(job?.startedAt).toBeTruthy();
      expect(job?.finishedAt).toBeTruthy();
      const result = job?.result as FetchJobResult;
      expect(result.sources.map((s) => [s.id, s.status, s.new])).toEqual([
        ['a', 'ok', 2],
        ['b', 'ok', 2],
        ['broken', 'error', 0],
      ]);
      expect(result.sources.find((s) => s.id === 'broken')?.error).toMatch(/500/);
      expect(result).toMatchObject({ newEntries: 4, failed: 1 });
      expect(job?.message).toBe('3 sources, 4 new entries, 1 failed');
      expect(Object.fromEntries(await p.countsBySource())).toEqual({ a: 2, b: 2 });
      expect((await jobs.list({ limit: 10 })).map((j) => j.id)).toEqual([started.id]);
    });

    it('returns the running job for a second fetch of the same source, and starts others beside it', async () => {
      const { table, runner } = await project('dedupe', src('slow', '/slow.xml') + src('quick', '/a.xml'));
      const jobs = runner();
      held = gate();
      const hitsBefore = srv.hits['/slow.xml'] ?? 0;

      const first = await jobs.start('fetch', { sourceIds: ['slow'] }, editor);
      await until(() => (srv.hits['/slow.xml'] ?? 0) > hitsBefore, 'the slow source to be requested');
      const again = await jobs.start('fetch', { sourceIds: ['slow'] }, { name: 'bob', origin: 'api' });
      expect(again.id).toBe(first.id);
      expect(again).toMatchObject({ state: 'running', total: 1, createdBy: 'alice' });

      // Another source is another target: it runs and ends while the slow one still waits.
      const quick = await jobs.start('fetch', { sourceIds: ['quick'] }, editor);
      expect(quick.id).not.toBe(first.id);
      expect(await jobs.settled(quick.id)).toMatchObject({ state: 'done', progress: 1, total: 1 });
      expect((await jobs.get(first.id))?.state).toBe('running');

      held.open();
      expect(await jobs.settled(first.id)).toMatchObject({ state: 'done', progress: 1, total: 1 });
      expect((await table.list({ kind: 'fetch' })).length).toBe(2);

      // A fetch of every source covers a later fetch of one of them; once it ended, a new request starts anew.
      held = gate();
      const all = await jobs.start('fetch', {}, editor);
      expect(all.id).not.toBe(first.id);
      expect((await jobs.start('fetch', { sourceIds: ['slow'] }, editor)).id).toBe(all.id);
      // Progress is saved while the job runs: the quick source is done, the slow one still waits.
      await until(async () => (await jobs.get(all.id))?.progress === 1, 'progress after the quick source');
      expect(await jobs.get(all.id)).toMatchObject({ state: 'running', total: 2, message: 'quick: ok' });
      held.open();
      expect(await jobs.settled(all.id)).toMatchObject({ state: 'done', progress: 2, total: 2 });
      const after = await jobs.start('fetch', { sourceIds: ['slow'] }, editor);
      expect(after.id).not.toBe(all.id);
      expect(await jobs.settled(after.id)).toMatchObject({ state: 'done' });
    });

    it('cancels between sources: the one under way finishes, the one waiting for a slot is skipped', async () => {
      const { runner } = await project('cancel', src('s1', '/held1.xml') + src('s2', '/held2.xml'), { concurrency: 1 });
      const jobs = runner();
      held = gate();
      const job = await jobs.start('fetch', {}, editor);
      const hits = () => (srv.hits['/held1.xml'] ?? 0) + (srv.hits['/held2.xml'] ?? 0);
      await until(() => hits() === 1, 'one source to be requested');
      await jobs.cancel(job.id);
      held.open();

      const end = await jobs.settled(job.id);
      expect(end).toMatchObject({ state: 'cancelled', progress: 1, total: 2 });
      const statuses = (end?.result as FetchJobResult).sources.map((s) => s.status).sort();
      expect(statuses).toEqual(['ok', 'skipped']);
      expect(hits()).toBe(1);
    });

    (arm.kind === 'postgres' ? it : () => {})(
      'on a shared database, a cancel sent to another runner reaches the one that runs the job',
      async () => {
        const { runner } = await project('cancel_elsewhere', src('s3', '/held3.xml') + src('s4', '/held4.xml'), {
          concurrency: 1,
        });
        // Two runners on one database, as two `wireroom run` processes: A runs the job, B is asked to cancel it.
        const a = runner({ cancelPollMs: 50 });
        const b = runner({ cancelPollMs: 50 });
        held = gate();
        const job = await a.start('fetch', {}, editor);
        const hits = () => (srv.hits['/held3.xml'] ?? 0) + (srv.hits['/held4.xml'] ?? 0);
        await until(() => hits() === 1, 'one source to be requested');
        expect(await b.cancel(job.id)).toMatchObject({ id: job.id, state: 'running' });
        // A reads the request, stops claiming; the source under way finishes once the gate opens.
        await new Promise((r) => setTimeout(r, 300));
        held.open();
        const end = await a.settled(job.id);
        expect(end).toMatchObject({ state: 'cancelled', progress: 1, total: 2 });
        expect(hits()).toBe(1);
      },
    );

    it('marks the jobs a crashed process left queued or running as failed, and drops long-finished ones', async () => {
      const { table, runner } = await project('restart', src('a', '/a.xml'));
      const now = Date.now();
      const at = new Date(now).toISOString();
      // Ten minutes without a word: stale on a shared database too (a live runner beats every 30 s).
      const quiet = new Date(now - 10 * 60_000).toISOString();
      const longAgo = '2020-01-01T00:00:00.000Z';
      const running = await table.add({
        kind: 'fetch',
        params: {},
        createdBy: 'alice',
        origin: 'console',
        at: longAgo,
      });
      await table.start(running.id, longAgo, 3);
      const queued = await table.add({ kind: 'retag', params: {}, createdBy: 'alice', origin: 'api', at: quiet });
      const finished = async (when: string) => {
        const job = await table.add({ kind: 'retag', params: {}, createdBy: 'alice', origin: 'api', at: when });
        await table.start(job.id, when, 1);
        await table.finish(job.id, { state: 'done', at: when, progress: 1, message: 'fine' });
        return job;
      };
      const recent = await finished(at);
      const old = await finished(longAgo);

      const jobs = runner();
      expect(await jobs.ready).toBe(2);
      for (const id of [running.id, queued.id]) {
        const job = await jobs.get(id);
        expect(job).toMatchObject({ state: 'failed', message: INTERRUPTED_MESSAGE });
        expect(job?.finishedAt).toBeTruthy();
      }
      expect(await jobs.get(recent.id)).toMatchObject({ state: 'done', message: 'fine' });
      // Finished more than 90 days ago: pruned. The interrupted job began as long ago but ended just now: kept.
      expect(await jobs.get(old.id)).toBeUndefined();
    });

    (arm.kind === 'postgres' ? it : () => {})(
      'on a shared database, a runner starting leaves alone the jobs another live runner is running',
      async () => {
        const { table, runner } = await project('shared', src('a', '/a.xml'));
        const at = new Date().toISOString();
        const live = await table.add({ kind: 'retag', params: {}, createdBy: 'alice', origin: 'api', at });
        await table.start(live.id, at, 10);
        const jobs = runner();
        expect(await jobs.ready).toBe(0);
        expect(await jobs.get(live.id)).toMatchObject({ state: 'running' });
        // Its runner keeps it alive: a heartbeat an hour on, and a runner starting then still leaves it alone.
        const later = new Date(Date.now() + 3_600_000);
        await table.heartbeat?.([live.id], later.toISOString());
        expect(await table.failUnfinished(new Date(later.getTime() + 60_000).toISOString(), 'x')).toBe(0);
        // Silent for longer than twice the heartbeat: the next runner to start marks it interrupted.
        expect(await table.failUnfinished(new Date(later.getTime() + 10 * 60_000).toISOString(), 'gone')).toBe(1);
        expect(await jobs.get(live.id)).toMatchObject({ state: 'failed', message: 'gone' });
      },
    );

    it('retags stored entries with the taxonomy on disk, counting entries, and only those since a date', async () => {
      const { configDir, p, runner } = await project('retag', src('a', '/a.xml') + src('b', '/b.xml'));
      const jobs = runner();
      expect(await jobs.settled((await jobs.start('fetch', {}, editor)).id)).toMatchObject({ state: 'done' });
      const topicsOf = async () => {
        const titles: string[] = [];
        for (const e of await p.entries())
          if ((await p.tags(e.id)).some((t) => t.kind === 'topic' && t.value === 'zorbling')) titles.push(e.title);
        return titles.sort();
      };
      expect(await topicsOf()).toEqual([]);

      writeFileSync(path.join(configDir, 'topics.yaml'), TOPICS(ZORBLING));
      const job = await jobs.settled((await jobs.start('retag', {}, editor)).id);
      expect(job).toMatchObject({ state: 'done', progress: 4, total: 4 });
      // Only the entries the edit can change are tagged again: the two holding its word (retag-scope.test.ts).
      expect(job?.result as RetagJobResult).toMatchObject({ entries: 2, examined: 4 });
      expect(job?.message).toMatch(/^retagged 2 entries of 4 read \(the others cannot change with this edit\) in /);
      expect(await topicsOf()).toEqual(['Second zorbling parade this week', 'Zorbling festival opens in the square']);
      // Nothing edited since: nothing to do, unless every entry is asked for.
      const again = await jobs.settled((await jobs.start('retag', {}, editor)).id);
      expect(again).toMatchObject({ state: 'done', result: { entries: 0, examined: 0 } });
      expect(again?.message).toMatch(/^nothing to retag: /);
      const all = await jobs.settled((await jobs.start('retag', { all: true }, editor)).id);
      expect(all).toMatchObject({ state: 'done', params: { all: true }, progress: 4, total: 4 });
      expect(all?.result).toMatchObject({ entries: 4, examined: 4 });

      // Another edit, so that the entries since the date have something to be tagged with.
      writeFileSync(
        path.join(configDir, 'topics.yaml'),
        TOPICS(ZORBLING.replace('"zorbling*"', '"zorbling*", parade')),
      );

      const since = await jobs.settled((await jobs.start('retag', { since: '2024-01-15' }, editor)).id);
      expect(since).toMatchObject({
        state: 'done',
        progress: 2,
        total: 2,
        params: { since: '2024-01-15T00:00:00.000Z' },
      });
    });

    it('refuses bad requests before starting anything', async () => {
      const { table, runner } = await project('refuse', src('a', '/a.xml'));
      const jobs = runner();
      await expect(jobs.start('fetch', { sourceIds: ['a', 'nope'] }, editor)).rejects.toThrow(
        new JobRequestError('fetch: unknown source nope'),
      );
      await expect(jobs.start('fetch', { sourceIds: [] }, editor)).rejects.toThrow(/sourceIds is empty/);
      await expect(jobs.start('fetch', { sourceId: 'a' } as never, editor)).rejects.toThrow(
        /unknown parameter sourceId/,
      );
      await expect(jobs.start('retag', { since: 'last tuesday' }, editor)).rejects.toThrow(
        /retag: since must be a date/,
      );
      await expect(jobs.start('fetch', {}, { name: 'alice', origin: 'email' })).rejects.toThrow(
        /unknown origin "email"/,
      );
      await expect(jobs.start('export', {}, editor)).rejects.toThrow(/no static export configured/);
      expect(await table.list()).toEqual([]);
    });

    it('ends failed with a one-line message when the work throws, and runs the injected export', async () => {
      const { configDir, runner } = await project('failures', src('a', '/a.xml'));
      let fail = true;
      const jobs = runner({
        exportSite: (p) => {
          if (fail) throw new Error(`${p.out}: disk full\n  while writing feeds/all.xml`);
          return { dir: p.out ?? '', files: 12, bytes: 4096 };
        },
      });

      const broken = await jobs.settled((await jobs.start('export', { out: '/srv/site' }, editor)).id);
      expect(broken).toMatchObject({
        state: 'failed',
        message: 'export: /srv/site: disk full while writing feeds/all.xml',
      });

      fail = false;
      const exported = await jobs.settled((await jobs.start('export', { out: '/srv/site', pages: 2 }, editor)).id);
      expect(exported).toMatchObject({
        state: 'done',
        progress: 1,
        total: 1,
        params: { out: '/srv/site', pages: 2 },
        result: { dir: '/srv/site', files: 12, bytes: 4096 },
        message: 'published 12 files (4 KiB) to /srv/site',
      });

      writeFileSync(path.join(configDir, 'topics.yaml'), 'topics:\n  - slug: Not A Slug\n    label: x\n');
      const retag = await jobs.settled((await jobs.start('retag', {}, editor)).id);
      expect(retag?.state).toBe('failed');
      expect(retag?.message).toMatch(/^retag: .*topics\.yaml/);
      expect(retag?.message).not.toContain('\n');
    });
  });
