// Prometheus metrics (prom-client): what the worker's cycles did, how the server answers, and the process itself.
// The worker does not import this: `wireroom run` hands it each finished cycle (deps.onCycleDone -> observeCycle).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { WireroomConfig } from '../config/index.ts';
import { Store, sqliteFeedReader, type FeedReader } from '../store/index.ts';
import { healthSettings, overdueSources, type HealthSettings } from './health.ts';
import { routeKind, type RouteKind } from './router.ts';

/** What a finished cycle reports: the worker's CycleReport has this shape (http does not import the worker). */
export interface CycleObservation {
  durationMs: number;
  storiesMade: number;
  sources: readonly { status: string; errorCode?: string; new: number; updated: number }[];
}

export interface Metrics {
  readonly registry: Registry;
  /** Counts a finished cycle: its duration, each source's outcome, entries stored, stories made. */
  observeCycle(cycle: CycleObservation): void;
  /** Times one request to its response's end, counted by route kind and status. */
  timeRequest(req: IncomingMessage, res: ServerResponse, basePath: string): void;
}

/** Where /metrics is served, from server.metrics: behind a token on the public port, on a port of its own, or off. */
export function metricsPlacement(config: WireroomConfig): { publicToken?: string; port?: number; host: string } {
  const m = config.server.metrics;
  return { publicToken: m.token_sha256?.toLowerCase(), port: m.port, host: m.host };
}

export function metricsEnabled(config: WireroomConfig): boolean {
  const p = metricsPlacement(config);
  return p.publicToken !== undefined || p.port !== undefined;
}

/** Outcome label of one source's fetch: ok, not_modified, or its error class (timeout, dns, parse, gone...). */
export function outcomeLabel(source: CycleObservation['sources'][number]): string | undefined {
  if (source.status === 'ok') return 'ok';
  if (source.status === 'not-modified') return 'not_modified';
  if (source.status === 'error' || source.status === 'gone') return source.errorCode ?? source.status;
  // Skipped (the worker was stopping): nothing was fetched.
  return undefined;
}

