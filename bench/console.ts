// The console and API (issue #12, "Speed"): each figure beside a baseline from the same run.
//
//   - the entries list, as the console page (/console/entries?country=PE) and the API
//     (GET /api/v1/entries?country=PE&limit=50), with 1,000,000 stored entries against 10,000;
//   - the sources dashboard (/console/sources) with 10,000 sources against 100;
//   - GET /api/v1/entries requests per second against the curated JSON feed of the same filter (/feeds/country/pe.json).
//
// The stores are the feeds bench's (bench/feeds.ts generate: a country tag on every entry, PE on 1 in 50), built once
// per size into .bench-cache/ and copied. Each arm is a server process of its own (bench/console-server.ts, wired as
// `wireroom run` wires the console: src/cli/serving.ts listen) whose peak memory (VmHWM) is reported; the client
// (latency loops and autocannon) is this process, on the same machine. An admin account and a read token are added
// to each copy; the console is signed in through POST /console/login as tests/web/harness.ts does.
//
//   node --import tsx bench/console.ts [--big N] [--small N] [--sources N] [--few-sources N] [--seconds S] [--profile]
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, cannon, CONNECTIONS, mean, type Cannon } from './cannon.ts';
import { addUser, cliActor, issueToken } from '../src/auth/index.ts';
import { encodeCursor } from '../src/publish/index.ts';
import { MIGRATIONS_DIR } from '../src/store/db.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { FormClient, PASSWORD } from '../tests/web/form-client.ts';
import { generate } from './feeds.ts';
import {
  isMain,
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

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const CACHE = path.join(REPO_ROOT, '.bench-cache');
/** Cached stores are rebuilt when this changes (or when a migration they were built with changed since). */
const STORE_VERSION = 1;

type Log = (line: string) => void;

// ---------------------------------------------------------------------------------------------------------
// Stores: bench/feeds.ts's generator, cached per size with the migrations it was built under.

function migrationHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    out[f] = createHash('sha256')
      .update(readFileSync(path.join(MIGRATIONS_DIR, f)))
      .digest('hex')
      .slice(0, 16);
  }
  return out;
}

/**
 * The cached store of `n` generated entries (built on first use). A cache built under migrations that have changed
 * since is rebuilt; migrations added since are applied to each copy when it is opened.
 */
