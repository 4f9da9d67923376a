// The PostgreSQL fetch fleet (issue #15) over the cycle bench's loopback sources (bench/cycle.ts: make-feeds.py's
// 1,000 documents served by etag-file-server.mjs, the same config: 32 requests in flight, per_host 32, every source
// on 127.0.0.1):
//
//   sqlite   `wireroom fetch --json` into a fresh SQLite file: the cold cycle, then the all-304 one (the baseline)
//   pg       one `wireroom worker --once --json` into a fresh PostgreSQL database: cold, then all-304
//   fleet    1, 2 and 4 `wireroom worker --once` processes started together on a fresh database (1: the pg cold
//            pass), cold: sources/s and entries/s over the span from the first worker's cycle start to the
//            last one's end
//
// PostgreSQL is started by tests/helpers/postgres.ts (initdb in a temp folder, Unix socket, fsync off), so the
// figures are the database's CPU and round trips, not a disk's flush. Per_host 32 is counted across the fleet: the
// workers together never have more than 32 requests in flight, as the single process.
//
//   node --import tsx bench/fleet.ts [--sources N]
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres.ts';
import { feedsDir, parseLastJson, startFileServer, wireroomPass, writeWireroomConfig } from './cycle.ts';
import { isMain, printRows, reportWork, row, runNodeChild, type BenchResult, type Row } from './report.ts';
import buildDist from '../tests/helpers/build-dist.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface WorkerRun {
  startedAt: number;
  endedAt: number;
  sources: number;
  ok: number;
  notModified: number;
  stored: number;
}

/** One `wireroom worker --once --json` process on `config`. */
async function workerPass(config: string): Promise<WorkerRun> {
  const run = await runNodeChild(
    [path.join(REPO_ROOT, 'bin/wireroom.js')],
    ['--config', config, 'worker', '--once', '--json'],
    {
      cwd: REPO_ROOT,
    },
  );
  const report = parseLastJson(run, 'wireroom worker') as {
    startedAt: string;
    durationMs: number;
    sources: { status: string; new: number }[];
  };
  const startedAt = Date.parse(report.startedAt);
  return {
    startedAt,
    endedAt: startedAt + report.durationMs,
    sources: report.sources.length,
    ok: report.sources.filter((s) => s.status === 'ok').length,
    notModified: report.sources.filter((s) => s.status === 'not-modified').length,
    stored: report.sources.reduce((n, s) => n + s.new, 0),
  };
}

/** `workers` processes at once; the cycle spans the first start to the last end. */
async function fleetPass(config: string, workers: number) {
  const runs = await Promise.all(Array.from({ length: workers }, () => workerPass(config)));
  const spanMs = Math.max(...runs.map((r) => r.endedAt)) - Math.min(...runs.map((r) => r.startedAt));
  const sum = (f: (r: WorkerRun) => number) => runs.reduce((n, r) => n + f(r), 0);
  return {
    spanMs,
    sources: sum((r) => r.sources),
    ok: sum((r) => r.ok),
    notModified: sum((r) => r.notModified),
    stored: sum((r) => r.stored),
    perWorker: runs.map((r) => r.sources),
  };
}

/** A config folder of the cycle bench's, on this PostgreSQL database. */
function pgConfig(dir: string, port: number, n: number, url: string): string {
  const config = writeWireroomConfig(dir, port, n);
  appendFileSync(path.join(config, 'wireroom.yaml'), `database: ${url}\n`);
  return config;
}

