// One fetch cycle over N loopback sources (default 1,000), three arms, each in processes of its own so that
// every peak memory figure is one process's own, as the OS reports it (VmHWM, bench/hwm-preload.mjs):
//
//   wireroom  the real CLI as `npx wireroom` runs it (node with the flags on bin/wireroom.js's first line),
//             `fetch --json --config DIR --db FILE`: fetch, parse, normalize + sanitize, keys, tags, stories, one
//             transaction per source into a fresh SQLite file (prepare threads as ingest.threads: auto)
//   naive     ../shared/bench/naive-aggregator.mjs: conditional GET, rss-parser, INSERT OR IGNORE (the floor)
//   required  bench/required-aggregator.mjs: the naive aggregator plus sanitize-html and an FTS5 index, the work no
//             aggregator that republishes HTML and offers search can skip (the baseline proposed in #14's note)
//   plain     bench/plain-fetch.mjs: global fetch, bodies read, If-None-Match on the second pass (no ingest at all)
//
// Each arm runs twice in a row on its own state: cold (every source 200) and then all-304. The feeds come from
// ../shared/bench/make-feeds.py (cached under .bench-cache/), served by ../shared/bench/etag-file-server.mjs in
// another process. Every arm has the same concurrency: 32 requests in flight, wireroom with fetch.concurrency 32
// and fetch.per_host 32 (the most src/config/schema.ts accepts; every source is on 127.0.0.1, so per_host binds).
//
//   node --import tsx bench/cycle.ts [--sources N] [--rounds N] [--base CHECKOUT]   (--base: compare two commits)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isMain,
  leadingEnv,
  median,
  printRows,
  reportWork,
  row,
  runNodeChild,
  type BenchResult,
  type ChildRun,
  type Row,
  type WorkCheck,
} from './report.ts';
import buildDist from '../tests/helpers/build-dist.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const SHARED_BENCH = path.resolve(REPO_ROOT, '../shared/bench');
const CACHE = path.join(REPO_ROOT, '.bench-cache');
/** Requests in flight, every arm. 32 is fetch.per_host's maximum in src/config/schema.ts. */
export const CONCURRENCY = 32;
/** make-feeds.py writes 20 items per document. */
const ITEMS_PER_FEED = 20;

// ---------------------------------------------------------------------------------------------------------
// Feeds and server

/** make-feeds.py's N documents, generated once per N into .bench-cache/ (its vocabulary pass takes a while). */
export function feedsDir(n: number): string {
  const dir = path.join(CACHE, `make-feeds-${n}-seed7`);
  if (existsSync(dir) && readdirSync(dir).length === n) return dir;
  mkdirSync(CACHE, { recursive: true });
  const tmp = mkdtempSync(path.join(CACHE, 'tmp-'));
  const t0 = performance.now();
  const r = spawnSyncChecked('python3', [path.join(SHARED_BENCH, 'make-feeds.py'), String(n), tmp, '7']);
  if (r) throw new Error(`make-feeds.py failed: ${r}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  console.log(
    `  generated ${n} feeds with make-feeds.py into ${path.relative(REPO_ROOT, dir)} ` +
      `in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return dir;
}

function spawnSyncChecked(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? '' : `${cmd} exited ${r.status}: ${r.stderr.slice(0, 500)}`;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export async function startFileServer(dir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(SHARED_BENCH, 'etag-file-server.mjs'), dir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`etag-file-server exited (${code})`)));
  });
  return { port, child };
}

// ---------------------------------------------------------------------------------------------------------
// The arms: each pass is one child process

export interface Pass {
  /** The cycle's own time as the arm measures it (after start-up: modules, config, database open). */
  cycleMs: number;
  run: ChildRun;
  /** Documents answered 200 and 304, entries stored, body bytes received. */
  s200: number;
  s304: number;
  failed: number;
  stored: number;
  bytes: number | undefined;
}

