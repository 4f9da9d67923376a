// Background jobs on real parts: a SQLite file in a temp dir, fixture feeds from a real HTTP server on 127.0.0.1,
// the worker's own cycle and retag underneath. Responses held behind a gate keep a job running while a test looks.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import {
  createWorkerDeps,
  INTERRUPTED_MESSAGE,
  JobRequestError,
  JobRunner,
  type FetchJobResult,
  type JobRunnerOptions,
  type RetagJobResult,
  type WorkerDeps,
} from '../../src/worker/index.ts';
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

describe('JobRunner', () => {
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  let tmp: ReturnType<typeof tempDir>;
  let held = gate();
  const open: { deps: WorkerDeps; store: Store; runner?: JobRunner }[] = [];

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
    });
    tmp = tempDir('wireroom-jobs-');
  });
  afterAll(async () => {
    held.open();
    for (const o of open) {
      await o.runner?.stop();
      await o.deps.preparer.close();
      o.store.close();
    }
    await srv?.close();
    tmp?.cleanup();
  });

  /** Its own config folder and database. */
  function project(name: string, sources: string, opts: { concurrency?: number; topics?: string } = {}) {
    const root = path.join(tmp.dir, name);
    const configDir = writeConfig(root, { main: mainYaml(opts.concurrency), sources: `sources:\n${sources}` });
    writeFileSync(path.join(configDir, 'topics.yaml'), opts.topics ?? TOPICS());
    const dbFile = path.join(root, 'db', 'wireroom.sqlite');
    const store = openStore(dbFile);
    const deps = createWorkerDeps(loadConfig(configDir, { db: dbFile }), store);
    const o: (typeof open)[number] = { deps, store };
    open.push(o);
    const runner = (options?: JobRunnerOptions) => {
      o.runner = new JobRunner(deps, options);
      return o.runner;
    };
    return { configDir, store, deps, runner };
  }

  const src = (id: string, route: string, extra = '') => `  - { id: ${id}, url: "${srv.url(route)}"${extra} }\n`;

  it('fetches every enabled source, one failing, and ends done with each outcome in the result', async () => {
    const { store, runner } = project(
      'fetch',
      src('a', '/a.xml') + src('b', '/b.xml') + src('broken', '/broken.xml') + src('off', '/a.xml', ', enabled: false'),
    );
    const jobs = runner();
    const started = jobs.start('fetch', {}, editor);
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
    expect(Object.fromEntries(store.entries.countsBySource())).toEqual({ a: 2, b: 2 });
    expect(jobs.list({ limit: 10 }).map((j) => j.id)).toEqual([started.id]);
  });

  it('returns the running job for a second fetch of the same source, and starts others beside it', async () => {
    const { store, runner } = project('dedupe', src('slow', '/slow.xml') + src('quick', '/a.xml'));
    const jobs = runner();
    held = gate();
    const hitsBefore = srv.hits['/slow.xml'] ?? 0;

    const first = jobs.start('fetch', { sourceIds: ['slow'] }, editor);
    await until(() => (srv.hits['/slow.xml'] ?? 0) > hitsBefore, 'the slow source to be requested');
    const again = jobs.start('fetch', { sourceIds: ['slow'] }, { name: 'bob', origin: 'api' });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ state: 'running', total: 1, createdBy: 'alice' });

    // Another source is another target: it runs and ends while the slow one still waits.
    const quick = jobs.start('fetch', { sourceIds: ['quick'] }, editor);
    expect(quick.id).not.toBe(first.id);
    expect(await jobs.settled(quick.id)).toMatchObject({ state: 'done', progress: 1, total: 1 });
    expect(jobs.get(first.id)?.state).toBe('running');

    held.open();
    expect(await jobs.settled(first.id)).toMatchObject({ state: 'done', progress: 1, total: 1 });
    expect(store.jobs.list({ kind: 'fetch' }).length).toBe(2);

    // A fetch of every source covers a later fetch of one of them; once it ended, a new request starts anew.
    held = gate();
    const all = jobs.start('fetch', {}, editor);
    expect(all.id).not.toBe(first.id);
    expect(jobs.start('fetch', { sourceIds: ['slow'] }, editor).id).toBe(all.id);
    // Progress is saved while the job runs: the quick source is done, the slow one still waits.
    await until(() => jobs.get(all.id)?.progress === 1, 'progress after the quick source');
    expect(jobs.get(all.id)).toMatchObject({ state: 'running', total: 2, message: 'quick: ok' });
    held.open();
    expect(await jobs.settled(all.id)).toMatchObject({ state: 'done', progress: 2, total: 2 });
    const after = jobs.start('fetch', { sourceIds: ['slow'] }, editor);
    expect(after.id).not.toBe(all.id);
    expect(await jobs.settled(after.id)).toMatchObject({ state: 'done' });
  });

  it('cancels between sources: the one under way finishes, the one waiting for a slot is skipped', async () => {
    const { runner } = project('cancel', src('s1', '/held1.xml') + src('s2', '/held2.xml'), { concurrency: 1 });
    const jobs = runner();
    held = gate();
    const job = jobs.start('fetch', {}, editor);
    const hits = () => (srv.hits['/held1.xml'] ?? 0) + (srv.hits['/held2.xml'] ?? 0);
    await until(() => hits() === 1, 'one source to be requested');
    jobs.cancel(job.id);
    held.open();

    const end = await jobs.settled(job.id);
    expect(end).toMatchObject({ state: 'cancelled', progress: 1, total: 2 });
    const statuses = (end?.result as FetchJobResult).sources.map((s) => s.status).sort();
    expect(statuses).toEqual(['ok', 'skipped']);
    expect(hits()).toBe(1);
  });

  it('marks the jobs a crashed process left queued or running as failed, and drops long-finished ones', () => {
    const { store, runner } = project('restart', src('a', '/a.xml'));
    const at = new Date().toISOString();
    const longAgo = '2020-01-01T00:00:00.000Z';
    const running = store.jobs.add({ kind: 'fetch', params: {}, createdBy: 'alice', origin: 'console', at: longAgo });
    store.jobs.start(running.id, longAgo, 3);
    const queued = store.jobs.add({ kind: 'retag', params: {}, createdBy: 'alice', origin: 'api', at });
    const finished = (when: string) => {
      const job = store.jobs.add({ kind: 'retag', params: {}, createdBy: 'alice', origin: 'api', at: when });
      store.jobs.start(job.id, when, 1);
      store.jobs.finish(job.id, { state: 'done', at: when, progress: 1, message: 'fine' });
      return job;
    };
    const recent = finished(at);
    const old = finished(longAgo);

    const jobs = runner();
    expect(jobs.interrupted).toBe(2);
    for (const id of [running.id, queued.id]) {
      const job = jobs.get(id);
      expect(job).toMatchObject({ state: 'failed', message: INTERRUPTED_MESSAGE });
      expect(job?.finishedAt).toBeTruthy();
    }
    expect(jobs.get(recent.id)).toMatchObject({ state: 'done', message: 'fine' });
    // Finished more than 90 days ago: pruned. The interrupted job began as long ago but ended just now: kept.
    expect(jobs.get(old.id)).toBeUndefined();
  });

  it('retags stored entries with the taxonomy on disk, counting entries, and only those since a date', async () => {
    const { configDir, store, runner } = project('retag', src('a', '/a.xml') + src('b', '/b.xml'));
    const jobs = runner();
    expect(await jobs.settled(jobs.start('fetch', {}, editor).id)).toMatchObject({ state: 'done' });
    const topicsOf = () =>
      store.entries
        .list({ limit: 10 })
        .map((e) => [e.title, store.tags.list(e.id).some((t) => t.kind === 'topic' && t.value === 'zorbling')])
        .filter(([, has]) => has)
        .map(([title]) => title)
        .sort();
    expect(topicsOf()).toEqual([]);

    writeFileSync(path.join(configDir, 'topics.yaml'), TOPICS(ZORBLING));
    const job = await jobs.settled(jobs.start('retag', {}, editor).id);
    expect(job).toMatchObject({ state: 'done', progress: 4, total: 4 });
    expect((job?.result as RetagJobResult).entries).toBe(4);
    expect(topicsOf()).toEqual(['Second zorbling parade this week', 'Zorbling festival opens in the square']);

    const since = await jobs.settled(jobs.start('retag', { since: '2024-01-15' }, editor).id);
    expect(since).toMatchObject({
      state: 'done',
      progress: 2,
      total: 2,
      params: { since: '2024-01-15T00:00:00.000Z' },
    });
  });

  it('refuses bad requests before starting anything', () => {
    const { store, runner } = project('refuse', src('a', '/a.xml'));
    const jobs = runner();
    expect(() => jobs.start('fetch', { sourceIds: ['a', 'nope'] }, editor)).toThrow(
      new JobRequestError('fetch: unknown source nope'),
    );
    expect(() => jobs.start('fetch', { sourceIds: [] }, editor)).toThrow(/sourceIds is empty/);
    expect(() => jobs.start('fetch', { sourceId: 'a' } as never, editor)).toThrow(/unknown parameter sourceId/);
    expect(() => jobs.start('retag', { since: 'last tuesday' }, editor)).toThrow(/retag: since must be a date/);
    expect(() => jobs.start('fetch', {}, { name: 'alice', origin: 'email' })).toThrow(/unknown origin "email"/);
    expect(() => jobs.start('export', {}, editor)).toThrow(/no static export configured/);
    expect(store.jobs.list()).toEqual([]);
  });

  it('ends failed with a one-line message when the work throws, and runs the injected export', async () => {
    const { configDir, runner } = project('failures', src('a', '/a.xml'));
    let fail = true;
    const jobs = runner({
      exportSite: (p) => {
        if (fail) throw new Error(`${p.out}: disk full\n  while writing feeds/all.xml`);
        return { dir: p.out ?? '', files: 12, bytes: 4096 };
      },
    });

    const broken = await jobs.settled(jobs.start('export', { out: '/srv/site' }, editor).id);
    expect(broken).toMatchObject({
      state: 'failed',
      message: 'export: /srv/site: disk full while writing feeds/all.xml',
    });

    fail = false;
    const exported = await jobs.settled(jobs.start('export', { out: '/srv/site', pages: 2 }, editor).id);
    expect(exported).toMatchObject({
      state: 'done',
      progress: 1,
      total: 1,
      params: { out: '/srv/site', pages: 2 },
      result: { dir: '/srv/site', files: 12, bytes: 4096 },
      message: 'published 12 files (4 KiB) to /srv/site',
    });

    writeFileSync(path.join(configDir, 'topics.yaml'), 'topics:\n  - slug: Not A Slug\n    label: x\n');
    const retag = await jobs.settled(jobs.start('retag', {}, editor).id);
    expect(retag?.state).toBe('failed');
    expect(retag?.message).toMatch(/^retag: .*topics\.yaml/);
    expect(retag?.message).not.toContain('\n');
  });
});