async function makeDue(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE sources SET next_fetch_at = '2000-01-01T00:00:00.000Z'`);
  } finally {
    await client.end();
  }
}

export async function runFleetBench(opts: { sources?: number } = {}): Promise<BenchResult> {
  // bin/wireroom.js runs dist/bundle/: a checkout edited since its last build would measure the old code.
  await buildDist();
  const n = opts.sources ?? 1000;
  const dir = feedsDir(n);
  const server = await startFileServer(dir);
  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-fleet-'));
  let pg: TestPostgres | undefined;
  console.log(
    `fleet: ${n} sources (bench/cycle.ts's feeds and config, 32 in flight), SQLite \`wireroom fetch\` vs ` +
      `PostgreSQL \`wireroom worker --once\` (a server of tests/helpers/postgres.ts, fsync off), ` +
      `${os.cpus().length} cores`,
  );
  try {
    pg = await startPostgres();
    mkdirSync(path.join(root, 'sqlite'), { recursive: true });
    const sqliteConfig = writeWireroomConfig(path.join(root, 'sqlite'), server.port, n);
    const db = path.join(root, 'sqlite', 'wireroom.sqlite');
    const sqliteCold = await wireroomPass(sqliteConfig, db);
    const sqliteWarm = await wireroomPass(sqliteConfig, db);
    console.log(
      `  sqlite fetch: cold ${(sqliteCold.cycleMs / 1000).toFixed(2)} s (${sqliteCold.s200} x 200, ` +
        `${sqliteCold.stored} entries), all-304 ${(sqliteWarm.cycleMs / 1000).toFixed(2)} s (${sqliteWarm.s304} x 304)`,
    );

    const one = await pg.createDatabase('one');
    const oneConfig = pgConfig(path.join(root, 'one'), server.port, n, one);
    const pgCold = await fleetPass(oneConfig, 1);
    await makeDue(one);
    const pgWarm = await fleetPass(oneConfig, 1);
    console.log(
      `  pg worker x1: cold ${(pgCold.spanMs / 1000).toFixed(2)} s (${pgCold.ok} x 200, ${pgCold.stored} entries), ` +
        `all-304 ${(pgWarm.spanMs / 1000).toFixed(2)} s (${pgWarm.notModified} x 304)`,
    );

    const fleets: { workers: number; pass: Awaited<ReturnType<typeof fleetPass>> }[] = [];
    // One worker on a fresh database is the cold pass above.
    fleets.push({ workers: 1, pass: pgCold });
    for (const workers of [2, 4]) {
      const url = await pg.createDatabase(`fleet${workers}`);
      const pass = await fleetPass(pgConfig(path.join(root, `fleet${workers}`), server.port, n, url), workers);
      fleets.push({ workers, pass });
      console.log(
        `  pg workers x${workers}: cold ${(pass.spanMs / 1000).toFixed(2)} s, ${pass.ok} x 200, ` +
          `${pass.stored} entries; sources per worker ${pass.perWorker.join(' / ')}; ` +
          `${(n / (pass.spanMs / 1000)).toFixed(0)} sources/s, ${(pass.stored / (pass.spanMs / 1000)).toFixed(0)} entries/s`,
      );
    }

    const single = fleets[0]!.pass;
    const rows: Row[] = [
      row({
        bench: 'fleet',
        figure: `cold cycle, ${n} sources: PostgreSQL worker x1 vs SQLite fetch`,
        value: pgCold.spanMs / 1000,
        unit: 's',
        baseline: sqliteCold.cycleMs / 1000,
        baselineLabel: 'wireroom fetch on SQLite',
      }),
      row({
        bench: 'fleet',
        figure: `all-304 cycle, ${n} sources: PostgreSQL worker x1 vs SQLite fetch`,
        value: pgWarm.spanMs / 1000,
        unit: 's',
        baseline: sqliteWarm.cycleMs / 1000,
        baselineLabel: 'wireroom fetch on SQLite',
      }),
      ...fleets.flatMap(({ workers, pass }) => [
        row({
          bench: 'fleet',
          figure: `cold sources/s, PostgreSQL workers x${workers} vs x1`,
          value: n / (pass.spanMs / 1000),
          unit: '/s',
          baseline: n / (single.spanMs / 1000),
          baselineLabel: 'one worker',
        }),
        row({
          bench: 'fleet',
          figure: `cold entries/s, PostgreSQL workers x${workers} vs x1`,
          value: pass.stored / (pass.spanMs / 1000),
          unit: '/s',
          baseline: single.stored / (single.spanMs / 1000),
          baselineLabel: 'one worker',
        }),
      ]),
    ];
    const work = [
      {
        bench: 'fleet',
        comparison: 'cold cycle: PostgreSQL vs SQLite, and every fleet size',
        unit: 'entries stored',
        arms: [
          { arm: 'sqlite', done: sqliteCold.stored },
          { arm: 'pg x1', done: pgCold.stored },
          ...fleets.map((f) => ({ arm: `fleet x${f.workers}`, done: f.pass.stored })),
        ],
      },
      {
        bench: 'fleet',
        comparison: 'cold cycle: sources fetched once each (no double claims)',
        unit: 'sources fetched (200)',
        expected: n,
        arms: [
          { arm: 'sqlite', done: sqliteCold.s200 },
          { arm: 'pg x1', done: pgCold.ok },
          ...fleets.map((f) => ({ arm: `fleet x${f.workers}`, done: f.pass.ok })),
        ],
      },
      // A fleet where one worker took everything measured one worker, not the fleet.
      ...fleets.map((f) => ({
        bench: 'fleet',
        comparison: `fleet x${f.workers}: every worker fetched a share`,
        unit: 'sources fetched by the worker',
        atLeast: 1,
        arms: f.pass.perWorker.map((done, w) => ({ arm: `worker ${w + 1}`, done })),
      })),
      {
        bench: 'fleet',
        comparison: 'all-304 cycle: PostgreSQL vs SQLite',
        unit: 'sources answered 304',
        expected: n,
        arms: [
          { arm: 'sqlite', done: sqliteWarm.s304 },
          { arm: 'pg x1', done: pgWarm.notModified },
        ],
      },
    ];
    return { rows, work };
  } finally {
    server.child.kill();
    pg?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--sources');
  const result = await runFleetBench({ sources: i > 0 ? Number(process.argv[i + 1]) : undefined });
  printRows(result.rows, 'fleet');
  process.exitCode = reportWork(result.work) ? 0 : 1;
}