export function cachedEntriesStore(n: number, log: Log): { file: string; built: boolean } {
  const file = path.join(CACHE, `console-entries-${n}-v${STORE_VERSION}.sqlite`);
  const meta = `${file}.migrations.json`;
  const now = migrationHashes();
  if (existsSync(file) && existsSync(meta)) {
    const then = JSON.parse(readFileSync(meta, 'utf8')) as Record<string, string>;
    const changed = Object.entries(then).filter(([f, h]) => now[f] !== h);
    if (changed.length === 0) return { file, built: false };
    log(`console: cached store ${path.basename(file)} was built under other migrations (${changed.map((c) => c[0])})`);
  }
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const t0 = performance.now();
  log(`console: building ${n.toLocaleString('en-US')} entries once into ${path.relative(process.cwd(), file)}`);
  const store = generate(tmp, n);
  const applied = store.db.pragma('user_version', { simple: true }) as number;
  store.db.pragma('journal_mode = DELETE');
  store.close();
  const used = Object.fromEntries(Object.entries(now).filter(([f]) => Number(f.slice(0, 3)) <= applied));
  rmSync(meta, { force: true });
  renameSync(tmp, file);
  writeFileSync(meta, JSON.stringify(used, null, 1));
  log(`console: built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { file, built: true };
}

// ---------------------------------------------------------------------------------------------------------
// One arm's copy: the cached store with an admin account, a read token and (for the dashboard) source states, and
// a config folder whose sources.yaml lists the sources.

const USER = 'bench';
const SOURCE_URL = (i: number) => `https://src${i}.example/feed.xml`;
const sourceId = (i: number) => `src${i}`;
/** The feeds generator's sources (src0..src199), every entry belonging to one. */
export const GENERATED_SOURCES = 200;

export interface PreparedArm {
  name: string;
  dir: string;
  configDir: string;
  token: string;
  /** Sources listed in sources.yaml. */
  listed: number;
}

/** Fetch state for sources 0..n-1 as a worker would have left it: mostly ok, some failing, gone, new, disabled. */
function writeSourceStates(store: Store, n: number): void {
  const db = store.db;
  const at = (minutesAgo: number) => new Date(Date.parse('2025-01-01T00:00:00Z') - minutesAgo * 60_000).toISOString();
  const insSource = db.prepare('INSERT OR IGNORE INTO sources (id, url, created_at) VALUES (?, ?, ?)');
  const setState = db.prepare(
    `UPDATE sources SET status = ?, title = ?, site_url = ?, last_error = ?, last_error_code = ?, error_count = ?,
       last_fetch_at = ?, last_success_at = ?, next_fetch_at = ? WHERE id = ?`,
  );
  const log = db.prepare(
    `INSERT INTO fetch_log (source_id, started_at, duration_ms, status, http_status, bytes, new_count, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = sourceId(i);
      insSource.run(id, SOURCE_URL(i), at(60 * 24 * 90));
      const kind = i % 20;
      if (kind === 19) continue; // never fetched: status new, no fetch log
      // 16, 17 error; 18 gone; 14, 15 not modified; the rest ok.
      const status = (['error', 'error', 'gone'] as const)[kind - 16] ?? (kind >= 14 ? 'not-modified' : 'ok');
      const failing = kind >= 16;
      const failure = status === 'gone' ? { http: 410, text: 'HTTP 410 Gone', code: 'gone' } : undefined;
      const fail = failure ?? { http: 503, text: 'HTTP 503 Service Unavailable', code: 'http' };
      const errors = failing ? 1 + (i % 5) : 0;
      const lastSuccess = at(failing ? 60 * (errors + 1) : 15 + (i % 15));
      // Ten fetches each, every 15 minutes; a failing source's last `errors` of them failed.
      for (let f = 9; f >= 0; f--) {
        const bad = failing && f < errors;
        log.run(
          id,
          at(f * 15 + (i % 15)),
          120 + (i % 400),
          bad ? status : 'ok',
          bad ? fail.http : 200,
          bad ? 0 : 20_000 + (i % 1000),
          bad ? 0 : i % 3,
          bad ? fail.text : null,
        );
      }
      setState.run(
        status,
        `Source number ${i}`,
        `https://src${i}.example/`,
        failing ? fail.text : null,
        failing ? fail.code : null,
        errors,
        at(i % 15),
        lastSuccess,
        at(-15 + (i % 15)),
        id,
      );
    }
  })();
}

function writeConfig(configDir: string, db: string, listed: number): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, 'wireroom.yaml'),
    `site:\n  base_url: http://127.0.0.1:8080/\nschedule:\n  run_on_start: false\ndatabase:\n  path: ${db}\n`,
  );
  const lines: string[] = [];
  for (let i = 0; i < listed; i++) {
    lines.push(`  - id: ${sourceId(i)}`, `    url: ${SOURCE_URL(i)}`, `    title: Source number ${i}`);
    if (i % 7 === 0) lines.push(`    country: ${i % 2 ? 'PE' : 'latin-america'}`);
    if (i % 25 === 24) lines.push('    enabled: false');
  }
  writeFileSync(path.join(configDir, 'sources.yaml'), `# ${listed} sources\nsources:\n${lines.join('\n')}\n`);
}