export function parseLastJson(run: ChildRun, what: string): Record<string, unknown> {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.stderr.slice(0, 800)}`);
  const text = run.stdout.trim();
  const start = text.startsWith('{') ? 0 : text.lastIndexOf('\n{') + 1;
  return JSON.parse(text.slice(start)) as Record<string, unknown>;
}

interface SourceReportLite {
  status: string;
  new: number;
  bytes: number;
}

export function writeWireroomConfig(dir: string, port: number, n: number): string {
  const config = path.join(dir, 'config');
  mkdirSync(config, { recursive: true });
  writeFileSync(
    path.join(config, 'wireroom.yaml'),
    `schedule:\n  run_on_start: false\nfetch:\n  concurrency: ${CONCURRENCY}\n  per_host: ${CONCURRENCY}\n` +
      '  timeout_seconds: 300\n  allow_private: ["127.0.0.1"]\n',
  );
  const lines = Array.from({ length: n }, (_, i) => `  - { id: s${i}, url: "http://127.0.0.1:${port}/f${i}.xml" }`);
  writeFileSync(path.join(config, 'sources.yaml'), `sources:\n${lines.join('\n')}\n`);
  return config;
}

/** How the bin's first line (`#!/usr/bin/env -S [NAME=VALUE...] node FLAGS`) starts node. */
export interface BinLaunch {
  /** Environment the line sets (MALLOC_ARENA_MAX). */
  env: Record<string, string>;
  nodeFlags: string[];
}

/**
 * The environment and node flags on the bin's first line: what `npx wireroom` runs it with, so that a pass measures
 * the process a user gets.
 */
export function binLaunch(bin: string): BinLaunch {
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\/usr\/bin\/env -S\s+(.*)$/.exec(first.trim());
  const { env, rest } = leadingEnv(m?.[1] ? m[1].split(/\s+/) : []);
  if (rest[0] !== 'node') return { env: {}, nodeFlags: [] };
  return { env, nodeFlags: rest.slice(1) };
}

/** A `wireroom fetch` pass through the CLI of the checkout at `root` (this one, or the --base one), run as `npx` does. */
export async function wireroomPass(config: string, db: string, root = REPO_ROOT): Promise<Pass> {
  const bin = path.join(root, 'bin/wireroom.js');
  const launch = binLaunch(bin);
  const run = await runNodeChild([...launch.nodeFlags, bin], ['fetch', '--json', '--config', config, '--db', db], {
    cwd: root,
    env: launch.env,
  });
  const report = parseLastJson(run, 'wireroom fetch') as { durationMs: number; sources: SourceReportLite[] };
  const count = (status: string) => report.sources.filter((s) => s.status === status).length;
  return {
    cycleMs: report.durationMs,
    run,
    s200: count('ok'),
    s304: count('not-modified'),
    failed: report.sources.length - count('ok') - count('not-modified'),
    stored: report.sources.reduce((sum, s) => sum + s.new, 0),
    bytes: report.sources.reduce((sum, s) => sum + s.bytes, 0),
  };
}

async function naivePass(port: number, n: number, db: string, which: 'naive' | 'required'): Promise<Pass> {
  const script =
    which === 'naive' ? path.join(SHARED_BENCH, 'naive-aggregator.mjs') : path.join(HERE, 'required-aggregator.mjs');
  // Run from the project root: it resolves rss-parser and better-sqlite3 from the current folder.
  const run = await runNodeChild([script], [String(port), String(n), db, String(CONCURRENCY)], { cwd: REPO_ROOT });
  const r = parseLastJson(run, `${which}-aggregator`) as { ms: number; stored: number; s304: number };
  // It counts 304s; every other answer it parsed and stored (an error would have failed the process).
  return { cycleMs: r.ms, run, s200: n - r.s304, s304: r.s304, failed: 0, stored: r.stored, bytes: undefined };
}

