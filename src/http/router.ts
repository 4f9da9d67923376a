// Which handler answers a request path. Everything under feeds/, view/ and the index is the publish site's; the
// server adds /healthz and /metrics, and hands /console/ and /api/ to the web stage. A base path from site.base_url
// (e.g. /wire/) is accepted but not required, so the server works both behind a prefix-stripping proxy and directly.
export type Route =
  | { kind: 'health' }
  | { kind: 'metrics' }
  | { kind: 'web' }
  | { kind: 'site'; path: string; feed: boolean }
  | { kind: 'bad'; message: string };

/** The editors' console and the JSON API (src/web): everything else stays the publish site's. */
export function isWebPath(path: string): boolean {
  return /^\/(console|api)(\/|$)/.test(path);
}

export function route(rawPath: string, basePath: string): Route {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad', message: 'bad request: malformed percent-encoding in the path' };
  }
  if (basePath !== '/' && path.startsWith(basePath)) path = `/${path.slice(basePath.length)}`;
  if (path === '/healthz') return { kind: 'health' };
  if (path === '/metrics') return { kind: 'metrics' };
  if (isWebPath(path)) return { kind: 'web' };
  const rel = path.replace(/^\/+/, '');
  return { kind: 'site', path: rel, feed: rel.startsWith('feeds/') };
}

/** What kind of request a path is, as /metrics counts requests (a few fixed labels, never the path itself). */
export type RouteKind = 'feed' | 'page' | 'health' | 'metrics' | 'web';

export function routeKind(rawPath: string, basePath: string): RouteKind {
  const r = route(rawPath, basePath);
  if (r.kind === 'site') return r.feed ? 'feed' : 'page';
  // A malformed path is answered by the site (a 400), as a page.
  if (r.kind === 'bad') return 'page';
  return r.kind;
}
