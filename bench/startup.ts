// CLI start and the idle process (issue #14), each beside plain node started in the same run:
//
//   wireroom --help, wireroom items --limit 5   spawn to exit, median of N rounds, beside `node -e 0`; the three
//                                               commands run in turn each round (rotated), so load that comes and
//                                               goes falls on all of them alike
//   idle RSS of `npm start`                     the command of package.json's `start` script (environment, node flags)
//                                               on the shipped config/, its sources swapped for as many loopback
//                                               feeds (make-feeds documents); VmRSS from /proc some seconds after its
//                                               first cycle, beside `node -e "setInterval(() => {}, 1000)"`
//
// Both run bin/wireroom.js as users do, on the compiled dist/ (rebuilt first when src/ is newer).
//
//   node --import tsx bench/startup.ts [--rounds N]
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildDist from '../tests/helpers/build-dist.ts';
import {
  isMain,
  leadingEnv,
  median,
  printRows,
  reportWork,
  row,
  type BenchResult,
  type Row,
  type WorkCheck,
} from './report.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_BENCH = path.resolve(REPO_ROOT, '../shared/bench');
const CACHE = path.join(REPO_ROOT, '.bench-cache');
const BIN = path.join(REPO_ROOT, 'bin/wireroom.js');
/** make-feeds.py writes 20 items per document. */
const ITEMS_PER_FEED = 20;
/** How long the process sits idle after its first cycle before its RSS is read (prepare threads stop after 10 s). */
const IDLE_WAIT_MS = 15_000;
const MB_KB = 1024;

