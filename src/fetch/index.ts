// The fetch stage: fetchFeed() turns a source URL and its remembered state into a FetchOutcome. Network
// and server trouble never throws; it becomes { kind: 'error', code, reason } with a one-line reason.
import { STATUS_CODES } from 'node:http';
import type { FetchOutcome, FetchSettings, FetchState } from '../types.ts';
import { FetchError } from './errors.ts';
import { readFileSource } from './file.ts';
import { parseMaxAge, parseRetryAfter, requestHeaders } from './headers.ts';
import { Cancel, requestOnce, type HopResponse } from './http.ts';
import type { HostLimiter } from './limiter.ts';
import { AllowList, allowListFor, checkAddress, parseIp } from './ssrf.ts';

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

type ErrorOutcome = Extract<FetchOutcome, { kind: 'error' }>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

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
  let first: URL | undefined;
  try {
    first = new URL(start);
  } catch {
    // reported by fetchNow, which needs no slot for it
  }
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

async function fetchNow(
  startUrl: string,
  first: URL | undefined,
  state: FetchState,
  settings: FetchSettings,
  opts: FetchOptions,
): Promise<FetchOutcome> {
  const t0 = performance.now();
  const elapsed = (): number => Math.round(performance.now() - t0);

  if (!first) return errorOutcome(new FetchError('invalid-url', `${oneLineUrl(startUrl)}: not a valid URL`), elapsed());

  if (first.protocol === 'file:') {
    if (!opts.trusted) {
      return errorOutcome(
        new FetchError('blocked', `${first.href}: file: URLs are allowed only for sources in config files`),
        elapsed(),
      );
    }
    try {
      const r = await readFileSource(first, state, settings.maxBodyBytes);
      if (r.kind === 'not-modified') {
        return {
          kind: 'not-modified',
          status: 304,
          finalUrl: first.href,
          lastModified: r.lastModified,
          durationMs: elapsed(),
        };
      }
      if (r.body.toString('latin1').trim() === '') {
        return errorOutcome(new FetchError('empty', `${first.href}: file is empty`), elapsed(), first.href);
      }
      return {
        kind: 'ok',
        status: 200,
        body: r.body,
        finalUrl: first.href,
        lastModified: r.lastModified,
        bytes: r.body.length,
        durationMs: elapsed(),
      };
    } catch (err) {
      return errorOutcome(err, elapsed(), first.href);
    }
  }

  if (first.protocol !== 'http:' && first.protocol !== 'https:') {
    return errorOutcome(new FetchError('blocked', `${first.href}: scheme ${first.protocol} not allowed`), elapsed());
  }

  // Total deadline over every hop and the whole body: a server trickling one byte a second must fail.
  let current = first;
  const deadline = new Cancel();
  const timer = setTimeout(() => {
    deadline.cancel(new FetchError('timeout', `${current.href}: no complete response within ${settings.timeoutMs} ms`));
  }, settings.timeoutMs);
  const onCancel = (): void => deadline.cancel(new FetchError('aborted', `${current.href}: fetch cancelled`));
  if (opts.signal?.aborted) onCancel();
  else opts.signal?.addEventListener('abort', onCancel, { once: true });

  const allow = allowListFor(settings.allowPrivate);
  const headers = requestHeaders(settings, state);
  const visited = new Set<string>();
  let hops = 0;
  let allPermanent = true;

  try {
    for (;;) {
      visited.add(current.href);
      const blockedWhy = literalBlocked(current, allow);
      let res: HopResponse;
      try {
        if (blockedWhy) throw new FetchError('blocked', blockedWhy);
        res = await requestOnce(current, {
          headers,
          allow,
          connectTimeoutMs: settings.connectTimeoutMs,
          maxBodyBytes: settings.maxBodyBytes,
          cancel: deadline,
        });
      } catch (err) {
        // The guarded DNS lookup says why; say which URL it was about.
        if (err instanceof FetchError && err.code === 'blocked') {
          throw new FetchError('blocked', `${hops > 0 ? 'redirect to ' : ''}${current.href} blocked: ${err.reason}`);
        }
        throw err;
      }

      if (REDIRECTS.has(res.status)) {
        const next = redirectTarget(current, res);
        allPermanent &&= res.status === 301 || res.status === 308;
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new FetchError('blocked', `redirect to ${next.href} blocked: scheme ${next.protocol} not allowed`);
        }
        if (visited.has(next.href)) {
          throw new FetchError('redirect-loop', `${first.href}: redirect loop (${current.href} -> ${next.href})`);
        }
        hops++;
        if (hops > settings.maxRedirects) {
          throw new FetchError('too-many-redirects', `${first.href}: more than ${settings.maxRedirects} redirects`);
        }
        current = next;
        continue;
      }

      const permanentUrl = hops > 0 && allPermanent ? current.href : undefined;
      return outcomeFor(res, current, permanentUrl, state, elapsed());
    }
  } catch (err) {
    return errorOutcome(err, elapsed(), current.href);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
  }
}

