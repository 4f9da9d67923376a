// A cycle of 1,000 sources served by a loopback node:http server (distinct paths, one host), cold (200 with
// ETag) and then all-304, through the real runCycle with a temp config and SQLite file, vs a plain concurrent
// fetch of the same URLs (global fetch, same concurrency, bodies read) in the same run.
//
// The server runs in a child process (this file with --serve) so its buffers and CPU are not charged to the
// client's memory figures; on 2 cores client and server each get one.
//
//   node --import tsx bench/cycle.ts [--sources N] [--items N] [--rounds N]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { loadConfig } from '../src/config/index.ts';
import { openStore } from '../src/store/index.ts';
import { createWorkerDeps } from '../src/worker/deps.ts';
import { runCycle } from '../src/worker/index.ts';
import type { CycleReport } from '../src/worker/index.ts';
import { generateDocument } from './ingest.ts';
import { isMain, mb, median, memorySampler, printRows, row, settle, type MemoryPeak, type Row } from './report.ts';

const CONCURRENCY = 64;
/** config/wireroom.yaml caps per_host at 32; the bench raises it in memory after loading (said in the output). */
const PER_HOST = 64;

// ---------------------------------------------------------------------------------------------------------
// Server side (child process)

/** The documents the server serves; the client makes the same bytes again (same `now`) to time the parser. */
function documents(sources: number, items: number, now: number): Buffer[] {
  return Array.from({ length: sources }, (_, i) => generateDocument(100_000 + i, i % 3 === 2 ? 'atom' : 'rss', items, now).body);
}

function serve(sources: number, items: number, now: number): void {
  const docs = documents(sources, items, now);
  const etag = (i: number) => `"feed-${i}-v1"`;
  const server = http.createServer((req, res) => {
    const m = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? '');
    const i = m ? Number(m[1]) : -1;
    const body = docs[i];
    if (!body) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === etag(i)) return void res.writeHead(304, { ETag: etag(i) }).end();
    res.writeHead(200, {
      'Content-Type': i % 3 === 2 ? 'application/atom+xml' : 'application/rss+xml; charset=utf-8',
      'Content-Length': body.length,
      ETag: etag(i),
      'Last-Modified': 'Mon, 02 Jan 2023 10:00:00 GMT',
    });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    const bytes = docs.reduce((n, d) => n + d.length, 0);
    process.send!({ port: (server.address() as AddressInfo).port, bytes });
  });
  process.on('disconnect', () => process.exit(0));
}

async function startServer(sources: number, items: number, now: number): Promise<{ port: number; bytes: number; child: ChildProcess }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', String(sources), String(items), String(now)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<{ port: number; bytes: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; bytes: number }));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { ...info, child };
}

// ---------------------------------------------------------------------------------------------------------
// Client side

/** The baseline: `concurrency` workers pulling URLs off one list, global fetch, bodies read in full. */
async function plainFetch(urls: string[], concurrency: number, etags?: Map<string, string>) {
  const got = new Map<string, string>();
  const statuses = new Map<number, number>();
  let bytes = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const url = urls[next++];
        if (!url) return;
        const tag = etags?.get(url);
        const res = await fetch(url, { headers: { 'User-Agent': 'bench', ...(tag && { 'If-None-Match': tag }) } });
        const body = await res.arrayBuffer();
        bytes += body.byteLength;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const e = res.headers.get('etag');
        if (e) got.set(url, e);
      }
    }),
  );
  return { ms: performance.now() - t0, etags: got, statuses, bytes };
}

function statusCounts(r: CycleReport): string {
  const c: Record<string, number> = {};
  for (const s of r.sources) c[s.status] = (c[s.status] ?? 0) + 1;
  return Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function counts(m: Map<number, number>): string {
  return [...m].map(([k, v]) => `${k} x${v}`).join(', ');
}

export interface CycleBenchOptions {
  sources?: number;
  items?: number;
  rounds?: number;
}

interface Measured<T> {
  value: T;
  ms: number;
  peak: MemoryPeak;
}

async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  settle();
  const mem = memorySampler(10);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  return { value, ms, peak: mem.stop() };
}

