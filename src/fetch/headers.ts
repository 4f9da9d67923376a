// Request headers we send and the response headers we interpret. Pure helpers.
import type { FetchSettings } from '../types.ts';

/** Prefer feed types, accept anything: the parser sniffs the format, so the header is only a hint. */
export const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.5';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

export const DEFAULT_USER_AGENT = 'wireroom/0.1 (feed aggregator; +https://github.com/wireroom/wireroom)';

export const DEFAULT_FETCH_SETTINGS: FetchSettings = {
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: DEFAULT_USER_AGENT,
  allowPrivate: [],
};

/** Cache-Control max-age in seconds; undefined when absent, malformed, or when no-store/no-cache forbid reuse. */
export function parseMaxAge(cacheControl: string | undefined): number | undefined {
  if (!cacheControl) return undefined;
  let maxAge: number | undefined;
  for (const part of cacheControl.toLowerCase().split(',')) {
    const [name = '', value] = part.trim().split('=', 2);
    if (name === 'no-store' || name === 'no-cache') return undefined;
    if (name === 'max-age' && value !== undefined) {
      const n = Number(value.replace(/^"|"$/g, ''));
      if (Number.isInteger(n) && n >= 0) maxAge = n;
    }
  }
  return maxAge;
}

/** Retry-After as seconds from `now`: delta-seconds or an HTTP-date (a past date means 0). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  // All three HTTP-date forms start with a day name; Date.parse alone would take "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Headers of one request: politeness, compression and the conditional-GET validators we hold. */
export function requestHeaders(
  settings: FetchSettings,
  state: { etag?: string; lastModified?: string },
): Record<string, string> {
  const h: Record<string, string> = {
    'user-agent': settings.userAgent || DEFAULT_USER_AGENT,
    accept: ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
  };
  if (state.etag) h['if-none-match'] = state.etag;
  if (state.lastModified) h['if-modified-since'] = state.lastModified;
  return h;
}
