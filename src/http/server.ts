// The HTTP shell over publish: routing, the response cache, conditional requests, compression, CORS.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireroomConfig } from '../config/index.ts';
import { FEED_PARAM_NAMES, loadCollections, loadTagNames, Site, type Collection } from '../publish/index.ts';
import type { Store } from '../store/index.ts';
import { ResponseCache, toCachedResponse, type CachedResponse } from './cache.ts';
import { route } from './router.ts';

export interface ServerOptions {
  store: Store;
  config: WireroomConfig;
  /** Defaults to config/collections.yaml. */
  collections?: Collection[];
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  /** How many responses were rendered since start (cache misses whose content had changed). */
  renders(): number;
  close(): Promise<void>;
}

type Encoding = 'br' | 'gzip' | 'identity';

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified',
};

/** The best encoding the client accepts (q > 0), preferring brotli. */
export function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name!.trim(), qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}

function etagFor(hash: string, enc: Encoding): string {
  return `"${hash}${enc === 'identity' ? '' : `-${enc}`}"`;
}

/** If-None-Match matches any encoding of the same body: they are the same content. */
function noneMatch(header: string, hash: string): boolean {
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v.replace(/^"|"$/g, '').replace(/-(gzip|br)$/, '') === hash;
  });
}

/** Path plus only the parameters that change the response: `?_=123` cache-busters must not each cost a render. */
function cacheKey(path: string, query: string): string {
  const kept = new URLSearchParams(query);
  for (const k of [...kept.keys()]) if (!FEED_PARAM_NAMES.has(k)) kept.delete(k);
  kept.sort();
  const rest = kept.toString();
  return rest ? `${path}?${rest}` : path;
}

function notModifiedSince(header: string, lastModified: Date | undefined): boolean {
  if (!lastModified) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { store, config } = opts;
  const site = new Site({
    store,
    config,
    collections: opts.collections ?? loadCollections(config.dir),
    names: loadTagNames(config.dir),
  });
  const cache = new ResponseCache();
  let renders = 0;
  const startedAt = Date.now();
  const maxAge = config.server.cache_max_age;

  const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(res.req.method === 'HEAD' ? undefined : `${body}\n`);
  };

  /** Keyed by path and the parameters that matter: a hit on unchanged data runs no query and renders nothing. */
  const lookup = (
    key: string,
    path: string,
    query: string,
  ): CachedResponse | { status: 400 | 404; message: string } => {
    const version = store.feeds.dataVersion();
    const hit = cache.get(key);
    if (hit && hit.version === version) return hit;
    const r = site.resolve(path, new URLSearchParams(query));
    if (!r.ok) return r;
    if (hit && hit.fingerprint === r.resource.fingerprint) {
      hit.version = version; // data changed elsewhere; this feed did not: no re-render
      return hit;
    }
    renders++;
    const fresh = toCachedResponse(r.resource, version);
    // Last-Modified must move whenever the body does: a change seen while serving (a removal, a story losing a
    // member) happened now; a body first rendered since start may have changed at any time before it.
    const floor = new Date(hit ? Date.now() : startedAt);
    if (!fresh.lastModified || fresh.lastModified < floor) fresh.lastModified = floor;
    cache.set(key, fresh);
    return fresh;
  };

  /** Response headers per cached body and encoding, built once. */
  const headerMemo = new WeakMap<CachedResponse, Partial<Record<Encoding, Record<string, string>>>>();
  const headersFor = (out: CachedResponse, enc: Encoding, feed: boolean): Record<string, string> => {
    let m = headerMemo.get(out);
    if (!m) headerMemo.set(out, (m = {}));
    return (m[enc] ??= {
      ...(feed ? CORS : {}),
      'Content-Type': out.contentType,
      'Cache-Control': `public, max-age=${maxAge}`,
      ETag: etagFor(out.hash, enc),
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      ...(out.lastModified ? { 'Last-Modified': out.lastModified.toUTCString() } : {}),
      ...(out.contentType.startsWith('text/html')
        ? {
            'Content-Security-Policy':
              "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
          }
        : {}),
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '/';
    const qi = target.indexOf('?');
    const r = route(qi < 0 ? target : target.slice(0, qi), site.basePath);
    const feed = r.kind === 'site' && r.feed;
    const cors = feed ? CORS : {};
    if (req.method === 'OPTIONS' && feed) {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
        'Access-Control-Max-Age': '86400',
      });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return text(res, 405, 'method not allowed', { Allow: 'GET, HEAD', ...cors });
    if (r.kind === 'bad') return text(res, 400, r.message);
    if (r.kind === 'health') {
      try {
        store.db.prepare('SELECT 1').get();
        return text(res, 200, 'ok');
      } catch (e) {
        return text(res, 503, `database unavailable: ${(e as Error).message}`);
      }
    }
    const query = qi < 0 ? '' : target.slice(qi + 1);
    const out = lookup(query ? cacheKey(r.path, query) : r.path, r.path, query);
    if ('status' in out) return text(res, out.status, out.message, cors);
    const enc = chooseEncoding(req.headers['accept-encoding']);
    const headers = headersFor(out, enc, feed);
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (inm !== undefined ? noneMatch(inm, out.hash) : ims !== undefined && notModifiedSince(ims, out.lastModified)) {
      res.writeHead(304, headers);
      return res.end();
    }
    const body = enc === 'br' ? out.br : enc === 'gzip' ? out.gzip : out.body;
    res.writeHead(
      200,
      enc === 'identity'
        ? { ...headers, 'Content-Length': body.length }
        : { ...headers, 'Content-Encoding': enc, 'Content-Length': body.length },
    );
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      if (!res.headersSent) text(res, 500, `internal error: ${(e as Error).message}`);
      else res.destroy();
    }
  });
  const host = opts.host ?? config.server.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config.server.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}/`,
    renders: () => renders,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
