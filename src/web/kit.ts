// How a page or API route is registered: into the route table and onto the app, behind the guard that checks what
// it needs. Every console and API module registers through this, so no route exists outside the table.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { ROLE_SCOPES, TokenChecker } from '../auth/index.ts';
import { ListCache } from './api/list-cache.ts';
import { consoleRefusal } from './console/refusal.tsx';
import { problem } from './problem.ts';
import { CONSOLE_PREFIX, API_PREFIX, RouteTable, type Method, type Need, type Surface } from './routes.ts';
import { crossOriginReason, CSRF_FIELD, CSRF_HEADER, sameToken } from './security/csrf.ts';
import { heldScopes, type AppEnv, type WebDeps } from './types.ts';

export type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

export interface Kit {
  deps: WebDeps;
  table: RouteTable;
  /** A console page or form target under /console. */
  page(method: Method, path: string, need: Need, summary: string, handler: Handler): void;
  /** The guard for a route registered elsewhere (the OpenAPI routes under /api/v1). */
  guard(surface: Surface, method: Method, need: Need): MiddlewareHandler<AppEnv>;
  /** The origins this server answers as: the request's own and site.base_url's. */
  ownOrigins(c: Context<AppEnv>): string[];
  /** API tokens checked, kept while the database is unchanged (the app's auth and fast-read.ts share it). */
  tokens: TokenChecker;
  /** Rendered GET /api/v1/entries pages (the route and fast-read.ts share it). */
  entryLists: ListCache;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createKit(app: Hono<AppEnv>, deps: WebDeps, https: (c: Context<AppEnv>) => boolean): Kit {
  const table = new RouteTable();
  const baseOrigin = new URL(deps.config.site.base_url).origin;
  const ownOrigins = (c: Context<AppEnv>) => {
    const host = c.req.header('host');
    const own = host ? `${https(c) ? 'https' : 'http'}://${host}` : undefined;
    return own && own !== baseOrigin ? [own, baseOrigin] : [baseOrigin];
  };

  const guard =
    (surface: Surface, method: Method, need: Need): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      if (need === 'public') return next();
      const p = c.get('principal');
      if (surface === 'console' && p.kind !== 'session') return redirectToLogin(c);
      if (surface === 'api' && p.kind !== 'token') {
        return problem(c, 401, 'an API token is needed: Authorization: Bearer wr_...', {
          'WWW-Authenticate': 'Bearer realm="wireroom"',
        });
      }
      if (!heldScopes(p, ROLE_SCOPES).includes(need)) {
        const holder = p.kind === 'session' ? `the ${p.role} role` : 'this token';
        const why = `this needs the ${need} scope, which ${holder} does not have`;
        return surface === 'api' ? problem(c, 403, why) : consoleRefusal(c, 403, why);
      }
      if (UNSAFE.has(method)) {
        if (deps.store.readonly) {
          const why = 'this server is read-only (wireroom serve): make changes where the worker runs';
          return surface === 'api' ? problem(c, 503, why) : consoleRefusal(c, 503, why);
        }
        if (surface === 'console' && p.kind === 'session') {
          const refused = await csrfRefusal(c, p.csrf, ownOrigins(c));
          if (refused) return consoleRefusal(c, 403, refused);
        }
      }
      return next();
    };

  return {
    deps,
    table,
    guard,
    ownOrigins,
    tokens: new TokenChecker(deps.store),
    entryLists: new ListCache(),
    page(method, path, need, summary, handler) {
      table.add({ surface: 'console', method, path, need, summary });
      app.on(method, CONSOLE_PREFIX + path, guard('console', method, need), handler);
    },
  };
}

/** Why a console form is refused as forged, or undefined. */
async function csrfRefusal(c: Context<AppEnv>, expected: string, origins: string[]): Promise<string | undefined> {
  const cross = crossOriginReason(
    { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') },
    origins,
  );
  if (cross) return `refused as a cross-site request: ${cross}`;
  let given = c.req.header(CSRF_HEADER);
  if (!given && /form/.test(c.req.header('content-type') ?? '')) {
    const body = await c.req.parseBody();
    const field = body[CSRF_FIELD];
    given = typeof field === 'string' ? field : undefined;
  }
  if (!sameToken(expected, given)) return 'refused: the form is missing its security token or it is not this session’s';
  return undefined;
}

function redirectToLogin(c: Context<AppEnv>): Response {
  const next = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '';
  const to = next ? `${CONSOLE_PREFIX}/login?next=${encodeURIComponent(next)}` : `${CONSOLE_PREFIX}/login`;
  return c.redirect(to, 303);
}

export { API_PREFIX };