/** IP-literal hosts never go through DNS, so the lookup guard cannot see them: check them here. */
function literalBlocked(url: URL, allow: AllowList): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!parseIp(host)) return undefined;
  return checkAddress(allow, host, host);
}

function redirectTarget(current: URL, res: HopResponse): URL {
  const location = res.headers.location;
  if (!location)
    throw new FetchError('http', `${current.href}: ${res.status} redirect without a Location header`, {
      status: res.status,
    });
  try {
    return new URL(location, current);
  } catch {
    throw new FetchError('http', `${current.href}: ${res.status} redirect to an invalid URL`, { status: res.status });
  }
}

function header(res: HopResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function outcomeFor(
  res: HopResponse,
  url: URL,
  permanentUrl: string | undefined,
  state: FetchState,
  durationMs: number,
): FetchOutcome {
  const finalUrl = url.href;
  const maxAgeSeconds = parseMaxAge(header(res, 'cache-control'));
  const etag = header(res, 'etag');
  const lastModified = header(res, 'last-modified');
  const status = res.status;

  if (status === 304) {
    // Servers often omit validators on 304: keep the ones we sent.
    return {
      kind: 'not-modified',
      status: 304,
      finalUrl,
      ...(permanentUrl && { permanentUrl }),
      ...opt('etag', etag ?? state.etag),
      ...opt('lastModified', lastModified ?? state.lastModified),
      ...opt('maxAgeSeconds', maxAgeSeconds),
      durationMs,
    };
  }
  if (status >= 200 && status < 300 && res.body) {
    if (res.body.length === 0 || res.body.toString('latin1').trim() === '') {
      return errorOutcome(
        new FetchError('empty', `${finalUrl}: empty response body (HTTP ${status})`, { status }),
        durationMs,
        finalUrl,
        permanentUrl,
      );
    }
    return {
      kind: 'ok',
      status,
      body: res.body,
      ...opt('contentType', header(res, 'content-type')),
      finalUrl,
      ...(permanentUrl && { permanentUrl }),
      ...opt('etag', etag),
      ...opt('lastModified', lastModified),
      ...opt('maxAgeSeconds', maxAgeSeconds),
      bytes: res.rawBytes,
      durationMs,
    };
  }

  const text = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  let err: FetchError;
  if (status === 410) {
    err = new FetchError('gone', `${finalUrl}: ${text}, the feed was removed`, { status });
  } else if (status === 429 || status === 503) {
    const retryAfterSeconds = parseRetryAfter(header(res, 'retry-after'));
    const when = retryAfterSeconds === undefined ? '' : `, retry after ${retryAfterSeconds} s`;
    err = new FetchError(status === 429 ? 'rate-limited' : 'unavailable', `${finalUrl}: ${text}${when}`, {
      status,
      ...opt('retryAfterSeconds', retryAfterSeconds),
    });
  } else {
    err = new FetchError('http', `${finalUrl}: ${text}`, { status });
  }
  return errorOutcome(err, durationMs, finalUrl, permanentUrl);
}

function errorOutcome(err: unknown, durationMs: number, finalUrl?: string, permanentUrl?: string): ErrorOutcome {
  const e =
    err instanceof FetchError
      ? err
      : new FetchError(
          'network',
          `${finalUrl ?? 'fetch'}: unexpected error: ${err instanceof Error ? err.message : String(err)}`,
        );
  return {
    kind: 'error',
    code: e.code,
    reason: e.reason.replace(/\s+/g, ' ').trim(),
    ...opt('status', e.extra.status),
    ...opt('retryAfterSeconds', e.extra.retryAfterSeconds),
    ...opt('finalUrl', finalUrl),
    ...opt('permanentUrl', permanentUrl),
    durationMs,
  };
}

/** Spreads `{ [key]: value }` only when value is defined (keeps outcomes free of undefined keys). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function oneLineUrl(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 200);
}
