// The HTTP shell over publish: routing, the response cache, conditional requests, compression, CORS.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireroomConfig } from '../config/index.ts';
import { FEED_PARAM_NAMES, loadCollections, loadTagNames, Site, type Collection } from '../publish/index.ts';
import { Store, sqliteFeedReader, type FeedReader } from '../store/index.ts';
import { RenderedResponses } from './cache.ts';
import { healthSettings, sendHealth, type HealthSettings } from './health.ts';
import { createMetrics, metricsEnabled, metricsPlacement, sendMetricsWithToken, type Metrics } from './metrics.ts';
import { chooseEncoding, CORS, ResponseHeaders, sendCached, sendText } from './respond.ts';
import { route } from './router.ts';

export { chooseEncoding } from './respond.ts';

export interface ServerOptions {
  /** What the feeds read: a FeedReader (SQLite or PostgreSQL), or a SQLite Store (read through its FeedReader). */
  store: Store | FeedReader;
  config: WireroomConfig;
  /** Defaults to config/collections.yaml. */
  collections?: Collection[];
  port?: number;
  host?: string;
  /**
   * The config as edited since start (src/config liveConfig): collections, sources and taxonomy names edited in the
   * console or at the CLI show in the feeds without a restart. Without it the config given is used throughout.
   */
  liveConfig?: () => WireroomConfig;
  /** Serves /console/ and /api/v1/ (src/web); without it those paths are 404. */
  web?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Times every request; /metrics serves them to the bearer of server.metrics.token_sha256. Made here if absent. */
  metrics?: Metrics;
  /** How /healthz judges the worker's last cycle; defaults from the config's schedule and server.health. */
  health?: HealthSettings;
}

export interface RunningServer {
  url: string;
  /** How many responses were rendered since start (cache misses whose content had changed). */
  renders(): number;
  /** Requests are timed into these (when server.metrics enables them); the worker's cycles may count into them. */
  metrics?: Metrics;
  close(): Promise<void>;
}

/** What answering a request needs, built once per server. */
interface Handler {
  reader: FeedReader;
  site: Site;
  responses: RenderedResponses;
  headers: ResponseHeaders;
  /** The console and API (src/web), when the server runs with them. */
  web?: (req: IncomingMessage, res: ServerResponse) => void;
  health: HealthSettings;
  metrics?: Metrics;
  /** SHA-256 (hex) of the token /metrics on this port asks for; unset: no /metrics here. */
  metricsToken?: string;
}

/** The publish site for a config, with its collections and tag names read from the same folder. */
function siteFor(store: FeedReader, config: WireroomConfig, collections?: Collection[]): Site {
  return new Site({
    store,
    config,
    collections: collections ?? loadCollections(config.dir),
    names: loadTagNames(config.dir),
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { config } = opts;
  const store = opts.store instanceof Store ? sqliteFeedReader(opts.store) : opts.store;
  const site = siteFor(store, config, opts.collections);
  const handler: Handler = {
    reader: store,
    site,
    responses: new RenderedResponses(site),
    headers: new ResponseHeaders(config.server.cache_max_age),
    web: opts.web,
    health: opts.health ?? healthSettings(config),
    metricsToken: metricsPlacement(config).publicToken,
  };
  handler.metrics =
    opts.metrics ??
    (metricsEnabled(config) ? await createMetrics({ store, config, health: handler.health }) : undefined);
  let servedConfig = config;
  const server = createServer((req, res) => {
    const now = opts.liveConfig?.();
    if (now && now !== servedConfig) {
      // An edited folder: a new site (its collections and names), and no body rendered from the old one.
      servedConfig = now;
      try {
        handler.site = siteFor(store, now);
        handler.responses = new RenderedResponses(handler.site);
      } catch {
        // A collections or taxonomy file that no longer loads: keep serving what was valid (`check` says why).
      }
    }
    handler.metrics?.timeRequest(req, res, handler.site.basePath);
    answerSafely(handler, req, res);
  });
  await listen(server, opts.port ?? config.server.port, opts.host ?? config.server.host);
  return {
    url: serverUrl(server),
    renders: () => handler.responses.renders,
    metrics: handler.metrics,
    close: () => closeServer(server),
  };
}

/**
 * A bug or a failed query (a database gone away) answers 500, or drops the connection if the response had started;
 * it never crashes the server.
 */
function answerSafely(handler: Handler, req: IncomingMessage, res: ServerResponse): void {
  answer(handler, req, res).catch((e: unknown) => {
    if (!res.headersSent) sendText(res, 500, `internal error: ${(e as Error).message}`);
    else res.destroy();
  });
}

async function answer(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { path, query } = splitTarget(req.url ?? '/');
  const r = route(path, handler.site.basePath);
  const feed = r.kind === 'site' && r.feed;
  const cors = feed ? CORS : {};
  // The console and API answer every method themselves; their cookies have Path=/console/, so feeds never see them.
  if (r.kind === 'web') return handler.web ? handler.web(req, res) : sendText(res, 404, 'not found');
  if (req.method === 'OPTIONS' && feed) return sendPreflight(res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD', ...cors });
  }
  if (r.kind === 'bad') return sendText(res, 400, r.message);
  // The console and API answer every method themselves; public feed routes never see their cookies (Path=/console/).
  if (r.kind === 'health') return sendHealth(req, res, handler.reader, handler.health);
  if (r.kind === 'metrics') return sendMetricsWithToken(req, res, handler.metrics, handler.metricsToken);
  const out = await handler.responses.lookup(query ? cacheKey(r.path, query) : r.path, r.path, query);
  if ('status' in out) return sendText(res, out.status, out.message, cors);
  const enc = chooseEncoding(req.headers['accept-encoding']);
  sendCached(req, res, out, enc, handler.headers.for(out, enc, feed));
}

function splitTarget(target: string): { path: string; query: string } {
  const qi = target.indexOf('?');
  if (qi < 0) return { path: target, query: '' };
  return { path: target.slice(0, qi), query: target.slice(qi + 1) };
}

/** Path plus only the parameters that change the response: `?_=123` cache-busters must not each cost a render. */
function cacheKey(path: string, query: string): string {
  const kept = new URLSearchParams(query);
  for (const k of [...kept.keys()]) if (!FEED_PARAM_NAMES.has(k)) kept.delete(k);
  kept.sort();
  const rest = kept.toString();
  return rest ? `${path}?${rest}` : path;
}

/** CORS preflight for feeds: browsers may read them with conditional requests from any origin. */
function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS,
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
    'Access-Control-Max-Age': '86400',
  });
  res.end();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function serverUrl(server: Server): string {
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return `http://${shownHost}:${addr.port}/`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
