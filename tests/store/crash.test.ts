// Crash safety: a worker killed with SIGKILL mid-cycle leaves a consistent database, and the next cycle completes;
// SIGTERM lets the fetch under way finish and be stored before the process exits.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, REPO_ROOT, rss, tempDir, writeConfig, cli, type Handler } from '../helpers/env.ts';
import { spawnWorker } from '../helpers/worker-process.ts';

const SOURCES = 40;
const ITEMS = 250;

function feedFor(n: number): string {
  return rss(
    Array.from({ length: ITEMS }, (_, i) => ({
      guid: `s${n}-i${i}`,
      title: `Source ${n} item ${i}: workers strike in Lima`,
      link: `https://example.org/${n}/${i}`,
      description: `<p>${'Body text of a long article. '.repeat(40)}</p>`,
      pubDate: new Date(Date.UTC(2024, 0, 1, 0, i)).toUTCString(),
    })),
  );
}

describe('SIGKILL in the middle of a cycle', () => {
  const tmp = tempDir();
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  let configDir: string;
  const dbFile = () => path.join(tmp.dir, 'db', 'wireroom.sqlite');

  beforeAll(async () => {
    const bodies = Array.from({ length: SOURCES }, (_, n) => feedFor(n));
    const routes: Record<string, Parameters<typeof fixtureServer>[0][string]> = {};
    for (let n = 0; n < SOURCES; n++) {
      // Staggered answers keep transactions committing one after another while the kill lands.
      routes[`/f${n}.xml`] = (_q, res) =>
        void setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(bodies[n]), 20 * n);
    }
    srv = await fixtureServer(routes);
    configDir = writeConfig(tmp.dir, {
      main: `schedule:\n  cron: "0 0 1 1 *"\n  run_on_start: true\nfetch:\n  concurrency: 4\n  allow_private: ["127.0.0.1"]\n`,
      sources: `sources:\n${Array.from({ length: SOURCES }, (_, n) => `  - { id: s${n}, url: "${srv.url(`/f${n}.xml`)}" }`).join('\n')}\n`,
    });
  });
  afterAll(async () => {
    await srv?.close();
    tmp.cleanup();
  });

  it('keeps every committed entry, no half-written source, and the next cycle completes', async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/wireroom.js'), '--config', configDir, 'run', '--no-server'],
      {
        cwd: tmp.dir,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, WIREROOM_LOG_LEVEL: 'warn' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));

    // Wait until some sources are committed but not all, then kill without warning.
    let committedBeforeKill: { source_id: string; n: number }[] = [];
    const deadline = Date.now() + 45_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      if (Date.now() > deadline) throw new Error(`worker never committed a source: ${stderr}`);
      try {
        const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
        try {
          committedBeforeKill = db
            .prepare('SELECT source_id, count(*) AS n FROM entries GROUP BY source_id')
            .all() as typeof committedBeforeKill;
        } finally {
          db.close();
        }
      } catch {
        continue; // not created or not migrated yet
      }
      if (committedBeforeKill.length >= 3) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(committedBeforeKill.length).toBeLessThan(SOURCES);

    const db = new Database(dbFile());
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const after = new Map(
        (
          db.prepare('SELECT source_id, count(*) AS n FROM entries GROUP BY source_id').all() as {
            source_id: string;
            n: number;
          }[]
        ).map((r) => [r.source_id, r.n]),
      );
      // Every entry committed before the kill is still there.
      for (const { source_id, n } of committedBeforeKill) expect(after.get(source_id)).toBeGreaterThanOrEqual(n);
      // A source's fetch is all or nothing: full item count, with its fetch-log row and state, or none of it.
      for (const [sourceId, n] of after) {
        expect(n).toBe(ITEMS);
        const logged = db
          .prepare('SELECT count(*) AS c FROM fetch_log WHERE source_id = ? AND new_count = ?')
          .get(sourceId, ITEMS) as { c: number };
        expect(logged.c).toBe(1);
        const state = db.prepare('SELECT status FROM sources WHERE id = ?').get(sourceId) as { status: string };
        expect(state.status).toBe('ok');
      }
    } finally {
      db.close();
    }

    // Restart: the next cycle completes and fills in the rest.
    const r = await cli(['--config', configDir, 'fetch', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { sources: { status: string }[] };
    expect(report.sources.every((s) => s.status === 'ok')).toBe(true);
    const db2 = new Database(dbFile(), { readonly: true });
    try {
      expect((db2.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n).toBe(SOURCES * ITEMS);
      expect(db2.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db2.close();
    }
    // Two child processes and a full restart cycle of 10,000 entries: room beyond the default on a loaded machine.
  }, 180_000);
});