export async function prepareArm(
  root: string,
  name: string,
  cacheFile: string,
  opts: { listed: number; states: boolean },
): Promise<PreparedArm> {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'db.sqlite');
  copyFileSync(cacheFile, db);
  const store = openStore(db); // applies migrations newer than the cache
  try {
    const actor = cliActor('bench');
    await addUser(store, actor, { name: USER, role: 'admin', password: PASSWORD });
    const token = issueToken(store, actor, { name: 'bench', user: USER, scopes: ['read'] }).token;
    if (opts.states) writeSourceStates(store, opts.listed);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const configDir = path.join(dir, 'config');
    writeConfig(configDir, db, opts.listed);
    return { name, dir, configDir, token, listed: opts.listed };
  } finally {
    store.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Server processes

export interface ArmServer {
  name: string;
  base: string;
  pid: number;
  done: Promise<ChildRun>;
}

export async function startArm(arm: PreparedArm, profileDir?: string): Promise<ArmServer> {
  const portFile = path.join(arm.dir, 'port.json');
  rmSync(portFile, { force: true }); // an earlier server's, on an arm started again
  const prof = profileDir
    ? // A folder per arm, node's own file names: each thread (tsx's loader thread too) writes a profile of its own;
      // the main thread's is the biggest.
      ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, arm.name)]
    : [];
  let exited: ChildRun | undefined;
  const done = runNodeChild(
    ['--import', 'tsx', ...prof],
    [path.join(HERE, 'console-server.ts'), arm.configDir, portFile],
    { cwd: REPO_ROOT },
  ).then((r) => (exited = r));
  const t0 = performance.now();
  while (!existsSync(portFile)) {
    if (exited) throw new Error(`console: server ${arm.name} exited ${exited.code}: ${exited.stderr.slice(-2000)}`);
    if (performance.now() - t0 > 300_000) throw new Error(`console: server ${arm.name} did not start in 300 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const { url, pid } = JSON.parse(readFileSync(portFile, 'utf8')) as { url: string; pid: number };
  return { name: arm.name, base: url.replace(/\/$/, ''), pid, done };
}

export async function stopArm(s: ArmServer): Promise<ChildRun> {
  process.kill(s.pid, 'SIGTERM');
  const run = await s.done;
  if (run.code !== 0) throw new Error(`console: server ${s.name} exited ${run.code}: ${run.stderr.slice(-2000)}`);
  const warnings = (JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { warnings?: string[] }).warnings ?? [];
  for (const w of warnings) console.log(`  server ${s.name} warned: ${w}`);
  return run;
}

// ---------------------------------------------------------------------------------------------------------
// Client: sequential requests on a kept-alive connection, timed from send to the last body byte.

interface Timed {
  /** The first request of this URL since the server started (nothing cached yet for it). */
  firstMs: number;
  medianMs: number;
  p90Ms: number;
  n: number;
  /** Responses that failed the check (status, count, content), with the first reason. */
  bad: number;
  why?: string;
}

type Check = (status: number, body: string) => string | undefined;

interface Target {
  urlFor: (i: number) => string;
  headers: Record<string, string>;
  check: Check;
}

/**
 * Times sequential requests to each target, interleaved (a, b, b, a, a, b, ...): on a busy machine the load that
 * slows one arm slows the other alike, so their ratio holds better than if each ran alone after the other.
 */
async function timeRequests(targets: Target[], opts: { warm: number; n: number }): Promise<Timed[]> {
  const acc = targets.map(() => ({ times: [] as number[], bad: 0, why: undefined as string | undefined, firstMs: 0 }));
  for (let i = 0; i < opts.warm + opts.n; i++) {
    const order = i % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
    for (const k of order) {
      const t = targets[k]!;
      const a = acc[k]!;
      const t0 = performance.now();
      const res = await fetch(t.urlFor(i), { headers: t.headers, redirect: 'manual' });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (i === 0) a.firstMs = ms;
      const wrong = t.check(res.status, body);
      if (wrong) {
        a.bad++;
        a.why ??= wrong;
      }
      if (i >= opts.warm) a.times.push(ms);
    }
  }
  return acc.map((a) => {
    const sorted = [...a.times].sort((x, y) => x - y);
    return {
      firstMs: a.firstMs,
      medianMs: median(a.times),
      p90Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? 0,
      n: a.times.length,
      bad: a.bad,
      why: a.why,
    };
  });
}

/** Page one again under a paging token no two requests share: the same items, but no response cache can answer. */
function pageOneCursor(i: number): string {
  return encodeCursor({ publishedAt: new Date(Date.parse('2030-01-01T00:00:00Z') + i).toISOString(), id: 1e12 });
}

/** Entry ids an HTML page links to, in order, once each. */
function linkedIds(html: string, re: RegExp): string[] {
  return [...new Set([...html.matchAll(re)].map((m) => m[1]!))];
}
const ENTRY_LINK = /\/console\/entries\/(\d+)/g;
const SOURCE_LINK = /\/console\/sources\/(src\d+)/g;

interface ApiItem {
  id: number;
  tags?: { kind: string; value: string }[];
}

/** Checks an API page: 200, `want.length` items, each tagged country PE, and the very ids wanted (when known). */
function apiCheck(want: { ids?: number[]; count: number }): Check {
  return (status, body) => {
    if (status !== 200) return `status ${status}: ${body.slice(0, 200)}`;
    let items: ApiItem[];
    try {
      items = (JSON.parse(body) as { items: ApiItem[] }).items;
    } catch {
      return `not JSON: ${body.slice(0, 100)}`;
    }
    if (!Array.isArray(items) || items.length !== want.count) return `${items?.length} items, not ${want.count}`;
    const notPe = items.filter((it) => !it.tags?.some((t) => t.kind === 'country' && t.value === 'PE'));
    if (notPe.length) return `${notPe.length} items without country PE (first #${notPe[0]!.id})`;
    if (want.ids && items.some((it, k) => it.id !== want.ids![k])) return 'other items than page one';
    return undefined;
  };
}

/** Checks a console page: 200 and links to exactly the wanted ids (entries or sources), in order. */
function htmlCheck(re: RegExp, ids: string[]): Check {
  return (status, body) => {
    if (status !== 200) return `status ${status}: ${body.replace(/\s+/g, ' ').slice(0, 200)}`;
    const got = linkedIds(body, re);
    if (got.length !== ids.length) return `lists ${got.length} rows, not ${ids.length}`;
    if (got.some((id, k) => id !== ids[k])) return `other rows than expected (first ${got[0]}, want ${ids[0]})`;
    return undefined;
  };
}

const RPS_RUNS = 3;

/** RPS_RUNS alternating runs of each of two arms; each arm's figure is the mean of its runs. */
const alternateMean = (a: () => Promise<Cannon>, b: () => Promise<Cannon>) => alternate(a, b, RPS_RUNS, mean);

// ---------------------------------------------------------------------------------------------------------
// The arms

export const API_PATH = '/api/v1/entries?country=PE&limit=50';
export const PAGE_PATH = '/console/entries?country=PE';
export const FEED_PATH = '/feeds/country/pe.json';
export const DASHBOARD_PATH = '/console/sources';
const PAGE_SIZE = 50;

let cursorSeq = 0;
export const freshCursor = () => pageOneCursor(cursorSeq++);

export async function signIn(base: string): Promise<Record<string, string>> {
  const client = new FormClient(base);
  const res = await client.login(USER, PASSWORD);
  if (res.status !== 303) throw new Error(`console: sign-in answered ${res.status}, not 303`);
  return { cookie: client.cookieHeader() };
}

/** Page one of the entries tagged PE, newest first, straight from the store (what every arm must list). */
function pageOneIds(db: string): number[] {
  const store = openStore(db);
  try {
    return store.db
      .prepare<[], { id: number }>(
        `SELECT e.id FROM entries e JOIN entry_tags t ON t.entry_id = e.id AND t.kind = 'country' AND t.value = 'PE'
         ORDER BY e.published_at DESC, e.id DESC LIMIT ${PAGE_SIZE}`,
      )
      .all()
      .map((r) => r.id);
  } finally {
    store.close();
  }
}

interface EntriesFigures {
  apiSame: Timed;
  apiFresh: Timed;
  pageSame: Timed;
  pageFresh: Timed;
  peakRssKb: number;
}

interface RpsFigures {
  feed: Cannon;
  api: Cannon;
  feedFresh: Cannon;
  apiFresh: Cannon;
  feedItems: string;
  apiItems: string;
}

function feedCheck(ids: number[]): Check {
  return (status, body) => {
    if (status !== 200) return `status ${status}`;
    const items = (JSON.parse(body) as { items?: { url?: string }[] }).items ?? [];
    if (items.length !== ids.length) return `${items.length} items, not ${ids.length}`;
    if (items.some((it, k) => !it.url?.endsWith(`/a/${ids[k]}`))) return 'other items than page one';
    return undefined;
  };
}

/** Starts every arm's server (all running at once), signs in to each, runs `body`, stops them all. */
async function withServers<T>(
  arms: PreparedArm[],
  profileDir: string | undefined,
  body: (servers: { server: ArmServer; cookie: Record<string, string> }[]) => Promise<T>,
): Promise<{ result: T; runs: ChildRun[] }> {
  const servers: ArmServer[] = [];
  try {
    for (const arm of arms) servers.push(await startArm(arm, profileDir));
    const signed = [];
    for (const server of servers) signed.push({ server, cookie: await signIn(server.base) });
    const result = await body(signed);
    const runs: ChildRun[] = [];
    for (const server of servers.splice(0)) runs.push(await stopArm(server));
    return { result, runs };
  } finally {
    for (const server of servers) {
      process.kill(server.pid, 'SIGTERM');
      await server.done;
    }
  }
}

/** The entries page and API on two stores at once, requests interleaved; then requests/s on the last one. */
async function entriesArms(
  arms: { arm: PreparedArm; ids: number[] }[],
  o: { warm: number; rounds: number; seconds: number; profileDir?: string; log: Log },
): Promise<{ figures: EntriesFigures[]; rps: RpsFigures }> {
  const { result, runs } = await withServers(
    arms.map((a) => a.arm),
    o.profileDir,
    async (servers) => {
      const times = { warm: o.warm, n: o.rounds };
      const each = (make: (k: number) => Target) => servers.map((_, k) => make(k));
      const auth = (k: number) => ({ authorization: `Bearer ${arms[k]!.arm.token}` });
      const api = (k: number) => apiCheck({ ids: arms[k]!.ids, count: arms[k]!.ids.length });
      const html = (k: number) => htmlCheck(ENTRY_LINK, arms[k]!.ids.map(String));
      const base = (k: number) => servers[k]!.server.base;
      const names = arms.map((a) => a.arm.name).join(' and ');
      o.log(`console: ${names}, interleaved: API and page, ${o.warm} warm-up + ${o.rounds} timed requests each`);
      const apiSame = await timeRequests(
        each((k) => ({ urlFor: () => base(k) + API_PATH, headers: auth(k), check: api(k) })),
        times,
      );
      const apiFresh = await timeRequests(
        each((k) => ({
          urlFor: () => `${base(k)}${API_PATH}&before=${freshCursor()}`,
          headers: auth(k),
          check: api(k),
        })),
        times,
      );
      const cookie = (k: number) => servers[k]!.cookie;
      const pageSame = await timeRequests(
        each((k) => ({ urlFor: () => base(k) + PAGE_PATH, headers: cookie(k), check: html(k) })),
        times,
      );
      const pageFresh = await timeRequests(
        each((k) => ({
          urlFor: () => `${base(k)}${PAGE_PATH}&before=${freshCursor()}`,
          headers: cookie(k),
          check: html(k),
        })),
        times,
      );

      // Requests/s on the last (biggest) store: the API against the JSON feed of the same filter, alternating.
      const k = servers.length - 1;
      const one = async (p: string, h: Record<string, string>, check: Check) => {
        const r = await fetch(base(k) + p, { headers: h });
        return check(r.status, await r.text()) ?? 'page one';
      };
      const feedItems = await one(FEED_PATH, {}, feedCheck(arms[k]!.ids));
      const apiItems = await one(API_PATH, auth(k), api(k));
      o.log(
        `console: ${arms[k]!.arm.name}: requests/s, API against the JSON feed, ${o.seconds} s per run, ${RPS_RUNS} each`,
      );
      const [feed, apiC] = await alternateMean(
        () => cannon(base(k) + FEED_PATH, {}, o.seconds),
        () => cannon(base(k) + API_PATH, auth(k), o.seconds),
      );
      const [feedFresh, apiFreshC] = await alternateMean(
        () => cannon(base(k) + FEED_PATH, {}, o.seconds, () => `${FEED_PATH}?before=${freshCursor()}`),
        () => cannon(base(k) + API_PATH, auth(k), o.seconds, () => `${API_PATH}&before=${freshCursor()}`),
      );
      return {
        timed: servers.map((_, j) => ({
          apiSame: apiSame[j]!,
          apiFresh: apiFresh[j]!,
          pageSame: pageSame[j]!,
          pageFresh: pageFresh[j]!,
        })),
        rps: { feed, api: apiC, feedFresh, apiFresh: apiFreshC, feedItems, apiItems },
      };
    },
  );
  return {
    figures: result.timed.map((t, j) => ({ ...t, peakRssKb: runs[j]!.peakRssKb })),
    rps: result.rps,
  };
}

interface SourcesFigures {
  dashboard: Timed;
  peakRssKb: number;
}

/** The sources dashboard on each arm at once, requests interleaved. */
async function sourcesArms(
  arms: PreparedArm[],
  o: { warm: number; rounds: number; profileDir?: string; log: Log },
): Promise<SourcesFigures[]> {
  const { result, runs } = await withServers(arms, o.profileDir, async (servers) => {
    o.log(
      `console: ${arms.map((a) => a.name).join(' and ')}, interleaved: dashboard, ` +
        `${o.warm} warm-up + ${o.rounds} timed requests each`,
    );
    return timeRequests(
      servers.map(({ server, cookie }, k) => {
        // Sorted by id (the default): sources.yaml's ids in SQLite's binary order, the first page of them.
        const want = Array.from({ length: arms[k]!.listed }, (_, i) => sourceId(i))
          .sort()
          .slice(0, PAGE_SIZE);
        return { urlFor: () => server.base + DASHBOARD_PATH, headers: cookie, check: htmlCheck(SOURCE_LINK, want) };
      }),
      { warm: o.warm, n: o.rounds },
    );
  });
  return result.map((dashboard, k) => ({ dashboard, peakRssKb: runs[k]!.peakRssKb }));
}

// ---------------------------------------------------------------------------------------------------------

export interface ConsoleBenchOptions {
  /** Stored entries of the big entries arm, and of its baseline. */
  big?: number;
  small?: number;
  /** Sources listed on the big dashboard arm, and on its baseline. */
  sources?: number;
  fewSources?: number;
  /** Timed requests per latency figure (after `warm` untimed ones). */
  rounds?: number;
  warm?: number;
  /** Seconds per autocannon run (two runs per arm, alternating). */
  seconds?: number;
  /** Writes each server's CPU profiles (node --cpu-prof) into a folder per arm in this one. */
  profileDir?: string;
  log?: Log;
}

const n = (x: number) => x.toLocaleString('en-US');
const kb = (x: number) => x / 1024;

export async function runConsoleBench(opts: ConsoleBenchOptions = {}): Promise<BenchResult> {
  const log = opts.log ?? ((s: string) => console.error(s));
  const big = opts.big ?? 1_000_000;
  const small = opts.small ?? 10_000;
  const many = opts.sources ?? 10_000;
  const few = opts.fewSources ?? 100;
  const rounds = opts.rounds ?? 30;
  const warm = opts.warm ?? 5;
  const seconds = opts.seconds ?? 5;
  const profileDir = opts.profileDir ? path.resolve(opts.profileDir) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const root = mkdtempSync(path.join(os.tmpdir(), 'wireroom-bench-console-'));
  try {
    const smallCache = cachedEntriesStore(small, log).file;
    const bigCache = cachedEntriesStore(big, log).file;
    const listed = GENERATED_SOURCES;

    log(`console: copying the stores, adding an account, a token and source states`);
    const smallArm = await prepareArm(root, `entries-${small}`, smallCache, { listed, states: false });
    const bigArm = await prepareArm(root, `entries-${big}`, bigCache, { listed, states: false });
    const entries = await entriesArms(
      [
        { arm: smallArm, ids: pageOneIds(path.join(smallArm.dir, 'db.sqlite')) },
        { arm: bigArm, ids: pageOneIds(path.join(bigArm.dir, 'db.sqlite')) },
      ],
      { warm, rounds, seconds, profileDir, log },
    );
    const [s, b] = entries.figures as [EntriesFigures, EntriesFigures];
    rmSync(smallArm.dir, { recursive: true, force: true });
    rmSync(bigArm.dir, { recursive: true, force: true });

    // The dashboard over the small entries store: what varies is the number of sources listed (and their states).
    const fewArm = await prepareArm(root, `sources-${few}`, smallCache, { listed: few, states: true });
    const manyArm = await prepareArm(root, `sources-${many}`, smallCache, { listed: many, states: true });
    const [dFew, dMany] = (await sourcesArms([fewArm, manyArm], { warm, rounds, profileDir, log })) as [
      SourcesFigures,
      SourcesFigures,
    ];
    if (profileDir) log(`console: CPU profiles of each server in ${profileDir}`);

    const big_ = `${n(big)} entries`;
    const small_ = `${n(small)} entries`;
    const timing =
      `median of ${rounds} sequential requests after ${warm} warm-up, from a client on the same machine, ` +
      `both servers running, their requests interleaved`;
    const fresh = 'each request with its own paging token for page one (same items, no response cache can answer)';
    const rows: Row[] = [];
    const latency = (what: string, bigT: Timed, smallT: Timed, target: boolean, note?: string) => [
      row({
        bench: 'console',
        figure: `${what}, ${big_}`,
        value: bigT.medianMs,
        unit: 'ms',
        baseline: smallT.medianMs,
        baselineLabel: small_,
        target: target ? { op: '<=', value: 3 } : undefined,
        note,
      }),
    ];
    rows.push(
      ...latency(`GET ${PAGE_PATH}, uncached`, b.pageFresh, s.pageFresh, true, `${timing}; ${fresh}`),
      ...latency(`GET ${PAGE_PATH}, same URL repeated`, b.pageSame, s.pageSame, false),
      row({
        bench: 'console',
        figure: `GET ${PAGE_PATH}, first request after start, ${big_}`,
        value: b.pageSame.firstMs,
        unit: 'ms',
        baseline: s.pageSame.firstMs,
        baselineLabel: small_,
        note: 'one request each: noisy',
      }),
      ...latency(`GET ${API_PATH}, uncached`, b.apiFresh, s.apiFresh, true, `${timing}; ${fresh}`),
      ...latency(`GET ${API_PATH}, same URL repeated`, b.apiSame, s.apiSame, false),
      row({
        bench: 'console',
        figure: `GET ${API_PATH}, first request after start, ${big_}`,
        value: b.apiSame.firstMs,
        unit: 'ms',
        baseline: s.apiSame.firstMs,
        baselineLabel: small_,
      }),
    );
    const r = entries.rps;
    const load = `${CONNECTIONS} connections, autocannon in the bench process on the same machine, ${RPS_RUNS} runs of ${seconds} s each, alternating, mean`;
    rows.push(
      row({
        bench: 'console',
        figure: `GET ${API_PATH} (same URL), ${big_}`,
        value: r.api.rps,
        unit: 'req/s',
        baseline: r.feed.rps,
        baselineLabel: `JSON feed ${FEED_PATH}`,
        target: { op: '>=', value: 0.5 },
        note:
          `${load}; bytes per response: API ${(r.api.bytes / Math.max(1, r.api.total)).toFixed(0)}, ` +
          `feed ${(r.feed.bytes / Math.max(1, r.feed.total)).toFixed(0)}`,
      }),
      row({
        bench: 'console',
        figure: `GET ${API_PATH}, uncached (distinct paging token each), ${big_}`,
        value: r.apiFresh.rps,
        unit: 'req/s',
        baseline: r.feedFresh.rps,
        baselineLabel: 'JSON feed, uncached alike',
        target: { op: '>=', value: 0.5 },
        note:
          `${load}; bytes per response: API ${(r.apiFresh.bytes / Math.max(1, r.apiFresh.total)).toFixed(0)}, ` +
          `feed ${(r.feedFresh.bytes / Math.max(1, r.feedFresh.total)).toFixed(0)}`,
      }),
      row({
        bench: 'console',
        figure: `GET ${DASHBOARD_PATH}, ${n(many)} sources`,
        value: dMany.dashboard.medianMs,
        unit: 'ms',
        baseline: dFew.dashboard.medianMs,
        baselineLabel: `${n(few)} sources`,
        target: { op: '<=', value: 3 },
        note: `server time measured as the request's latency: ${timing}`,
      }),
      row({
        bench: 'console',
        figure: `GET ${DASHBOARD_PATH}, first request after start, ${n(many)} sources`,
        value: dMany.dashboard.firstMs,
        unit: 'ms',
        baseline: dFew.dashboard.firstMs,
        baselineLabel: `${n(few)} sources`,
        note: 'includes reading sources.yaml once; one request each: noisy',
      }),
      row({
        bench: 'console',
        figure: `server peak memory (VmHWM), entries arm, ${big_}`,
        value: kb(b.peakRssKb),
        unit: 'MB',
        baseline: kb(s.peakRssKb),
        baselineLabel: small_,
      }),
      row({
        bench: 'console',
        figure: `server peak memory (VmHWM), dashboard arm, ${n(many)} sources`,
        value: kb(dMany.peakRssKb),
        unit: 'MB',
        baseline: kb(dFew.peakRssKb),
        baselineLabel: `${n(few)} sources`,
      }),
    );

    const checked = (comparison: string, arms: [string, Timed][]): WorkCheck => {
      for (const [arm, t] of arms) if (t.why) log(`console: ${comparison}, ${arm}: ${t.bad} bad, first: ${t.why}`);
      return {
        bench: 'console',
        comparison,
        unit: 'responses failing the check (status 200, page one of the expected items)',
        arms: arms.map(([arm, t]) => ({ arm, done: t.bad })),
        expected: 0,
      };
    };
    const nonOk = (c: Cannon) => c.total - c.s2xx;
    const work: WorkCheck[] = [
      checked('entries page', [
        [`${small_} uncached`, s.pageFresh],
        [`${big_} uncached`, b.pageFresh],
        [`${small_} same URL`, s.pageSame],
        [`${big_} same URL`, b.pageSame],
      ]),
      checked('entries API', [
        [`${small_} uncached`, s.apiFresh],
        [`${big_} uncached`, b.apiFresh],
        [`${small_} same URL`, s.apiSame],
        [`${big_} same URL`, b.apiSame],
      ]),
      checked('sources dashboard', [
        [`${n(few)} sources`, dFew.dashboard],
        [`${n(many)} sources`, dMany.dashboard],
      ]),
      {
        bench: 'console',
        comparison: 'API vs JSON feed: a sampled response of each',
        unit: `checks failed (${PAGE_SIZE} items, page one)`,
        arms: [
          { arm: 'feed', done: r.feedItems === 'page one' ? 0 : 1 },
          { arm: 'API', done: r.apiItems === 'page one' ? 0 : 1 },
        ],
        expected: 0,
      },
      {
        bench: 'console',
        comparison: 'API vs JSON feed requests/s',
        unit: 'responses not 2xx',
        arms: [
          { arm: 'feed', done: nonOk(r.feed) },
          { arm: 'API', done: nonOk(r.api) },
          { arm: 'feed uncached', done: nonOk(r.feedFresh) },
          { arm: 'API uncached', done: nonOk(r.apiFresh) },
        ],
        expected: 0,
      },
    ];
    if (r.feedItems !== 'page one') log(`console: sampled feed response: ${r.feedItems}`);
    if (r.apiItems !== 'page one') log(`console: sampled API response: ${r.apiItems}`);
    return { rows, work };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const num_ = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
  const r = await runConsoleBench({
    big: num_('big'),
    small: num_('small'),
    sources: num_('sources'),
    fewSources: num_('few-sources'),
    rounds: num_('rounds'),
    seconds: num_('seconds'),
    profileDir: arg('profile'),
  });
  printRows(r.rows, 'console and API');
  if (!reportWork(r.work)) process.exitCode = 1;
}