async function plainPass(port: number, n: number, etagFile: string): Promise<Pass> {
  const run = await runNodeChild(
    [path.join(HERE, 'plain-fetch.mjs')],
    [String(port), String(n), etagFile, String(CONCURRENCY)],
  );
  const r = parseLastJson(run, 'plain-fetch') as {
    ms: number;
    s200: number;
    s304: number;
    other: number;
    bytes: number;
  };
  return { cycleMs: r.ms, run, s200: r.s200, s304: r.s304, failed: r.other, stored: 0, bytes: r.bytes };
}

/** `base`: wireroom at another checkout (--base DIR), to compare two commits in one run. */
type Arm = 'wireroom' | 'base' | 'naive' | 'required' | 'plain';

interface ArmRound {
  cold: Pass;
  warm: Pass;
}

// ---------------------------------------------------------------------------------------------------------

export interface CycleBenchOptions {
  sources?: number;
  rounds?: number;
  /** Another checkout (with node_modules) whose CLI runs as a fourth arm on the same feeds. */
  base?: string;
}

export async function runCycleBench(opts: CycleBenchOptions = {}): Promise<BenchResult> {
  // bin/wireroom.js runs dist/bundle/: a checkout edited since its last build would measure the old code.
  await buildDist();
  const n = opts.sources ?? 1000;
  // Three rounds: a process's peak RSS moves by 10-20% from run to run (the naive aggregator's 158-193 MB on the
  // same feeds), and the median of three holds still where the larger of two follows the outlier.
  const rounds = opts.rounds ?? 3;
  const base = opts.base ? path.resolve(opts.base) : undefined;
  const ARMS: Arm[] = base
    ? ['wireroom', 'base', 'naive', 'required', 'plain']
    : ['wireroom', 'naive', 'required', 'plain'];
  const dir = feedsDir(n);
  const servedBytes = readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  const server = await startFileServer(dir);
  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-cycle-'));
  console.log(
    `cycle: ${n} sources (make-feeds.py, ${ITEMS_PER_FEED} items each, ` +
      `${(servedBytes / 1024 / 1024).toFixed(0)} MB in all) served by etag-file-server.mjs on 127.0.0.1 in its own ` +
      `process; ${rounds} round(s), arm order alternating, median reported`,
  );
  console.log(
    `  every arm: ${CONCURRENCY} requests in flight (wireroom: fetch.concurrency ${CONCURRENCY}, ` +
      `fetch.per_host ${CONCURRENCY}, the most the config accepts); each pass a fresh process, ` +
      'cold pass into an empty database, then the all-304 pass',
  );
  console.log(
    '  time = the cycle as the arm times itself (wireroom: CycleReport.durationMs; naive and plain: their ' +
      'printed ms), ' +
      'after process start-up; process wall time (spawn to exit) is shown too. Peak RSS = VmHWM of that process, ' +
      'median of the rounds like the times',
  );
  const runs = new Map<Arm, ArmRound[]>(ARMS.map((a) => [a, []]));
  try {
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ARMS : [...ARMS].reverse();
      const rdir = path.join(root, `round-${r}`);
      mkdirSync(rdir, { recursive: true });
      for (const arm of order) {
        let cold: Pass;
        let warm: Pass;
        if (arm === 'wireroom' || arm === 'base') {
          const config = writeWireroomConfig(path.join(rdir, arm), server.port, n);
          const db = path.join(rdir, `${arm}.sqlite`);
          const root = arm === 'base' ? base : REPO_ROOT;
          cold = await wireroomPass(config, db, root);
          warm = await wireroomPass(config, db, root);
        } else if (arm === 'naive' || arm === 'required') {
          const db = path.join(rdir, `${arm}.sqlite`);
          cold = await naivePass(server.port, n, db, arm);
          warm = await naivePass(server.port, n, db, arm);
        } else {
          const etags = path.join(rdir, 'plain-etags.json');
          cold = await plainPass(server.port, n, etags);
          warm = await plainPass(server.port, n, etags);
        }
        runs.get(arm)?.push({ cold, warm });
        console.log(
          `  round ${r + 1} ${arm.padEnd(8)} cold ${(cold.cycleMs / 1000).toFixed(2)} s ` +
            `(process ${(cold.run.wallMs / 1000).toFixed(2)} s, ` +
            `peak RSS ${(cold.run.peakRssKb / 1024).toFixed(0)} MB; ` +
            `${cold.s200} x 200, ${cold.stored} entries stored), ` +
            `304 pass ${(warm.cycleMs / 1000).toFixed(2)} s (process ${(warm.run.wallMs / 1000).toFixed(2)} s, ` +
            `peak RSS ${(warm.run.peakRssKb / 1024).toFixed(0)} MB; ${warm.s304} x 304)`,
        );
      }
      rmSync(rdir, { recursive: true, force: true });
    }
  } finally {
    server.child.kill();
    rmSync(root, { recursive: true, force: true });
  }

  const of = (arm: Arm) => runs.get(arm) ?? [];
  const sec = (arm: Arm, pass: 'cold' | 'warm') => median(of(arm).map((x) => x[pass].cycleMs)) / 1000;
  const wallSec = (arm: Arm, pass: 'cold' | 'warm') => median(of(arm).map((x) => x[pass].run.wallMs)) / 1000;
  const rssMb = (arm: Arm, pass: 'cold' | 'warm') => median(of(arm).map((x) => x[pass].run.peakRssKb)) / 1024;
  const rows: Row[] = [
    row({
      bench: 'cycle',
      figure: `cold cycle time (in-process), ${n} sources: wireroom vs naive`,
      value: sec('wireroom', 'cold'),
      unit: 's',
      baseline: sec('naive', 'cold'),
      baselineLabel: 'naive-aggregator',
      target: { op: '<=', value: 2 },
    }),
    row({
      bench: 'cycle',
      figure: `all-304 cycle time (in-process), ${n} sources: wireroom vs naive`,
      value: sec('wireroom', 'warm'),
      unit: 's',
      baseline: sec('naive', 'warm'),
      baselineLabel: 'naive-aggregator',
      target: { op: '<=', value: 1 },
    }),
    row({
      bench: 'cycle',
      figure: 'peak RSS (VmHWM), cold cycle process: wireroom vs naive',
      value: rssMb('wireroom', 'cold'),
      unit: 'MB',
      baseline: rssMb('naive', 'cold'),
      baselineLabel: 'naive-aggregator process',
      target: { op: '<=', value: 1.5 },
    }),
    row({
      bench: 'cycle',
      figure: 'peak RSS (VmHWM), all-304 cycle process: wireroom vs naive',
      value: rssMb('wireroom', 'warm'),
      unit: 'MB',
      baseline: rssMb('naive', 'warm'),
      baselineLabel: 'naive-aggregator process',
    }),
    row({
      bench: 'cycle',
      figure: `cold cycle time (in-process), ${n} sources: wireroom vs required work (naive + sanitize + FTS5)`,
      value: sec('wireroom', 'cold'),
      unit: 's',
      baseline: sec('required', 'cold'),
      baselineLabel: 'required-aggregator',
    }),
    row({
      bench: 'cycle',
      figure: 'peak RSS (VmHWM), cold cycle process: wireroom vs required work',
      value: rssMb('wireroom', 'cold'),
      unit: 'MB',
      baseline: rssMb('required', 'cold'),
      baselineLabel: 'required-aggregator process',
    }),
    row({
      bench: 'cycle',
      figure: `cold cycle time (in-process), ${n} sources: required work vs naive (what the required work costs)`,
      value: sec('required', 'cold'),
      unit: 's',
      baseline: sec('naive', 'cold'),
      baselineLabel: 'naive-aggregator',
    }),
    row({
      bench: 'cycle',
      figure: `cold cycle time (in-process), ${n} sources: wireroom vs plain fetch`,
      value: sec('wireroom', 'cold'),
      unit: 's',
      baseline: sec('plain', 'cold'),
      baselineLabel: 'plain fetch, bodies read',
    }),
    row({
      bench: 'cycle',
      figure: `all-304 cycle time (in-process), ${n} sources: wireroom vs plain fetch`,
      value: sec('wireroom', 'warm'),
      unit: 's',
      baseline: sec('plain', 'warm'),
      baselineLabel: 'plain fetch, If-None-Match',
    }),
    row({
      bench: 'cycle',
      figure: 'peak RSS (VmHWM), cold cycle process: wireroom vs plain fetch',
      value: rssMb('wireroom', 'cold'),
      unit: 'MB',
      baseline: rssMb('plain', 'cold'),
      baselineLabel: 'plain fetch process',
    }),
    row({
      bench: 'cycle',
      figure: 'cold cycle process wall time (start-up included): wireroom vs naive',
      value: wallSec('wireroom', 'cold'),
      unit: 's',
      baseline: wallSec('naive', 'cold'),
      baselineLabel: 'naive-aggregator process',
    }),
  ];

  if (base) {
    const vsBase = (figure: string, value: number, baseline: number, unit: string) =>
      row({ bench: 'cycle', figure, value, unit, baseline, baselineLabel: `wireroom at ${base}` });
    rows.push(
      vsBase(
        `cold cycle time (in-process), ${n} sources: this checkout vs --base`,
        sec('wireroom', 'cold'),
        sec('base', 'cold'),
        's',
      ),
      vsBase(
        'all-304 cycle time (in-process): this checkout vs --base',
        sec('wireroom', 'warm'),
        sec('base', 'warm'),
        's',
      ),
      vsBase(
        'peak RSS (VmHWM), cold cycle process: this checkout vs --base',
        rssMb('wireroom', 'cold'),
        rssMb('base', 'cold'),
        'MB',
      ),
    );
  }

  // The same work, round by round: every cold pass got n documents (200), stored n x 20 entries (the two that
  // store), read every served byte (the two that count bytes); every 304 pass got n 304s.
  const work: WorkCheck[] = [];
  of('wireroom').forEach((_, i) => {
    const pass = (arm: Arm, p: 'cold' | 'warm') => of(arm)[i]?.[p];
    const arms = (pick: (p: Pass) => number | undefined, p: 'cold' | 'warm', which: Arm[] = ARMS) =>
      which.flatMap((arm) => {
        const x = pass(arm, p);
        const v = x ? pick(x) : undefined;
        return v === undefined ? [] : [{ arm, done: v }];
      });
    const r = `round ${i + 1}`;
    work.push({
      bench: 'cycle',
      comparison: `cold cycle, ${r}`,
      unit: 'documents answered 200',
      arms: arms((p) => p.s200, 'cold'),
      expected: n,
    });
    work.push({
      bench: 'cycle',
      comparison: `cold cycle, ${r}`,
      unit: 'entries stored',
      arms: arms(
        (p) => p.stored,
        'cold',
        ARMS.filter((a) => a !== 'plain'),
      ),
      expected: n * ITEMS_PER_FEED,
    });
    work.push({
      bench: 'cycle',
      comparison: `cold cycle, ${r}`,
      unit: 'body bytes received',
      arms: arms(
        (p) => p.bytes,
        'cold',
        ARMS.filter((a) => a !== 'naive' && a !== 'required'),
      ),
      expected: servedBytes,
    });
    work.push({
      bench: 'cycle',
      comparison: `cold cycle, ${r}`,
      unit: 'failed sources',
      arms: arms((p) => p.failed, 'cold'),
      expected: 0,
    });
    work.push({
      bench: 'cycle',
      comparison: `all-304 cycle, ${r}`,
      unit: 'documents answered 304',
      arms: arms((p) => p.s304, 'warm'),
      expected: n,
    });
  });
  return { rows, work };
}

function argText(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (isMain(import.meta.url)) {
  const r = await runCycleBench({
    sources: argValue('--sources'),
    rounds: argValue('--rounds'),
    base: argText('--base'),
  });
  printRows(r.rows);
  if (!reportWork(r.work)) process.exitCode = 1;
}