/** Loads prom-client only here: a process with metrics off (and every other command) never pays for it. */
export async function createMetrics(opts: {
  store: Store | FeedReader;
  config: WireroomConfig;
  health?: HealthSettings;
}): Promise<Metrics> {
  const { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } = await import('prom-client');
  const store = opts.store instanceof Store ? sqliteFeedReader(opts.store) : opts.store;
  const health = opts.health ?? healthSettings(opts.config);
  const registry = new Registry();
  // Memory, CPU, event-loop lag, GC, handles: prom-client's standard process and nodejs_* series.
  collectDefaultMetrics({ register: registry });

  const cycleSeconds = new Histogram({
    name: 'wireroom_cycle_duration_seconds',
    help: 'Duration of worker cycles (fetch, parse, store every due source).',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'wireroom_fetch_outcomes_total',
    help: 'Source fetches by outcome: ok, not_modified, or the error class (timeout, dns, http, parse, gone...).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const entries = new Counter({
    name: 'wireroom_entries_stored_total',
    help: 'Entries stored by the worker: new ones, and changed versions of stored ones.',
    labelNames: ['change'],
    registers: [registry],
  });
  const stories = new Counter({
    name: 'wireroom_stories_made_total',
    help: 'Stories founded by newly stored entries (the others joined an existing story).',
    registers: [registry],
  });
  new Gauge({
    name: 'wireroom_sources_overdue',
    help: 'Enabled sources due longer ago than server.health allows a worker to go without a cycle.',
    registers: [registry],
    async collect() {
      this.set(await overdueSources(store, health));
    },
  });
  new Gauge({
    name: 'wireroom_last_cycle_finished_seconds',
    help: 'When the last worker cycle finished (Unix time; 0 before the first), read from the database.',
    registers: [registry],
    async collect() {
      const last = await store.lastCycle();
      this.set(last ? Date.parse(last.finishedAt) / 1000 : 0);
    },
  });
  const requests = new Histogram({
    name: 'wireroom_http_request_duration_seconds',
    help: 'HTTP requests by route kind (feed, page, health, metrics, web) and status, with their durations.',
    labelNames: ['route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Present from the start, so a rate over them is defined before the first cycle.
  for (const o of ['ok', 'not_modified']) outcomes.inc({ outcome: o }, 0);
  for (const c of ['new', 'updated']) entries.inc({ change: c }, 0);

  return {
    registry,
    observeCycle(cycle) {
      cycleSeconds.observe(cycle.durationMs / 1000);
      for (const s of cycle.sources) {
        const outcome = outcomeLabel(s);
        if (outcome) outcomes.inc({ outcome });
        entries.inc({ change: 'new' }, s.new);
        entries.inc({ change: 'updated' }, s.updated);
      }
      stories.inc(cycle.storiesMade);
    },
    timeRequest(req, res, basePath) {
      const started = performance.now();
      const route: RouteKind = routeKind((req.url ?? '/').split('?')[0] ?? '/', basePath);
      res.once('finish', () =>
        requests.observe({ route, status: String(res.statusCode) }, (performance.now() - started) / 1000),
      );
    },
  };
}

/**
 * GET /metrics on the public port: only with server.metrics.token_sha256 set (else 404, as if absent), and only for
 * `Authorization: Bearer TOKEN` whose SHA-256 it is (else 401).
 */
export function sendMetricsWithToken(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: Metrics | undefined,
  tokenSha256: string | undefined,
): void {
  if (!metrics || !tokenSha256) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  if (!bearerMatches(req.headers.authorization, tokenSha256)) {
    res
      .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="metrics"' })
      .end('unauthorized: /metrics needs Authorization: Bearer with the token of server.metrics.token_sha256\n');
    return;
  }
  sendMetrics(req, res, metrics);
}

/** Compares digests in constant time: the token itself is never stored or compared. */
export function bearerMatches(authorization: string | undefined, tokenSha256: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m?.[1]) return false;
  const given = createHash('sha256').update(m[1]).digest();
  const expected = Buffer.from(tokenSha256, 'hex');
  return expected.length === given.length && timingSafeEqual(given, expected);
}

function sendMetrics(req: IncomingMessage, res: ServerResponse, metrics: Metrics): void {
  metrics.registry
    .metrics()
    .then((body) => {
      res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    })
    .catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`metrics failed: ${(e as Error).message}\n`);
    });
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** /metrics on a listener of its own (server.metrics.port, on server.metrics.host): no token, keep it private. */
export async function serveMetrics(metrics: Metrics, at: { host: string; port: number }): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    metrics.timeRequest(req, res, '/');
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: metrics are at /metrics\n');
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('method not allowed\n');
    } else {
      sendMetrics(req, res, metrics);
    }
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`${at.host}:${at.port} (server.metrics.port) is already in use: choose another port`)
          : err,
      );
    server.once('error', failed);
    server.listen(at.port, at.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The metrics of a process and where they are served; `where` says so in one line for the log. */
export interface MetricsEndpoint {
  metrics?: Metrics;
  where: string;
  close(): Promise<void>;
}

/**
 * Serves metrics as server.metrics says. `metrics` are the public server's (it times requests into them and serves
 * them behind the token); without a public server (`run --no-server`) they are made here, for a port of their own.
 */
export async function openMetrics(opts: {
  config: WireroomConfig;
  store: Store | FeedReader;
  metrics?: Metrics;
  publicUrl?: string;
}): Promise<MetricsEndpoint> {
  const { publicToken, port, host } = metricsPlacement(opts.config);
  const metrics = opts.metrics ?? (port === undefined ? undefined : await createMetrics(opts));
  const own = metrics && port !== undefined ? await serveMetrics(metrics, { host, port }) : undefined;
  const places: string[] = [];
  if (publicToken && opts.publicUrl) places.push(`${opts.publicUrl}metrics (Authorization: Bearer token)`);
  if (own) places.push(own.url);
  return {
    metrics,
    where: places.join(' and ') || notServed(publicToken !== undefined),
    close: async () => own?.close(),
  };
}

function notServed(tokenSet: boolean): string {
  if (tokenSet)
    return 'off: server.metrics.token_sha256 serves them on the public port, and there is none; set server.metrics.port';
  return 'off (set server.metrics.token_sha256 or server.metrics.port in wireroom.yaml)';
}
