// The fetch stage: fetchFeed() turns a source URL and its remembered state into a FetchOutcome. Network
// and server trouble never throws; it becomes { kind: 'error', code, reason } with a one-line reason.
import type { FetchOutcome, FetchSettings, FetchState } from '../types.ts';
import { FetchError } from './errors.ts';
import { fetchFile } from './file.ts';
import { fetchHttp } from './http-fetch.ts';
import type { HostLimiter } from './limiter.ts';
import { errorOutcome, startClock } from './outcome.ts';

export { FetchError, type FetchErrorCode } from './errors.ts';
export { ACCEPT, DEFAULT_FETCH_SETTINGS, DEFAULT_USER_AGENT, parseMaxAge, parseRetryAfter } from './headers.ts';
export { createHostLimiter, type HostLimiter, type HostLimiterOptions } from './limiter.ts';
export { nextFetchAt, nextFetchDelay, MAX_BACKOFF_MS, type NextFetchInput } from './schedule.ts';
export { AllowList, blockedReason } from './ssrf.ts';

export interface FetchOptions {
  /** The source was written in a config file: only then are file: URLs allowed. */
  trusted?: boolean;
  /** Cancels the fetch (e.g. on shutdown); the outcome is an error with code 'aborted'. */
  signal?: AbortSignal;
  /** Shared politeness limiter; the slot is held for the whole fetch, keyed by the starting host. */
  limiter?: HostLimiter;
}

/**
 * Fetches one feed. Starts from `state.effectiveUrl` when a previous permanent redirect set it, else `url`.
 * The timeout (settings.timeoutMs) is a total deadline over all redirect hops and the whole body; it
 * starts once the limiter grants a slot.
 */
export async function fetchFeed(
  url: string,
  state: FetchState,
  settings: FetchSettings,
  opts: FetchOptions = {},
): Promise<FetchOutcome> {
  const start = state.effectiveUrl || url;
  // An invalid URL is reported by fetchNow, which needs no slot for it.
  const first = parseUrl(start);
  if (!opts.limiter || !first) return fetchNow(start, first, state, settings, opts);
  try {
    return await opts.limiter.run(
      first.hostname || start,
      () => fetchNow(start, first, state, settings, opts),
      opts.signal,
    );
  } catch (err) {
    return errorOutcome(err, 0, start);
  }
}

/** Dispatches on the scheme: file: and http(s): are fetched apart; anything else is refused. */
async function fetchNow(
  startUrl: string,
  first: URL | undefined,
  state: FetchState,
  settings: FetchSettings,
  opts: FetchOptions,
): Promise<FetchOutcome> {
  const elapsed = startClock();
  if (!first) return errorOutcome(new FetchError('invalid-url', `${oneLineUrl(startUrl)}: not a valid URL`), elapsed());
  if (first.protocol === 'file:') {
    return fetchFile(first, state, settings.maxBodyBytes, opts.trusted === true, elapsed);
  }
  if (first.protocol !== 'http:' && first.protocol !== 'https:') {
    return errorOutcome(new FetchError('blocked', `${first.href}: scheme ${first.protocol} not allowed`), elapsed());
  }
  return fetchHttp(first, state, settings, opts.signal, elapsed);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function oneLineUrl(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 200);
}
