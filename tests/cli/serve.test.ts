// `wireroom serve`: the HTTP server alone on a read-only connection. Two serve processes and one worker
// (`wireroom run --no-server`) share one database file, all real child processes through bin/wireroom.js; the test
// requests feeds from both servers in a bounded loop while the worker ingests loopback sources. That part runs on both
// stores (issue #15): one SQLite file, or one database on a real PostgreSQL server (tests/helpers/stores.ts), where
// the worker is a fleet worker and the servers' caches follow its commits through the data version.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { cli, fixtureServer, rss, tempDir, writeConfig } from '../helpers/env.ts';
import { madeUpWord, until } from '../helpers/polling.ts';
import { skipArm, stores } from '../helpers/stores.ts';
import { spawnCli } from '../helpers/worker-process.ts';

const DEADLINE_MS = 90_000;
const SOURCES = ['alpha', 'beta', 'gamma'];
const START = 3; // items per source before the servers start
const MAX = 12; // items per source once the worker has fetched them all

/** Feed order of item `seq` of source number `i`: newer sources and later items come first. */
const rank = (i: number, seq: number) => i * 1000 + seq;

function item(base: string, source: string, i: number, seq: number) {
  const n = rank(i, seq) * 6;
  return {
    guid: `${source}-${seq}`,
    title: [0, 1, 2, 3, 4].map((k) => madeUpWord(n + k)).join(' '),
    link: `${base}/${source}/${seq}`,
    description: `${madeUpWord(n + 5)} ${madeUpWord(n + 1)}`,
    pubDate: new Date(Date.UTC(2026, 0, 1) + rank(i, seq) * 60_000).toUTCString(),
  };
}

/** Starts `wireroom serve` and waits for the URL it logs (the config asks for port 0: any free port). */
async function startServe(args: string[]) {
  const p = spawnCli([...args, 'serve']);
  let url = '';
  await until(() => {
    if (!p.running()) throw new Error(`serve exited: ${p.log()}`);
    url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(p.log())?.[1] ?? '';
    return url !== '';
  }, 'serve to listen');
  return { ...p, url };
}

/** What one response showed: per source, the item numbers, in feed order. */
interface Shown {
  status: number;
  etag: string;
  ranks: number[];
  perSource: Map<string, number[]>;
}