describe('SIGTERM while a fetch is in flight', () => {
  const tmp = tempDir();
  let srv: Awaited<ReturnType<typeof fixtureServer>>;
  let configDir: string;
  let arrived = false;
  let release = (): void => {};
  const released = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    // Holds its answer until the test releases it, and says when the request came in.
    const held: Handler = (_q, res) => {
      arrived = true;
      void released.then(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(feedFor(0)));
    };
    srv = await fixtureServer({
      '/held.xml': held,
      '/queued.xml': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(feedFor(1)),
    });
    // One fetch slot: `queued` waits behind the held fetch and has not started when the signal comes.
    configDir = writeConfig(tmp.dir, {
      main:
        'schedule:\n  cron: "0 0 1 1 *"\n  run_on_start: true\n' +
        'fetch:\n  concurrency: 1\n  timeout_seconds: 120\n  allow_private: ["127.0.0.1"]\n',
      sources:
        `sources:\n  - { id: held, url: "${srv.url('/held.xml')}" }\n` +
        `  - { id: queued, url: "${srv.url('/queued.xml')}" }\n`,
    });
  });
  afterAll(async () => {
    release();
    await srv?.close();
    tmp.cleanup();
  });

  it('finishes in-flight work: the held source is stored, the waiting one left due, exit 0', async () => {
    // Fails (does not skip) if the worker never starts, exits early, or never fetches.
    const worker = spawnWorker(configDir, tmp.dir);
    const { until, exited } = worker;
    try {
      await until(() => /worker started/.test(worker.stderr()), '"worker started"');
      await until(() => arrived, 'the held request');
      worker.kill('SIGTERM');
      // Logged right before stop() cancels waiting fetches: from here, the bug this guards would drop the held one.
      await until(() => /shutting down/.test(worker.stderr()), '"shutting down"');
      release();
      await exited;
    } finally {
      if (worker.exitCode() === undefined) worker.kill('SIGKILL');
    }
    expect(worker.exitCode(), worker.stderr()).toBe(0);
    expect(worker.stderr()).toMatch(/"msg":"stopped"/);
    expect(srv.hits['/held.xml']).toBe(1);
    expect(srv.hits['/queued.xml']).toBeUndefined();

    const db = new Database(path.join(tmp.dir, 'db', 'wireroom.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = db.prepare('SELECT source_id, count(*) AS n FROM entries GROUP BY source_id').all();
      expect(count).toEqual([{ source_id: 'held', n: ITEMS }]);
      const logged = db.prepare('SELECT source_id, status, new_count FROM fetch_log').all();
      expect(logged).toEqual([{ source_id: 'held', status: 'ok', new_count: ITEMS }]);
      // The source that never got its slot is as it was: due at the next start, no error counted against it.
      const states = db.prepare('SELECT id, status, error_count, next_fetch_at FROM sources ORDER BY id').all();
      expect(states).toEqual([
        { id: 'held', status: 'ok', error_count: 0, next_fetch_at: expect.any(String) },
        { id: 'queued', status: 'new', error_count: 0, next_fetch_at: null },
      ]);
    } finally {
      db.close();
    }
  });
});
