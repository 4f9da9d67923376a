// A repeated GET /api/v1/entries answered before Hono builds its Request, runs routing, validation and the
// middleware: only when the token is good for `read` and the same query's page is cached at the current data
// version. Anything else (no or bad token, a query not seen or not valid, any other route) is left to the app,
// which answers it with its full checks and fills the cache for next time. The response is the app's, byte for byte.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenChecker } from '../../auth/index.ts';
import type { Store } from '../../store/index.ts';
import { API_PREFIX } from '../routes.ts';
import { rawSearch, type ListCache } from './list-cache.ts';

export const ENTRIES_PATH = `${API_PREFIX}/entries`;
/** The app's bearer rule (app.ts). */
export const BEARER = /^Bearer\s+(\S+)\s*$/i;

export interface FastReadDeps {
  store: Store;
  tokens: TokenChecker;
  lists: ListCache;
  now: () => Date;
}

/** Answers the request and returns true, or returns false having written nothing. */
export function fastEntriesRead(d: FastReadDeps, req: IncomingMessage, res: ServerResponse): boolean {
  const target = req.url ?? '';
  if (req.method !== 'GET' || !target.startsWith(ENTRIES_PATH)) return false;
  const rest = target.charCodeAt(ENTRIES_PATH.length);
  if (!Number.isNaN(rest) && rest !== 0x3f /* ? */) return false;
  const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) return false;
  const version = d.store.feeds.dataVersion();
  const body = d.lists.get(rawSearch(target), version);
  if (!body) return false;
  const rights = d.tokens.verify(bearer, d.now(), version);
  if (!rights?.scopes.includes('read')) return false;
  res.writeHead(200, listHeaders(body));
  res.end(body);
  return true;
}

/** The headers of an entries list page, on either path. */
export function listHeaders(body: Uint8Array): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': String(body.length) };
}