function itemLinks(body: string, kind: 'json' | 'rss'): string[] {
  if (kind === 'json') {
    const feed = JSON.parse(body) as { version: string; items: { id: string; url?: string; title?: string }[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    for (const i of feed.items) expect(i.id && i.title && i.url, JSON.stringify(i)).toBeTruthy();
    return feed.items.map((i) => i.url ?? '');
  }
  expect(body).toMatch(/^<\?xml[^>]*>\s*<rss version="2\.0"[\s\S]*<\/rss>\s*$/);
  return [...body.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(
    (m) => /<link>([^<]*)<\/link>/.exec(m[1] ?? '')?.[1] ?? '',
  );
}

async function getFeed(url: string, kind: 'json' | 'rss', headers: Record<string, string> = {}): Promise<Shown> {
  const res = await fetch(`${url}feeds/all.${kind}?limit=100`, { headers });
  const body = await res.text();
  const shown: Shown = { status: res.status, etag: res.headers.get('etag') ?? '', ranks: [], perSource: new Map() };
  if (res.status !== 200) return shown;
  for (const link of itemLinks(body, kind)) {
    const m = /\/(\w+)\/(\d+)$/.exec(link);
    if (!m) throw new Error(`an item link that is none of ours: ${link}`);
    const [source, seq] = [m[1] ?? '', Number(m[2])];
    shown.ranks.push(rank(SOURCES.indexOf(source), seq));
    shown.perSource.set(source, [...(shown.perSource.get(source) ?? []), seq]);
  }
  return shown;
}

/**
 * A view of committed data: newest first, and each source's items exactly 1..n (the worker stores a source's
 * fetch in one transaction, and a feed fetch only ever adds the next item).
 */
function expectConsistent(shown: Shown, where: string): Map<string, number> {
  expect(shown.status, where).toBe(200);
  expect(
    shown.ranks.every((r, k) => k === 0 || r < (shown.ranks[k - 1] ?? 0)),
    `${where}: ${shown.ranks.join(',')}`,
  ).toBe(true);
  const counts = new Map<string, number>();
  for (const s of SOURCES) {
    const seqs = shown.perSource.get(s) ?? [];
    expect(seqs, `${where}: ${s}`).toEqual(seqs.map((_, k) => seqs.length - k));
    counts.set(s, seqs.length);
  }
  return counts;
}

/** The open file descriptions of a process on `file` are read-only (Linux /proc; elsewhere not checked). */
function openedReadOnly(pid: number, file: string): boolean[] {
  const dir = `/proc/${pid}/fd`;
  if (!existsSync(dir)) return [];
  const flags: boolean[] = [];
  for (const fd of readdirSync(dir)) {
    const target = (() => {
      try {
        return readlinkSync(path.join(dir, fd));
      } catch {
        return ''; // closed meanwhile
      }
    })();
    if (target !== file) continue;
    const m = /flags:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
    flags.push((parseInt(m?.[1] ?? '2', 8) & 3) === 0);
  }
  return flags;
}

describe('wireroom serve refuses a database it cannot read as is', () => {
  const tmp = tempDir('wireroom-serve-refuse-');
  afterAll(() => tmp.cleanup());

  it('missing, older than the code, or not wireroom: exit 3 with what to run', async () => {
    const configDir = writeConfig(tmp.dir, { sources: 'sources: []\n' });
    const db = path.join(tmp.dir, 'db', 'wireroom.sqlite');
    const missing = await cli(['--config', configDir, '--db', db, 'serve']);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/wireroom\.sqlite: no database here yet: run the worker .* or `wireroom fetch` once/);
    expect(existsSync(path.dirname(db))).toBe(false); // nothing created

    openStore(db).close();
    const raw = new Database(db);
    const latest = raw.pragma('user_version', { simple: true }) as number;
    raw.pragma(`user_version = ${latest - 1}`);
    raw.close();
    const older = await cli(['--config', configDir, '--db', db, 'serve']);
    expect(older.code).toBe(3);
    expect(older.err).toMatch(
      new RegExp(`schema version ${latest - 1} is older than this wireroom's ${latest}: run the worker .*migrate it`),
    );
    // Nothing migrated it behind the user's back.
    const after = new Database(db, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(latest - 1);
    after.close();

    const foreign = path.join(tmp.dir, 'foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE notes (x)');
    const notOurs = await cli(['--config', configDir, '--db', foreign, 'serve']);
    expect(notOurs.code).toBe(3);
    expect(notOurs.err).toMatch(/foreign\.sqlite: not a wireroom database/);
  });
});

for (const arm of stores())
  describe.skipIf(skipArm(arm))(
    `two serve processes beside one worker on one database on ${arm.kind}${arm.skip}`,
    () => {
      const tmp = tempDir('wireroom-serve-');
      const served: Record<string, number> = Object.fromEntries(SOURCES.map((s) => [s, START]));
      const state = { growing: false };
      let srv: Awaited<ReturnType<typeof fixtureServer>>;
      const procs: ReturnType<typeof spawnCli>[] = [];
      const closers: (() => Promise<void> | undefined)[] = [];

      beforeAll(async () => {
        srv = await fixtureServer({});
        const base = srv.url('').replace(/\/$/, '');
        SOURCES.forEach((source, i) => {
          srv.routes[`/${source}.xml`] = (_req, res) => {
            if (state.growing && (served[source] ?? 0) < MAX) served[source] = (served[source] ?? 0) + 1;
            const n = served[source] ?? 0;
            const items = Array.from({ length: n }, (_, k) => item(base, source, i, n - k));
            res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss(items));
          };
        });
      });
      afterAll(async () => {
        for (const p of procs) if (p.running()) p.child.kill('SIGKILL');
        await Promise.all(procs.map((p) => p.exited));
        for (const close of closers.splice(0)) await close();
        await srv?.close();
        await arm.close();
        tmp.cleanup();
      });

      it('serve consistent feeds under load while the worker ingests, and both see its commits', async () => {
        const configDir = writeConfig(tmp.dir, {
          main:
            'schedule:\n  cron: "* * * * * *"\n  run_on_start: true\n' +
            'fetch:\n  timeout_seconds: 20\n  connect_timeout_seconds: 10\n  allow_private: ["127.0.0.1"]\n' +
            'ingest:\n  threads: 0\nserver:\n  port: 0\n',
          sources:
            'sources:\n' +
            SOURCES.map((s) => `  - { id: ${s}, url: "${srv.url(`/${s}.xml`)}", interval: 0.01 }\n`).join(''),
        });
        const dbFile = path.join(tmp.dir, 'db', 'wireroom.sqlite');
        const database = arm.kind === 'sqlite' ? dbFile : await arm.emptyDatabase(tmp.dir, 'serve');
        const args = ['--config', configDir, '--db', database];
        // On PostgreSQL the count is one query on a connection of the test's own (none until the worker made the tables).
        const { default: pg } = await import('pg');
        const pool = arm.kind === 'postgres' ? new pg.Pool({ connectionString: database, max: 1 }) : undefined;
        closers.push(() => pool?.end());
        const stored = async () => {
          if (pool)
            return pool
              .query<{ n: string }>('SELECT count(*) AS n FROM entries')
              .then((r) => Number(r.rows[0]?.n))
              .catch(() => 0);
          try {
            const db = new Database(dbFile, { readonly: true, fileMustExist: true });
            try {
              return (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
            } finally {
              db.close();
            }
          } catch {
            return 0;
          }
        };

        const worker = spawnCli([...args, 'run', '--no-server']);
        procs.push(worker);
        await until(async () => {
          if (!worker.running()) throw new Error(`worker exited: ${worker.log()}`);
          return (await stored()) === SOURCES.length * START;
        }, 'the first ingest');

        const servers = [await startServe(args), await startServe(args)];
        procs.push(...servers);
        expect(servers[0]?.url).not.toBe(servers[1]?.url);
        for (const s of servers) {
          // SQLite only: on PostgreSQL no process opens dbFile.
          const ro = openedReadOnly(s.child.pid ?? 0, dbFile);
          if (ro.length) expect(ro, 'serve opens the database read-only').toEqual(ro.map(() => true));
        }

        // Before: both show the first ingest, identically.
        const first = await Promise.all(servers.map((s) => getFeed(s.url, 'json')));
        for (const [k, f] of first.entries()) {
          const counts = expectConsistent(f, `server ${k} before`);
          expect([...counts.values()]).toEqual(SOURCES.map(() => START));
          expect(f.etag).not.toBe('');
        }
        expect(first[0]?.ranks).toEqual(first[1]?.ranks);

        // Under load: both servers asked in turn, as fast as they answer (bounded by rounds and a deadline), while the worker ingests one more item per
        // source at each fetch. Every response must be a committed state, and no server may go back in time.
        state.growing = true;
        const seen = new Set<string>();
        let responses = 0;
        await Promise.all(
          servers.map(async (s, k) => {
            let last = new Map(SOURCES.map((src) => [src, START]));
            const end = Date.now() + DEADLINE_MS;
            for (let round = 0; round < 20_000 && Date.now() < end; round++) {
              const shown = await getFeed(s.url, round % 2 ? 'rss' : 'json');
              responses++;
              const counts = expectConsistent(shown, `server ${k} round ${round}`);
              for (const src of SOURCES)
                expect(counts.get(src) ?? 0, `server ${k} round ${round} ${src}`).toBeGreaterThanOrEqual(
                  last.get(src) ?? 0,
                );
              last = counts;
              seen.add(SOURCES.map((src) => counts.get(src)).join('/'));
              if ([...counts.values()].every((n) => n === MAX)) break;
              await new Promise((r) => setTimeout(r, 5)); // a loop, not a spin: the machine is shared
            }
          }),
        );
        expect(worker.running(), worker.log()).toBe(true);
        expect(await stored()).toBe(SOURCES.length * MAX);
        // The loop really overlapped the ingest: it saw states between the first and the last.
        expect(seen.size, [...seen].join(' ')).toBeGreaterThan(2);
        expect(responses).toBeGreaterThan(seen.size);

        // After: both show every entry, under a new ETag; the old one no longer gets a 304, the new one does.
        for (const [k, s] of servers.entries()) {
          const now = await getFeed(s.url, 'json');
          expect([...expectConsistent(now, `server ${k} after`).values()]).toEqual(SOURCES.map(() => MAX));
          expect(now.etag).not.toBe(first[k]?.etag);
          expect((await getFeed(s.url, 'json', { 'If-None-Match': first[k]?.etag ?? '' })).status).toBe(200);
          const res = await fetch(`${s.url}feeds/all.json?limit=100`, { headers: { 'If-None-Match': now.etag } });
          expect(res.status).toBe(304);
          await res.arrayBuffer();
        }

        for (const p of [...servers, worker]) p.child.kill('SIGTERM');
        expect(await Promise.all([...servers, worker].map((p) => p.exited))).toEqual([0, 0, 0]);
        if (arm.kind === 'sqlite') {
          const db = new Database(dbFile, { readonly: true });
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          db.close();
        }
      }, 180_000);
    },
  );