export async function runCycleBench(opts: CycleBenchOptions = {}): Promise<Row[]> {
  const n = opts.sources ?? 1000;
  const items = opts.items ?? 20;
  const rounds = opts.rounds ?? 2;
  const now = Date.now();
  const server = await startServer(n, items, now);
  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-cycle-'));
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.0.1:${server.port}/feeds/${i}.xml`);
  console.log(
    `cycle: ${n} sources on one loopback node:http server (child process, distinct paths), ${items} items per feed ` +
      `(~${Math.round(server.bytes / n / 1024)} KB, ${(server.bytes / 1024 / 1024).toFixed(0)} MB in all), ${rounds} rounds, median reported`,
  );
  console.log(
    `  concurrency ${CONCURRENCY} for both; runCycle: fetch.concurrency ${CONCURRENCY}, fetch.per_host raised to ${PER_HOST} in memory ` +
      `(wireroom.yaml allows at most 32; every source is on 127.0.0.1, so per_host is the limit that binds)`,
  );
  console.log('  runCycle = fetch + parse + normalize + keys + one transaction per source into a fresh temp SQLite file; baseline = global fetch (undici), bodies read, same URLs, If-None-Match on the 304 pass');

  try {
    // Warm-up: connections, JIT on both paths (a small cycle into a throwaway database).
    await plainFetch(urls, CONCURRENCY);
    const res: {
      baseCold: Measured<unknown>[];
      cycleCold: Measured<CycleReport>[];
      base304: Measured<unknown>[];
      cycle304: Measured<CycleReport>[];
    } = { baseCold: [], cycleCold: [], base304: [], cycle304: [] };

    for (let r = -1; r < rounds; r++) {
      const dir = path.join(root, `round-${r}`);
      const configDir = path.join(dir, 'config');
      mkdirSync(configDir, { recursive: true });
      const some = r < 0 ? urls.slice(0, 100) : urls;
      writeFileSync(
        path.join(configDir, 'wireroom.yaml'),
        `schedule:\n  run_on_start: false\nfetch:\n  concurrency: ${CONCURRENCY}\n  per_host: 32\n  timeout_seconds: 60\n  allow_private: ["127.0.0.1"]\n`,
      );
      writeFileSync(path.join(configDir, 'sources.yaml'), `sources:\n${some.map((u, i) => `  - { id: s${i}, url: "${u}" }`).join('\n')}\n`);
      const config = loadConfig(configDir);
      config.fetch.perHost = PER_HOST;
      const store = openStore(path.join(dir, 'db', 'bench.sqlite'));
      const deps = createWorkerDeps(config, store);
      try {
        if (r < 0) {
          await runCycle(deps, { force: true });
          await runCycle(deps, { force: true });
          continue;
        }
        const bc = await measure(() => plainFetch(urls, CONCURRENCY));
        const cc = await measure(() => runCycle(deps, { force: true }));
        res.baseCold.push(bc);
        res.cycleCold.push(cc);
        // The 304 pass is short and noisy: three alternating pairs per round.
        let b3!: Measured<Awaited<ReturnType<typeof plainFetch>>>;
        let c3!: Measured<CycleReport>;
        for (let k = 0; k < 3; k++) {
          b3 = await measure(() => plainFetch(urls, CONCURRENCY, bc.value.etags));
          c3 = await measure(() => runCycle(deps, { force: true }));
          res.base304.push(b3);
          res.cycle304.push(c3);
        }
        const entries = cc.value.sources.reduce((s, x) => s + x.new, 0);
        console.log(
          `  round ${r + 1}: plain cold ${(bc.ms / 1000).toFixed(2)} s [${counts(bc.value.statuses)}], cycle cold ${(cc.ms / 1000).toFixed(2)} s [${statusCounts(cc.value)}; ${entries} entries stored]; ` +
            `plain 304 ${(b3.ms / 1000).toFixed(2)} s (last of 3) [${counts(b3.value.statuses)}], cycle 304 ${(c3.ms / 1000).toFixed(2)} s (last of 3) [${statusCounts(c3.value)}]`,
        );
        const bad = [...cc.value.sources, ...c3.value.sources].filter((s) => s.status === 'error');
        if (bad.length) console.log(`  errors: ${bad.slice(0, 3).map((s) => s.error).join('; ')}`);
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }

    const t = (xs: Measured<unknown>[]) => median(xs.map((x) => x.ms)) / 1000;
    const peak = (xs: Measured<unknown>[]) => ({ rss: Math.max(...xs.map((x) => x.peak.rss)), heapUsed: Math.max(...xs.map((x) => x.peak.heapUsed)) });
    const coldEntries = res.cycleCold[0]!.value.sources.reduce((s, x) => s + x.new, 0);
    const fetchShare = t(res.baseCold);
    console.log(
      `  the cold cycle ingests ${coldEntries} entries: at ${((t(res.cycleCold) - fetchShare) * 1e6 / coldEntries).toFixed(0)} µs per entry beyond the plain fetch time, ` +
        `ingest (parse, sanitize, store) is ${(((t(res.cycleCold) - fetchShare) / t(res.cycleCold)) * 100).toFixed(0)}% of the cycle; see the ingest bench for the per-stage split`,
    );
    const parse = await parseAlone(documents(n, items, now), server.bytes);
    console.log(
      `  rss-parser parseString alone (default options, one after another, after the rounds) over the ${n} served documents: ${parse.toFixed(2)} s, ` +
        `${(parse / t(res.baseCold)).toFixed(2)}x the plain cold fetch (the cold cycle's budget is 2x)`,
    );
    const pc = peak(res.cycleCold);
    const p3 = peak(res.cycle304);
    const pb = peak(res.baseCold);
    console.log(
      `  peak memory (sampled every 10 ms): cycle cold rss ${mb(pc.rss)} / heapUsed ${mb(pc.heapUsed)}; cycle 304 rss ${mb(p3.rss)} / heapUsed ${mb(p3.heapUsed)}; ` +
        `plain fetch cold rss ${mb(pb.rss)} / heapUsed ${mb(pb.heapUsed)}; process max rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    return [
      row({ bench: 'cycle', figure: `cold cycle, ${n} sources`, value: t(res.cycleCold), unit: 's', baseline: t(res.baseCold), baselineLabel: 'plain fetch', target: { op: '<=', value: 2 } }),
      row({ bench: 'cycle', figure: `rss-parser parseString alone, ${n} docs`, value: parse, unit: 's', baseline: t(res.baseCold), baselineLabel: 'plain fetch' }),
      row({ bench: 'cycle', figure: `all-304 cycle, ${n} sources`, value: t(res.cycle304), unit: 's', baseline: t(res.base304), baselineLabel: 'plain fetch', target: { op: '<=', value: 1.5 } }),
      row({ bench: 'cycle', figure: 'peak rss, cold cycle', value: pc.rss / 1024 / 1024, unit: 'MB', baseline: pb.rss / 1024 / 1024, baselineLabel: 'plain fetch' }),
      row({ bench: 'cycle', figure: 'peak heapUsed, cold cycle', value: pc.heapUsed / 1024 / 1024, unit: 'MB', baseline: pb.heapUsed / 1024 / 1024, baselineLabel: 'plain fetch' }),
      row({ bench: 'cycle', figure: 'peak rss, 304 cycle', value: p3.rss / 1024 / 1024, unit: 'MB' }),
    ];
  } finally {
    server.child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Seconds rss-parser's parseString takes over `docs` (decoded beforehand), one document after another. */
async function parseAlone(docs: Buffer[], servedBytes: number): Promise<number> {
  const bytes = docs.reduce((sum, d) => sum + d.length, 0);
  if (bytes !== servedBytes) throw new Error(`parse timing: ${bytes} bytes regenerated, the server serves ${servedBytes}`);
  const texts = docs.map((d) => d.toString('utf8'));
  const parser = new Parser();
  settle();
  const t0 = performance.now();
  for (const text of texts) await parser.parseString(text);
  return (performance.now() - t0) / 1000;
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (process.argv[2] === '--serve') {
  serve(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]));
} else if (isMain(import.meta.url)) {
  const rows = await runCycleBench({ sources: argValue('--sources'), items: argValue('--items'), rounds: argValue('--rounds') });
  printRows(rows);
}