/** make-feeds.py's N documents, generated once into .bench-cache/ (the same cache bench/cycle.ts uses). */
function feedsDir(n: number): string {
  const dir = path.join(CACHE, `make-feeds-${n}-seed7`);
  if (existsSync(dir) && readdirSync(dir).length === n) return dir;
  mkdirSync(CACHE, { recursive: true });
  const tmp = mkdtempSync(path.join(CACHE, 'tmp-'));
  const r = spawnSync('python3', [path.join(SHARED_BENCH, 'make-feeds.py'), String(n), tmp, '7'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-feeds.py failed: ${r.stderr || r.error?.message}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/** Serves every file of `dir` from memory with a content ETag, on 127.0.0.1. */
async function fileServer(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  const files = new Map<string, { body: Buffer; etag: string }>();
  for (const f of readdirSync(dir)) {
    const body = readFileSync(path.join(dir, f));
    files.set(`/${f}`, { body, etag: `"${createHash('md5').update(body).digest('hex')}"` });
  }
  const server = http.createServer((req, res) => {
    const file = files.get((req.url ?? '').split('?')[0] ?? '');
    if (!file) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === file.etag) return void res.writeHead(304, { etag: file.etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: file.etag }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/**
 * A project folder: the shipped config/ as it is (schedule, ingest.threads: auto, ...), with loopback allowed and
 * its sources replaced by as many loopback feeds; the database in its db/ as the config says.
 */
function project(feedPort: number, feeds: string[]): { root: string; config: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-startup-'));
  const config = path.join(root, 'config');
  cpSync(path.join(REPO_ROOT, 'config'), config, { recursive: true });
  const main = readFileSync(path.join(config, 'wireroom.yaml'), 'utf8');
  if (!/^ {2}allow_private: \[\]/m.test(main)) throw new Error('config/wireroom.yaml: no `allow_private: []` to edit');
  writeFileSync(
    path.join(config, 'wireroom.yaml'),
    main.replace(/^ {2}allow_private: \[\]/m, '  allow_private: ["127.0.0.1"]'),
  );
  const sources = feeds.map((f, i) => `  - id: s${i}\n    url: http://127.0.0.1:${feedPort}/${f}\n`).join('');
  writeFileSync(path.join(config, 'sources.yaml'), `sources:\n${sources}`);
  return { root, config };
}

/** The number of sources the shipped config/sources.yaml lists. */
function shippedSourceCount(): number {
  return readFileSync(path.join(REPO_ROOT, 'config/sources.yaml'), 'utf8').match(/^\s*- id:/gm)?.length ?? 0;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Idle {
  rssKb: number;
  /** RSS right after the first cycle, before the idle wait. */
  afterCycleKb: number;
  hwmKb: number;
  entriesNew: number;
}

/**
 * package.json's `start` script as environment and node arguments:
 * `NAME=VALUE node --flag bin/wireroom.js run` -> {NAME: VALUE}, [--flag, BIN, run].
 */
function startScript(): { env: Record<string, string>; args: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const { env, rest } = leadingEnv(pkg.scripts.start.trim().split(/\s+/));
  const [node, ...args] = rest;
  if (node !== 'node' || !args.includes('bin/wireroom.js'))
    throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return { env, args: args.map((a) => (a === 'bin/wireroom.js' ? BIN : a)) };
}

/** `npm start`'s command until its first cycle is done and it has sat idle IDLE_WAIT_MS; then SIGTERM. */
async function idleRun(config: string): Promise<Idle> {
  const port = await freePort();
  const start = startScript();
  const child = spawn(process.execPath, [...start.args, '--port', String(port)], {
    cwd: path.dirname(config),
    env: { ...process.env, ...start.env, WIREROOM_CONFIG: config, WIREROOM_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let done = false;
  void exited.then(() => (done = true));
  try {
    const end = Date.now() + 180_000;
    let cycle: { entriesNew?: number } | undefined;
    while (!cycle) {
      if (done) throw new Error(`wireroom run exited before its first cycle: ${log}`);
      if (Date.now() > end) throw new Error(`no "cycle done" within 180 s: ${log}`);
      const line = log.split('\n').find((l) => l.includes('"msg":"cycle done"'));
      if (line) cycle = JSON.parse(line) as { entriesNew?: number };
      else await sleep(50);
    }
    const pid = child.pid!;
    const afterCycleKb = statusKb(pid, 'VmRSS');
    await sleep(IDLE_WAIT_MS);
    if (done) throw new Error(`wireroom run exited while idle: ${log}`);
    return {
      rssKb: statusKb(pid, 'VmRSS'),
      afterCycleKb,
      hwmKb: statusKb(pid, 'VmHWM'),
      entriesNew: cycle.entriesNew ?? 0,
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** RSS of a node process that does nothing but stay alive, read after the same kind of settling. */
async function idleNodeKb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await sleep(2_000);
    return statusKb(child.pid!, 'VmRSS');
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

interface Timed {
  label: string;
  args: string[];
  ms: number[];
  stdout: string;
}

/** Spawn-to-exit times, rounds interleaved: each round runs every command once, in a rotated order. */
function timeCommands(cmds: Timed[], rounds: number, cwd: string): void {
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cmds.length; k++) {
      const c = cmds[(k + r) % cmds.length]!;
      const t0 = performance.now();
      const p = spawnSync(process.execPath, c.args, { cwd, encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (p.status !== 0) throw new Error(`${c.label} exited ${p.status}: ${p.stderr}`);
      c.ms.push(ms);
      c.stdout = p.stdout;
    }
  }
}

export async function runStartupBench(opts: { rounds?: number; log?: (l: string) => void } = {}): Promise<BenchResult> {
  const rounds = opts.rounds ?? 10;
  const log = opts.log ?? ((l: string) => console.log(l));
  await buildDist();
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'))) throw new Error('no dist/cli/main.js: npm run build');
  const n = shippedSourceCount();
  const dir = feedsDir(n);
  const feeds = readdirSync(dir).sort();
  const server = await fileServer(dir);
  const proj = project(server.port, feeds);
  const rows: Row[] = [];
  const work: WorkCheck[] = [];
  try {
    log(
      `  npm start on the shipped config with ${n} loopback sources: first cycle, then ${IDLE_WAIT_MS / 1000} s idle`,
    );
    const idle = await idleRun(proj.config);
    const nodeKb = await idleNodeKb();
    const idleNote =
      `right after the first cycle ${(idle.afterCycleKb / MB_KB).toFixed(0)} MB, peak (VmHWM) ` +
      `${(idle.hwmKb / MB_KB).toFixed(0)} MB; ingest.threads: auto`;
    rows.push(
      row({
        bench: 'startup',
        figure: 'npm start, idle after its first cycle: RSS',
        value: idle.rssKb / MB_KB,
        unit: 'MB',
        baseline: nodeKb / MB_KB,
        baselineLabel: 'idle node',
        note: idleNote,
      }),
      row({
        bench: 'startup',
        figure: 'npm start, idle RSS (at most 150 MB)',
        value: idle.rssKb / MB_KB,
        unit: 'MB',
        target: { op: '<=', value: 150 },
      }),
    );
    work.push({
      bench: 'startup',
      comparison: 'npm start, idle RSS',
      unit: 'entries stored in the first cycle',
      arms: [{ arm: 'wireroom run', done: idle.entriesNew }],
      expected: n * ITEMS_PER_FEED,
    });

    // The database the run left: `items` reads real entries.
    const db = ['--config', proj.config];
    const cmds: Timed[] = [
      { label: 'node -e 0', args: ['-e', '0'], ms: [], stdout: '' },
      { label: 'wireroom --help', args: [BIN, ...db, '--help'], ms: [], stdout: '' },
      { label: 'wireroom items --limit 5', args: [BIN, ...db, 'items', '--limit', '5'], ms: [], stdout: '' },
    ];
    log(`  start times: ${rounds} rounds of ${cmds.map((c) => c.label).join(', ')}`);
    timeCommands(cmds, rounds, proj.root);
    const [plain, help, items] = cmds.map((c) => median(c.ms)) as [number, number, number];
    for (const [label, ms, limit] of [
      ['wireroom --help', help, 300],
      ['wireroom items --limit 5', items, 500],
    ] as const) {
      rows.push(
        row({ bench: 'startup', figure: label, value: ms, unit: 'ms', baseline: plain, baselineLabel: 'node -e 0' }),
        row({
          bench: 'startup',
          figure: `${label} (at most ${limit} ms)`,
          value: ms,
          unit: 'ms',
          target: { op: '<=', value: limit },
        }),
      );
    }
    work.push({
      bench: 'startup',
      comparison: 'wireroom items --limit 5',
      unit: 'entries listed',
      arms: [{ arm: 'wireroom items', done: cmds[2]!.stdout.trim().split('\n').length - 1 }],
      expected: 5,
    });
  } finally {
    await server.close();
    rmSync(proj.root, { recursive: true, force: true });
  }
  return { rows, work };
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--rounds');
  const r = await runStartupBench({ rounds: i > 0 ? Number(process.argv[i + 1]) : undefined });
  printRows(r.rows);
  if (!reportWork(r.work)) process.exitCode = 1;
}
