// A repeated GET /api/v1/entries answered before Hono builds its Request, runs routing, validation and the
// middleware: only when the token is good for `read` and the same query's page is cached at the current data
// version. Anything else (no or bad token, a query not seen or not valid, any other route) is left to the app,
// which answers it with its full checks and fills the cache for next time. The response is the app's, byte for byte.
// Whether a request is a candidate is decided at once from its request line and headers; only a candidate waits on
// the store (the data version, then the token), so every other request reaches the app without a turn of the loop.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenChecker } from '../../auth/index.ts';
import type { EditorStore } from '../../editor/index.ts';
import { API_PREFIX } from '../routes.ts';
import { rawSearch, type ListCache } from './list-cache.ts';

export const ENTRIES_PATH = `${API_PREFIX}/entries`;
/** The app's bearer rule (app.ts). */
export const BEARER = /^Bearer\s+(\S+)\s*$/i;

export interface FastReadDeps {
  store: Pick<EditorStore, 'feeds'>;
  tokens: Pick<TokenChecker, 'verify'>;
  lists: ListCache;
  now: () => Date;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * False at once when the request is not one the fast read answers. Otherwise a promise: true once it has answered,
 * false having written nothing (then the app must answer). A failing store read is left to the app as well, which
 * reports it with its own error handling.
 */
export function fastEntriesRead(d: FastReadDeps, req: IncomingMessage, res: ServerResponse): false | Promise<boolean> {
  const target = req.url ?? '';
  if (req.method !== 'GET' || !target.startsWith(ENTRIES_PATH)) return false;
  const rest = target.charCodeAt(ENTRIES_PATH.length);
  if (!Number.isNaN(rest) && rest !== 0x3f /* ? */) return false;
  const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) return false;
  return answer(d, bearer, target, res).catch(() => false);
}

async function answer(d: FastReadDeps, bearer: string, target: string, res: ServerResponse): Promise<boolean> {
  const body = d.lists.get(rawSearch(target), await d.store.feeds.dataVersion());
  if (!body) return false;
  const rights = await d.tokens.verify(bearer, d.now());
  if (!rights?.scopes.includes('read')) return false;
  res.writeHead(200, listHeaders(body));
  res.end(body);
  return true;
}

/** `app` behind the fast read: what app.ts serves as its listener. */
export function withFastEntriesRead(
  d: FastReadDeps,
  app: Listener,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const fast = fastEntriesRead(d, req, res);
    if (fast === false) void app(req, res);
    else void fast.then((done) => done || app(req, res));
  };
}

/** The headers of an entries list page, on either path. */
export function listHeaders(body: Uint8Array): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': String(body.length) };
}
